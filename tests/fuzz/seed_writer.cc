// Writes the seed corpora of the fuzz targets: partita_fuzz_seeds <source dir> <output dir> makes
// <output dir>/<target>/ for every target of this directory. Seeds come from the bytes the tests already hold:
//   request          every request captured from real clients in tests/engine/protocol/test_messages_golden*.cc
//                    (FromHex strings), plus the test samples of every request at every version we serve
//   record_batch     the golden batches written by kafka-python (tests/engine/batch/golden_batches.h) and
//                    batches of every codec from BatchBuilder
//   decompress       the compressed records of those batches, one per codec (first byte picks the codec)
//   legacy           the golden magic 0/1 message sets, plain and gzip
//   log_recovery     a real partition directory (segment, indexes, epoch checkpoint) written by Log, whole and
//                    with its tail cut
//   znode_json       each znode kind as our encoders (golden-tested against Kafka's) write it
//   consumer_protocol subscription/assignment blobs v0-v3 and __consumer_offsets records
//   txn_log          __transaction_state keys and values (v0 as we write them in several states, a flexible v1)
// Run at build time by the partita_fuzz_corpus target; libFuzzer reads the seeds, new finds go elsewhere.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include "engine/client/consumer_protocol.h"
#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/group/group_records.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/request_header.h"
#include "engine/protocol/writer.h"
#include "engine/storage/log.h"
#include "engine/transactions/txn_log_records.h"
#include "tests/engine/batch/golden_batches.h"
#include "tests/engine/protocol/message_samples.h"
#include "tests/engine/protocol/message_samples_admin.h"
#include "tests/engine/protocol/message_samples_group.h"
#include "tests/fuzz/request_types.h"
#include "engine/protocol/messages/all_samples.h"

namespace fs = std::filesystem;
using namespace partita;
using namespace partita::protocol;
using Bytes = std::vector<uint8_t>;

namespace {

fs::path g_out;

void Seed(const std::string& target, const std::string& name, std::span<const uint8_t> bytes) {
  const fs::path dir = g_out / target;
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void Seed(const std::string& target, const std::string& name, uint8_t selector, std::span<const uint8_t> bytes) {
  Bytes b{selector};
  b.insert(b.end(), bytes.begin(), bytes.end());
  Seed(target, name, b);
}

void Seed(const std::string& target, const std::string& name, uint8_t selector, const std::string& text) {
  Seed(target, name, selector, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Bytes FromHex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Bytes AsBytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

// The tests' sample of each request (non-default values in every field the version carries).
#define SAMPLE(Name) \
  Name##Request SampleFor(const Name##Request&, int16_t v) { return testing::Sample##Name##Request(v); }
SAMPLE(Metadata)
SAMPLE(Produce)
SAMPLE(Fetch)
SAMPLE(ListOffsets)
SAMPLE(CreateTopics)
SAMPLE(DeleteTopics)
SAMPLE(DescribeConfigs)
SAMPLE(CreatePartitions)
SAMPLE(DeleteRecords)
SAMPLE(ApiVersions)
SAMPLE(OffsetForLeaderEpoch)
SAMPLE(InitProducerId)
SAMPLE(AlterConfigs)
SAMPLE(IncrementalAlterConfigs)
SAMPLE(DescribeLogDirs)
SAMPLE(DescribeCluster)
SAMPLE(ElectLeaders)
SAMPLE(AlterPartitionReassignments)
SAMPLE(ListPartitionReassignments)
SAMPLE(FindCoordinator)
SAMPLE(JoinGroup)
SAMPLE(SyncGroup)
SAMPLE(Heartbeat)
SAMPLE(LeaveGroup)
SAMPLE(OffsetCommit)
SAMPLE(OffsetFetch)
SAMPLE(DescribeGroups)
SAMPLE(ListGroups)
SAMPLE(DeleteGroups)
SAMPLE(OffsetDelete)
#undef SAMPLE

// ---- request ----
void RequestSeeds(const fs::path& source) {
  int n = 0;
  const std::regex hex_literal("FromHex\\(\"([0-9a-fA-F]+)\"\\)");
  for (const char* file : {"test_messages_golden.cc", "test_messages_golden_admin.cc", "test_messages_golden_group.cc"}) {
    const std::string text = ReadText(source / "tests/engine/protocol" / file);
    for (std::sregex_iterator it(text.begin(), text.end(), hex_literal), end; it != end; ++it) {
      Seed("request", "captured-" + std::to_string(n++), FromHex((*it)[1].str()));
    }
  }
  fuzzing::ForEachRequestType([](auto request) {
    using T = decltype(request);
    for (int16_t v = T::kMinVersion; v <= T::kMaxVersion; ++v) {
      RequestHeader header;
      header.api_key = static_cast<int16_t>(T::kApiKey);
      header.api_version = v;
      header.correlation_id = 7;
      header.client_id = "seed";
      Writer w;
      header.Encode(w, v >= T::kFirstFlexibleVersion ? 2 : 1);
      SampleFor(T{}, v).Encode(w, v);
      if (!w.splices().empty()) continue;
      Seed("request", "api" + std::to_string(header.api_key) + "-v" + std::to_string(v), w.bytes());
    }
  });
}

// ---- messages: every generated message, request and response, every declared version ----
void MessageSeeds() {
  generated::ForEachApi([](auto request, auto response) {
    using Req = decltype(request);
    using Resp = decltype(response);
    for (int16_t v = Req::kMinVersion; v <= Req::kMaxVersion; ++v) {
      for (int seed : {2, 3}) {
        auto emit = [&](auto sample, uint8_t which) {
          testing::Sample(sample, v, seed);
          Writer w;
          w.WriteInt16(static_cast<int16_t>(Req::kApiKey));
          w.WriteInt16(v);
          w.WriteInt8(static_cast<int8_t>(which));
          sample.Encode(w, v);
          Seed("messages", "api" + std::to_string(static_cast<int>(Req::kApiKey)) + "-v" + std::to_string(v) +
                               (which ? "-resp-" : "-req-") + std::to_string(seed), w.bytes());
        };
        emit(Req{}, 0);
        emit(Resp{}, 1);
      }
    }
  });
}

// ---- record batches, decompressors, legacy sets ----
Bytes MakeBatch(Compression c, int64_t base_offset, int records) {
  BatchBuilder::Options o;
  o.compression = c;
  o.base_offset = base_offset;
  BatchBuilder b(o);
  for (int i = 0; i < records; ++i) {
    const std::string key = "key-" + std::to_string(i), value = "value-" + std::to_string(i * 7);
    const Header headers[] = {{std::span(reinterpret_cast<const uint8_t*>("h"), 1), std::nullopt}};
    b.Append(1700000000000 + i, std::span(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
             std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size()), headers);
  }
  return b.Build().value();
}

void BatchSeeds() {
  Seed("record_batch", "golden-v2-none", FromHex(kGoldenV2None));
  Seed("record_batch", "golden-v2-gzip", FromHex(kGoldenV2Gzip));
  Seed("record_batch", "golden-v2-idempotent", FromHex(kGoldenV2Idempotent));
  Seed("legacy", "golden-v0-none", FromHex(kGoldenV0None));
  Seed("legacy", "golden-v1-none", FromHex(kGoldenV1None));
  Seed("legacy", "golden-v1-gzip", FromHex(kGoldenV1Gzip));
  Seed("legacy", "golden-v0-gzip", FromHex(kGoldenV0Gzip));
  Bytes all;
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kSnappy, Compression::kLz4,
                        Compression::kZstd}) {
    const std::string name(CompressionName(c));
    const Bytes batch = MakeBatch(c, all.empty() ? 0 : 100, 5);
    Seed("record_batch", "built-" + name, batch);
    if (c != Compression::kNone) {
      // The decompress target's input: codec byte + the batch's compressed records.
      Seed("decompress", "records-" + name, static_cast<uint8_t>(c), std::span(batch).subspan(kBatchHeaderSize));
    }
    all.insert(all.end(), batch.begin(), batch.end());
  }
  Seed("record_batch", "built-all-codecs", all);
  const Bytes gzip_golden = FromHex(kGoldenV2Gzip);
  Seed("decompress", "golden-gzip", static_cast<uint8_t>(Compression::kGzip), std::span(gzip_golden).subspan(kBatchHeaderSize));
}

// ---- a partition directory ----
Bytes FileBytes(const fs::path& path) {
  const std::string s = ReadText(path);
  return AsBytes(s);
}

void AppendChunk(Bytes& out, const Bytes& chunk) {
  const size_t n = std::min<size_t>(chunk.size(), 0xFFFF);
  out.push_back(static_cast<uint8_t>(n >> 8));
  out.push_back(static_cast<uint8_t>(n));
  out.insert(out.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
}

void LogSeeds() {
  const fs::path dir = fs::temp_directory_path() / ("partita-fuzz-seeds-" + std::to_string(getpid())) / "t-0";
  fs::remove_all(dir);
  storage::LogConfig config;
  config.index_interval_bytes = 64;
  auto log = storage::Log::Open(dir.string(), config, {}).value();
  int epoch = 0;
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kNone, Compression::kZstd}) {
    (void)log->AppendAsLeader(MakeBatch(c, 0, 4), LeaderEpoch(++epoch));
  }
  (void)log->Close();
  const Bytes seg = FileBytes(dir / "00000000000000000000.log");
  const Bytes index = FileBytes(dir / "00000000000000000000.index");
  const Bytes time_index = FileBytes(dir / "00000000000000000000.timeindex");
  const Bytes epochs = FileBytes(dir / "leader-epoch-checkpoint");
  for (uint8_t clean : {0, 1}) {
    Bytes whole{clean}, no_index{clean}, cut{clean};
    AppendChunk(whole, index), AppendChunk(whole, time_index), AppendChunk(whole, epochs);
    whole.insert(whole.end(), seg.begin(), seg.end());
    Seed("log_recovery", "partition-" + std::to_string(clean), whole);
    AppendChunk(no_index, {}), AppendChunk(no_index, {}), AppendChunk(no_index, epochs);
    no_index.insert(no_index.end(), seg.begin(), seg.end());
    Seed("log_recovery", "no-index-" + std::to_string(clean), no_index);
    cut = whole;
    cut.resize(cut.size() - 10);  // a torn last batch
    Seed("log_recovery", "torn-tail-" + std::to_string(clean), cut);
  }
  fs::remove_all(dir.parent_path());
}

// ---- znodes ----
void ZnodeSeeds() {
  using namespace partita::coordination;
  BrokerRegistration b;
  b.id = 1;
  b.host = "localhost";
  b.port = 9092;
  b.endpoints = {BrokerEndpoint{"PLAINTEXT", "localhost", 9092, "PLAINTEXT"}};
  b.rack = "r1";
  b.timestamp_ms = 1700000000000;
  Seed("znode_json", "broker", 0, EncodeBrokerRegistration(b));
  Seed("znode_json", "controller", 1, EncodeControllerInfo({1, 1700000000000}));
  Seed("znode_json", "controller-epoch", 2, EncodeControllerEpoch(5));
  TopicAssignment a;
  a.partitions = {{0, {1, 2, 3}}, {1, {2, 3, 1}}};
  a.adding_replicas = {{0, {3}}};
  a.removing_replicas = {{1, {1}}};
  a.topic_id = "AAAAAAAAAAAAAAAAAAAAAA";
  Seed("znode_json", "topic", 3, EncodeTopicAssignment(a));
  Seed("znode_json", "partition-state", 4, EncodePartitionState({1, 3, 2, {1, 2, 3}}));
  Seed("znode_json", "topic-config", 5, EncodeTopicConfig({{"cleanup.policy", "compact"}, {"retention.ms", "1000"}}));
  Seed("znode_json", "cluster-id", 6, EncodeClusterId("abcdefghijklmnopqrstuv"));
  const TopicPartition tp{"t", PartitionId(0)};
  Seed("znode_json", "reassign", 7, EncodeReassignPartitions({{tp, {1, 2}}}));
  Seed("znode_json", "partition-list", 8, EncodePartitionList({tp, {"u", PartitionId(3)}}));
  Seed("znode_json", "producer-id-block", 9, EncodeProducerIdBlock({1, 1000, 1000}));
  ControlledShutdownNode cs;
  cs.broker_id = 2;
  cs.broker_epoch = 77;
  cs.done = true;
  cs.remaining = {tp};
  Seed("znode_json", "controlled-shutdown", 10, EncodeControlledShutdown(cs));
}

// ---- consumer protocol and __consumer_offsets ----
Bytes Subscription(int16_t version) {
  Writer w;
  w.WriteInt16(version);
  w.WriteInt32(2);
  w.WriteString("orders");
  w.WriteString("payments");
  w.WriteNullableBytes(std::nullopt);  // user data
  if (version >= 1) {                  // owned partitions
    w.WriteInt32(1);
    w.WriteString("orders");
    w.WriteInt32(2);
    w.WriteInt32(0);
    w.WriteInt32(1);
  }
  if (version >= 2) w.WriteInt32(4);  // generation
  if (version >= 3) w.WriteNullableString(std::string("rack-a"));
  return w.TakeBytes();
}

Bytes Assignment(int16_t version) {
  Writer w;
  w.WriteInt16(version);
  w.WriteInt32(1);
  w.WriteString("orders");
  w.WriteInt32(2);
  w.WriteInt32(0);
  w.WriteInt32(1);
  const uint8_t user_data[] = {1, 2, 3};
  w.WriteNullableBytes(std::span<const uint8_t>(user_data));
  return w.TakeBytes();
}

void ConsumerProtocolSeeds() {
  for (int16_t v = 0; v <= 3; ++v) {
    Seed("consumer_protocol", "subscription-v" + std::to_string(v), 0, Subscription(v));
    Seed("consumer_protocol", "assignment-v" + std::to_string(v), 1, Assignment(v));
    Seed("consumer_protocol", "coordinator-subscription-v" + std::to_string(v), 2, Subscription(v));
  }
  Seed("consumer_protocol", "offset-key", 3, group::EncodeOffsetCommitKey({"g", "orders", 3}));
  Seed("consumer_protocol", "group-key", 3, group::EncodeGroupMetadataKey({"g"}));
  Seed("consumer_protocol", "offset-value", 4, group::EncodeOffsetCommitValue({42, 3, "meta", 1700000000000, -1}));
  group::GroupMetadataValue g;
  g.protocol_type = "consumer";
  g.generation = 3;
  g.protocol = "range";
  g.leader = "m1";
  g.current_state_timestamp = 1700000000000;
  g.members.push_back({"m1", "instance-1", "client", "/127.0.0.1", 30000, 10000, Subscription(1), Assignment(1)});
  Seed("consumer_protocol", "group-value", 5, group::EncodeGroupMetadataValue(g));
}

void TxnLogSeeds() {
  using transactions::TxnState;
  Seed("txn_log", "key", 0, transactions::EncodeTxnLogKey("orders-app"));
  transactions::TransactionMetadata m;
  m.producer_id = 4000;
  m.producer_epoch = 3;
  m.timeout_ms = 60000;
  m.last_update_ms = 1700000000000;
  Seed("txn_log", "value-empty", 1, transactions::EncodeTxnLogValue(m));
  m.state = TxnState::kOngoing;
  m.start_ms = 1700000000000;
  m.partitions = {{"orders", 0}, {"orders", 2}, {"__consumer_offsets", 17}};
  Seed("txn_log", "value-ongoing", 1, transactions::EncodeTxnLogValue(m));
  m.state = TxnState::kPrepareCommit;
  Seed("txn_log", "value-prepare-commit", 1, transactions::EncodeTxnLogValue(m));
  m.state = TxnState::kCompleteAbort;
  Seed("txn_log", "value-complete-abort", 1, transactions::EncodeTxnLogValue(m));
  // Version 1 (flexible): compact array and strings, tagged fields per topic and at the end.
  Writer w;
  w.WriteInt16(1);
  w.WriteInt64(7);
  w.WriteInt16(1);
  w.WriteInt32(1000);
  w.WriteInt8(static_cast<int8_t>(TxnState::kCompleteCommit));
  w.WriteUnsignedVarint(2);
  w.WriteCompactString("x");
  w.WriteUnsignedVarint(3);
  w.WriteInt32(5);
  w.WriteInt32(6);
  w.WriteUnsignedVarint(0);
  w.WriteInt64(1);
  w.WriteInt64(2);
  w.WriteUnsignedVarint(0);
  Seed("txn_log", "value-v1", 1, w.TakeBytes());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: partita_fuzz_seeds <source dir> <output dir>\n";
    return 2;
  }
  g_out = argv[2];
  fs::remove_all(g_out);
  RequestSeeds(argv[1]);
  MessageSeeds();
  BatchSeeds();
  LogSeeds();
  ZnodeSeeds();
  ConsumerProtocolSeeds();
  TxnLogSeeds();
  return 0;
}
