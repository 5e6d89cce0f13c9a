// partita-cli delete-records: kafka-delete-records.sh --bootstrap-server H:P --offset-json-file F.
// F is Kafka's {"version":1,"partitions":[{"topic":"t","partition":0,"offset":3}]} (offset -1: up to the high
// watermark). Each partition's DeleteRecords goes to its leader, which advances the log start offset (the low
// watermark) and deletes the segments wholly below it. Output as Kafka's DeleteRecordsCommand:
//   Executing records delete operation
//   Records delete operation completed:
//   partition: t-0	low_watermark: 3
//   partition: t-1	error: OFFSET_OUT_OF_RANGE ...
// Unlike Kafka's tool (which exits 0 whatever happened), the exit code is 1 when any partition failed, so a
// script notices.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/delete_records.h"

namespace partita::cli {

namespace {

struct RecordsToDelete {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
};

// Kafka's DeleteRecordsCommand.parseOffsetJsonStringWithoutDedup, with its messages where it has one.
Result<std::vector<RecordsToDelete>> ParseOffsetJson(const std::string& text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument("the offset JSON file is not valid JSON");
  if (!doc.is_object()) return Status::InvalidArgument("the offset JSON file must hold a JSON object");
  if (doc.contains("version") && (!doc["version"].is_number_integer() || doc["version"].get<int64_t>() != 1)) {
    return Status::InvalidArgument("Not supported version field value " + doc["version"].dump());
  }
  if (!doc.contains("partitions") || !doc["partitions"].is_array()) {
    return Status::InvalidArgument("the offset JSON file has no \"partitions\" array");
  }
  std::vector<RecordsToDelete> out;
  std::set<std::pair<std::string, int32_t>> seen;
  std::string duplicates;
  for (const auto& p : doc["partitions"]) {
    if (!p.is_object() || !p.contains("topic") || !p["topic"].is_string() || !p.contains("partition") ||
        !p["partition"].is_number_integer() || !p.contains("offset") || !p["offset"].is_number_integer()) {
      return Status::InvalidArgument("each partition needs \"topic\" (string), \"partition\" and \"offset\" "
                                     "(integers): " + p.dump());
    }
    RecordsToDelete r{p["topic"].get<std::string>(), p["partition"].get<int32_t>(), p["offset"].get<int64_t>()};
    if (!seen.emplace(r.topic, r.partition).second) {
      if (!duplicates.empty()) duplicates += ",";
      duplicates += r.topic + "-" + std::to_string(r.partition);
    }
    out.push_back(std::move(r));
  }
  if (!duplicates.empty()) {
    return Status::InvalidArgument("Offset json file contains duplicate topic partitions: " + duplicates);
  }
  if (out.empty()) return Status::InvalidArgument("the offset JSON file lists no partitions");
  return out;
}

}  // namespace

int RunDeleteRecords(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--offset-json-file", true,
       "REQUIRED: {\"partitions\":[{\"topic\":\"foo\",\"partition\":1,\"offset\":1}],\"version\":1}"},
  };
  const char* verb = "delete-records";
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage(verb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli delete-records --bootstrap-server H:P --offset-json-file F", specs).c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(verb, "--bootstrap-server is required");
  auto file = a.Get("--offset-json-file");
  if (!file) return ReportUsage(verb, "--offset-json-file is required");
  auto text = ReadTextFile(*file);
  if (!text.ok()) return ReportError(verb, text.status().message());
  auto wanted = ParseOffsetJson(*text);
  if (!wanted.ok()) return ReportError(verb, *file + ": " + wanted.status().message());

  auto c = ConnectOrReport(verb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto metadata = c->RefreshMetadata();
  if (!metadata.ok()) return ReportError(verb, metadata.status().message());

  // Results in the file's order; partitions without a leader are answered here, the rest grouped per leader.
  std::vector<std::string> results(wanted->size());
  bool failed = false;
  std::map<int32_t, std::vector<size_t>> by_leader;
  for (size_t i = 0; i < wanted->size(); ++i) {
    const auto& w = (*wanted)[i];
    const client::TopicInfo* topic = metadata->FindTopic(w.topic);
    const client::PartitionInfo* partition = nullptr;
    if (topic && topic->error_code == 0) {
      for (const auto& p : topic->partitions)
        if (p.partition == w.partition) partition = &p;
    }
    if (!partition) {
      results[i] = "error: UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition.";
      failed = true;
    } else if (partition->leader < 0) {
      results[i] = "error: LEADER_NOT_AVAILABLE: There is no leader for this topic-partition.";
      failed = true;
    } else {
      by_leader[partition->leader].push_back(i);
    }
  }
  std::printf("Executing records delete operation\n");
  for (const auto& [leader, items] : by_leader) {
    protocol::DeleteRecordsRequest req;
    req.timeout_ms = c->options().admin_timeout_ms;
    for (size_t i : items) {
      const auto& w = (*wanted)[i];
      auto it = std::find_if(req.topics.begin(), req.topics.end(), [&](const auto& t) { return t.name == w.topic; });
      if (it == req.topics.end()) {
        req.topics.emplace_back().name = w.topic;
        it = req.topics.end() - 1;
      }
      auto& p = it->partitions.emplace_back();
      p.partition_index = w.partition;
      p.offset = w.offset;
    }
    auto resp = c->SendToBroker<protocol::DeleteRecordsRequest, protocol::DeleteRecordsResponse>(leader, req);
    for (size_t i : items) {
      const auto& w = (*wanted)[i];
      if (!resp.ok()) {
        results[i] = "error: " + resp.status().message();
        failed = true;
        continue;
      }
      results[i] = "error: no answer for this partition from " + c->DescribeBroker(leader);
      for (const auto& t : resp->topics) {
        if (t.name != w.topic) continue;
        for (const auto& p : t.partitions) {
          if (p.partition_index != w.partition) continue;
          if (p.error_code == 0) {
            results[i] = "low_watermark: " + std::to_string(p.low_watermark);
          } else {
            const auto code = static_cast<protocol::ErrorCode>(p.error_code);
            results[i] = std::string("error: ") + protocol::ErrorCodeName(code) + ": " + protocol::ErrorCodeMessage(code);
          }
        }
      }
      if (results[i].rfind("error: ", 0) == 0) failed = true;
    }
  }
  std::printf("Records delete operation completed:\n");
  for (size_t i = 0; i < wanted->size(); ++i) {
    std::printf("partition: %s-%d\t%s\n", (*wanted)[i].topic.c_str(), (*wanted)[i].partition, results[i].c_str());
  }
  return failed ? 1 : 0;
}

}  // namespace partita::cli
