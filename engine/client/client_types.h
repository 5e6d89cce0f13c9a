// Value types of the client API (engine/client): what ClusterClient returns and takes. Plain values, safe to
// copy between threads; the desktop app wraps them in its snapshots.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/protocol/batch_header.h"

namespace partita::client {

struct BrokerInfo {
  int32_t id = -1;
  std::string host;
  int port = 0;
  std::optional<std::string> rack;
  std::string Address() const { return host + ":" + std::to_string(port); }
};

struct PartitionInfo {
  int32_t partition = 0;
  int32_t leader = -1;  // -1: no leader
  int32_t leader_epoch = -1;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  std::vector<int32_t> offline;
  int16_t error_code = 0;  // Kafka error of this partition in the metadata answer (e.g. LEADER_NOT_AVAILABLE)
};

struct TopicInfo {
  std::string name;
  std::string topic_id;  // Kafka's 22-character text (Metadata v10+, KIP-516); "AAAAAAAAAAAAAAAAAAAAAA" if none
  bool is_internal = false;
  int16_t error_code = 0;
  std::vector<PartitionInfo> partitions;  // sorted by partition id
  const PartitionInfo* FindPartition(int32_t id) const;  // binary search; nullptr if absent
  int ReplicationFactor() const { return partitions.empty() ? 0 : static_cast<int>(partitions[0].replicas.size()); }
};

struct ClusterMetadata {
  std::optional<std::string> cluster_id;
  int32_t controller_id = -1;
  std::vector<BrokerInfo> brokers;  // sorted by id
  std::vector<TopicInfo> topics;    // sorted by name
  const BrokerInfo* FindBroker(int32_t id) const;
  const TopicInfo* FindTopic(const std::string& name) const;  // binary search (topics are sorted)
};

// A per-item outcome of a batch admin call (one topic, one partition, one resource).
struct ItemStatus {
  std::string name;  // topic, "topic-partition" or resource name
  Status status;
};

struct NewTopic {
  std::string name;
  int32_t partitions = -1;          // -1: broker default (num.partitions)
  int16_t replication_factor = -1;  // -1: broker default (default.replication.factor)
  // Explicit assignment: replicas per partition (index = partition id); overrides the two counts.
  std::vector<std::vector<int32_t>> replica_assignment;
  std::vector<std::pair<std::string, std::string>> configs;
};

// Kafka's ConfigResource types.
enum class ConfigResourceType : int8_t { kTopic = 2, kBroker = 4, kBrokerLogger = 8 };

struct ConfigResource {
  ConfigResourceType type = ConfigResourceType::kTopic;
  std::string name;  // topic name, or broker id as text ("" = cluster-wide default for brokers)
};

// Kafka's ConfigSource values (DescribeConfigs v1+).
enum class ConfigSource : int8_t {
  kUnknown = 0,
  kDynamicTopicConfig = 1,
  kDynamicBrokerConfig = 2,
  kDynamicDefaultBrokerConfig = 3,
  kStaticBrokerConfig = 4,
  kDefaultConfig = 5,
  kDynamicBrokerLoggerConfig = 6,
};
// Kafka's names as kafka-configs prints them: "DYNAMIC_TOPIC_CONFIG", "DEFAULT_CONFIG", ...
const char* ConfigSourceName(int8_t source);

struct ConfigSynonym {
  std::string name;
  std::optional<std::string> value;
  int8_t source = 0;  // ConfigSource
};

struct ConfigEntry {
  std::string name;
  std::optional<std::string> value;  // null for sensitive values
  int8_t source = 0;                 // ConfigSource
  bool read_only = false;
  bool is_sensitive = false;
  bool is_default = false;  // source == DEFAULT_CONFIG (or v0 is_default)
  std::vector<ConfigSynonym> synonyms;  // most specific first, as the broker lists them
};

// One change of IncrementalAlterConfigs (kafka-configs --add-config / --delete-config).
struct ConfigOp {
  enum class Type : int8_t { kSet = 0, kDelete = 1, kAppend = 2, kSubtract = 3 };
  std::string name;
  std::optional<std::string> value;
  Type type = Type::kSet;
};

// ListOffsets specs: a timestamp, or -1 latest, -2 earliest, -3 max timestamp.
inline constexpr int64_t kLatestTimestamp = -1;
inline constexpr int64_t kEarliestTimestamp = -2;
inline constexpr int64_t kMaxTimestamp = -3;

// Fetch and ListOffsets isolation (KIP-98): read_committed reads only up to the last stable offset and leaves
// out the records of aborted transactions; ListOffsets LATEST then answers the LSO instead of the high watermark.
enum class IsolationLevel : int8_t { kReadUncommitted = 0, kReadCommitted = 1 };

struct PartitionOffset {
  TopicPartition tp;
  Status status;  // non-ok: the partition's error, naming the partition and broker
  int64_t offset = -1;
  int64_t timestamp = -1;
  int32_t leader_epoch = -1;
};

struct ConsumedHeader {
  std::string key;
  std::optional<std::string> value;
};

struct ConsumedRecord {
  int64_t offset = 0;
  int64_t timestamp = 0;
  bool log_append_time = false;
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<ConsumedHeader> headers;
  int32_t partition_leader_epoch = -1;
  protocol::Compression compression = protocol::Compression::kNone;
  // Transactions (KIP-98). The batch's producer (-1: none), whether the batch is transactional, and for a
  // control record (only returned with FetchOptions::include_control) its COMMIT/ABORT marker.
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  bool transactional = false;
  enum class Control : int8_t { kNone, kCommit, kAbort };
  Control control = Control::kNone;
  // A transactional data record's outcome: known when the fetch holds the producer's next marker (or, with
  // read_committed, for every record below the LSO: aborted ones are left out, the others are committed).
  enum class Outcome : int8_t { kUnknown, kCommitted, kAborted };
  Outcome outcome = Outcome::kUnknown;
};

// How FetchRecords reads: include_control returns COMMIT/ABORT markers as records (Control set, key and value
// the raw marker bytes) instead of skipping them.
struct FetchOptions {
  int32_t max_bytes = 1 << 20;
  int32_t max_wait_ms = 0;
  IsolationLevel isolation = IsolationLevel::kReadUncommitted;
  bool include_control = false;
};

// One entry of a read_committed Fetch answer's aborted_transactions: producer_id's records from first_offset on
// belong to an aborted transaction until that producer's ABORT marker.
struct AbortedTxn {
  int64_t producer_id = -1;
  int64_t first_offset = -1;
};

struct FetchResult {
  std::vector<ConsumedRecord> records;  // offsets >= the requested offset, in order
  int64_t high_watermark = -1;
  int64_t log_start_offset = -1;
  int64_t last_stable_offset = -1;
  int64_t next_offset = -1;  // where to continue: last record + 1, or the requested offset when none
};

// One partition of a FetchMany answer: its records (next_offset: where to continue) or why it failed.
struct PartitionFetch {
  TopicPartition tp;
  Status status;
  FetchResult result;
};

struct ProduceRecord {
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<ConsumedHeader> headers;
  int64_t timestamp = -1;  // -1: now
};

// The producer identity a Produce batch carries (KIP-98), set by TransactionalProducer; the default is a plain
// producer's batch (no id, no sequence, not transactional, no transactional id in the request).
struct ProducerBatchIdentity {
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;  // the first record's sequence; the broker checks it follows the last one (KIP-98)
  bool transactional = false;
  std::optional<std::string> transactional_id;  // the ProduceRequest's; set with transactional
};

struct ProduceResult {
  int64_t base_offset = -1;  // -1 with acks=0
  int64_t log_append_time = -1;
  int64_t log_start_offset = -1;
};

// What a coordinator coordinates: FindCoordinator's key_type (KIP-98 added TRANSACTION).
enum class CoordinatorType : int8_t { kGroup = 0, kTransaction = 1 };

// The key a coordinator is found for: a group id or a transactional id.
struct CoordinatorKey {
  CoordinatorType type = CoordinatorType::kGroup;
  std::string key;
  // "group 'g'" / "transactional id 't'": how errors name it.
  std::string Label() const {
    return (type == CoordinatorType::kGroup ? "group '" : "transactional id '") + key + "'";
  }
  auto operator<=>(const CoordinatorKey&) const = default;
};

enum class ElectionType : int8_t { kPreferred = 0, kUnclean = 1 };

struct ElectionResult {
  TopicPartition tp;
  Status status;  // ok = elected; ELECTION_NOT_NEEDED is reported as ok with not_needed = true
  bool not_needed = false;
};

// Target replicas of one partition; nullopt replicas cancels a reassignment in progress.
struct Reassignment {
  TopicPartition tp;
  std::optional<std::vector<int32_t>> replicas;
};

struct OngoingReassignment {
  TopicPartition tp;
  std::vector<int32_t> replicas;
  std::vector<int32_t> adding;
  std::vector<int32_t> removing;
};

struct LogDirPartition {
  TopicPartition tp;
  int64_t size = 0;
  int64_t offset_lag = 0;
  bool is_future = false;
};

struct LogDirInfo {
  std::string path;
  Status status;
  std::vector<LogDirPartition> partitions;
  int64_t total_bytes = -1;
  int64_t usable_bytes = -1;
};

}  // namespace partita::client
