#include "perf_options.h"

#include <charconv>
#include <string_view>

namespace partita::perf {

namespace {

template <typename T>
bool ParseNumber(std::string_view text, T* out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end;
}

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (value == a) return true;
  }
  return false;
}

}  // namespace

const char* UsageText() {
  return
      "usage:\n"
      "  partita-perf produce --bootstrap-servers H:P --topic T --num-records N\n"
      "      [--record-size 100] [--acks 1|all|0] [--compression none|gzip|snappy|lz4|zstd]\n"
      "      [--throughput -1] [--linger-ms 5] [--batch-size BYTES] [--transaction-size N]\n"
      "      [-X key=value ...]\n"
      "      (--transaction-size: a transactional producer (acks=all) that commits every N records;\n"
      "       prints the commit latency)\n"
      "  partita-perf consume --bootstrap-servers H:P --topic T --num-records N\n"
      "      [--group G] [--timeout-ms 30000] [-X key=value ...]\n"
      "      (without --group: assign all partitions from the beginning, no group)\n"
      "  partita-perf both ...      produce, then consume the same records\n"
      "  partita-perf latency --bootstrap-servers H:P --topic T --num-records N\n"
      "      [--throughput R] [--acks 1|all] [--linger-ms 5] [--record-size >=24] [--timeout-ms M]\n"
      "      end-to-end latency (consume time - send time, p50/p99/p99.9) with the producer at R\n"
      "      records/s; R <= 0 (default) first measures the maximum rate and uses half of it\n"
      "common options:\n"
      "  --mock N               run against librdkafka's in-process mock cluster with N brokers\n"
      "                         instead of --bootstrap-servers (consume alone preloads the topic)\n"
      "  --compare-mock         run against --bootstrap-servers AND a 1-broker mock (or --mock N);\n"
      "                         print our rate as a fraction of the mock's\n"
      "  --partitions P         partitions of the topic created in the mock (default 1; with\n"
      "                         --compare-mock: as many as the topic has on --bootstrap-servers)\n"
      "  --report-interval-ms M progress line period while producing (default 5000, 0 = off)\n"
      "  -X key=value           any librdkafka property, applied after the options above\n"
      "exit status: 0 clean run; 1 delivery/consume errors or missing records; 2 usage error\n";
}

bool ParseOptions(int argc, char** argv, Options* out, std::string* error) {
  error->clear();
  if (argc < 2) {
    *error = "missing command (produce, consume, both or latency)";
    return false;
  }
  std::string_view command = argv[1];
  if (command == "-h" || command == "--help") return false;
  if (command == "produce") {
    out->mode = Mode::kProduce;
  } else if (command == "consume") {
    out->mode = Mode::kConsume;
  } else if (command == "both") {
    out->mode = Mode::kBoth;
  } else if (command == "latency") {
    out->mode = Mode::kLatency;
  } else {
    *error = "unknown command '" + std::string(command) + "'";
    return false;
  }

  for (int i = 2; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help") return false;
    if (flag == "--compare-mock") {
      out->compare_mock = true;
      continue;
    }
    if (i + 1 >= argc) {
      *error = "option " + std::string(flag) + " needs a value";
      return false;
    }
    std::string value = argv[++i];
    bool ok = true;
    if (flag == "--bootstrap-servers" || flag == "--bootstrap-server" || flag == "-b") {
      out->bootstrap_servers = value;
    } else if (flag == "--topic" || flag == "-t") {
      out->topic = value;
    } else if (flag == "--num-records") {
      ok = ParseNumber(value, &out->num_records) && out->num_records > 0;
    } else if (flag == "--record-size") {
      ok = ParseNumber(value, &out->record_size) && out->record_size >= 0;
    } else if (flag == "--acks") {
      if (value == "-1") value = "all";
      ok = OneOf(value, {"0", "1", "all"});
      out->acks = value;
    } else if (flag == "--compression") {
      ok = OneOf(value, {"none", "gzip", "snappy", "lz4", "zstd"});
      out->compression = value;
    } else if (flag == "--throughput") {
      ok = ParseNumber(value, &out->throughput);
    } else if (flag == "--linger-ms") {
      ok = ParseNumber(value, &out->linger_ms) && out->linger_ms >= 0;
    } else if (flag == "--transaction-size") {
      ok = ParseNumber(value, &out->transaction_size) && out->transaction_size > 0;
    } else if (flag == "--batch-size") {
      ok = ParseNumber(value, &out->batch_size) && out->batch_size > 0;
    } else if (flag == "--group") {
      out->group = value;
      ok = !value.empty();
    } else if (flag == "--mock") {
      ok = ParseNumber(value, &out->mock_brokers) && out->mock_brokers > 0;
    } else if (flag == "--partitions") {
      ok = ParseNumber(value, &out->partitions) && out->partitions > 0;
    } else if (flag == "--timeout-ms") {
      ok = ParseNumber(value, &out->timeout_ms) && out->timeout_ms > 0;
    } else if (flag == "--report-interval-ms") {
      ok = ParseNumber(value, &out->report_interval_ms) && out->report_interval_ms >= 0;
    } else if (flag == "-X") {
      size_t eq = value.find('=');
      ok = eq != std::string::npos && eq > 0;
      if (ok) out->extra.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else {
      *error = "unknown option " + std::string(flag);
      return false;
    }
    if (!ok) {
      *error = "bad value '" + value + "' for " + std::string(flag);
      return false;
    }
  }

  if (out->topic.empty()) {
    *error = "--topic is required";
  } else if (out->num_records <= 0) {
    *error = "--num-records is required";
  } else if (out->mode == Mode::kLatency && out->compare_mock) {
    *error = "latency does not compare with the mock";
  } else if (out->compare_mock && out->bootstrap_servers.empty()) {
    *error = "--compare-mock needs --bootstrap-servers (the cluster to compare with the mock)";
  } else if (!out->compare_mock && out->mock_brokers == 0 && out->bootstrap_servers.empty()) {
    *error = "--bootstrap-servers or --mock N is required";
  } else if (!out->compare_mock && out->mock_brokers > 0 && !out->bootstrap_servers.empty()) {
    *error = "--mock and --bootstrap-servers exclude each other (use --compare-mock for both)";
  }
  return error->empty();
}

}  // namespace partita::perf
