// ClusterClient: the Kafka client of the CLI and the desktop app. It bootstraps from "host:port[,host:port]",
// keeps the cluster's metadata (brokers, controller, topics with leader/replicas/ISR), holds one
// BrokerConnection per broker id, and routes each request where Kafka wants it:
//   controller         CreateTopics, DeleteTopics, CreatePartitions, ElectLeaders, AlterPartitionReassignments,
//                      ListPartitionReassignments (on NOT_CONTROLLER or a lost controller: metadata refresh and
//                      retry with a growing pause, up to ClientOptions::controller_retry_ms);
//   partition leaders  ListOffsets, Fetch, Produce (grouped per leader; retried once after a refresh when a
//                      leader moved; Produce keeps retrying, paused, up to ClientOptions::leader_retry_ms);
//   a given broker     DescribeConfigs / AlterConfigs of a broker resource, DescribeLogDirs;
//   group coordinator  DescribeGroups, OffsetFetch, OffsetCommit, DeleteGroups, OffsetDelete (found with
//                      FindCoordinator and cached per group; on NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE,
//                      COORDINATOR_LOAD_IN_PROGRESS or a lost connection: forget, pause, find again, up to
//                      ClientOptions::coordinator_retry_ms);
//   txn coordinator    DescribeTransactions, and TransactionalProducer's InitProducerId, AddPartitionsToTxn and
//                      EndTxn (found and retried the same way, key type TRANSACTION);
//   every broker       ListGroups (each broker lists the groups it coordinates; the answers are merged);
//   any broker         Metadata, DescribeConfigs / AlterConfigs of a topic.
// Errors are Status values whose message names the broker ("broker 2 (127.0.0.1:9093)"), the topic or
// partition, and the Kafka error (protocol::ErrorCodeName), e.g.
//   "CreateTopics 'orders' on controller 1 (127.0.0.1:9092): TOPIC_ALREADY_EXISTS: Topic 'orders' already exists."
// Kafka errors map to Status codes: TOPIC_ALREADY_EXISTS -> AlreadyExists, UNKNOWN_TOPIC_OR_PARTITION ->
// NotFound, REQUEST_TIMED_OUT -> Timeout, UNSUPPORTED_VERSION -> Unsupported, leader/controller/broker
// availability errors -> Unavailable, everything else -> InvalidArgument.
// Blocking: every call waits at most its timeouts (ConnectionOptions); call from a worker thread, never from
// the GUI thread. Thread safety: all public methods lock one mutex, so several threads may share a client, but
// calls are serialized. Ownership: owns its connections; results are values.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/broker_connection.h"
#include "engine/client/client_types.h"
#include "engine/client/fetch_session_builder.h"
#include "engine/client/group_types.h"
#include "engine/client/retry_backoff.h"
#include "engine/client/transaction_types.h"
#include "engine/common/clock.h"
#include "engine/protocol/error_code.h"

namespace partita::client {

struct ClientOptions {
  ConnectionOptions connection;
  // timeout_ms sent in admin requests (CreateTopics, DeleteTopics...): how long the controller may wait.
  int admin_timeout_ms = 30000;
  // How long controller-bound requests keep retrying (with a growing pause and a metadata refresh in between)
  // while the answer is NOT_CONTROLLER or the controller is unreachable: a controller election in progress.
  int controller_retry_ms = 15000;
  // The same for group-coordinator-bound requests while the coordinator moves or loads its offsets partition.
  int coordinator_retry_ms = 15000;
  // How long a Produce keeps retrying a retriable leader error (NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE,
  // UNKNOWN_TOPIC_OR_PARTITION from a leader that has not applied a new topic yet...), with a growing pause and a
  // metadata refresh in between, as Kafka's producer retries them within delivery.timeout.ms. Nothing was
  // written when a leader answers these, so a retry cannot duplicate.
  int leader_retry_ms = 10000;
};

// A Status for a Kafka error code with context; ok for NONE. message is the broker's error_message, if any.
Status KafkaError(int16_t error_code, const std::string& context,
                  const std::optional<std::string>& message = std::nullopt);

class ClusterClient {
 public:
  // Connects to the first reachable bootstrap server and loads the metadata. Unavailable (listing every
  // server tried and why) when none answers.
  static Result<std::unique_ptr<ClusterClient>> Connect(const std::string& bootstrap_servers,
                                                        const ClientOptions& options = {});
  ~ClusterClient();
  ClusterClient(const ClusterClient&) = delete;
  ClusterClient& operator=(const ClusterClient&) = delete;

  // --- Metadata -----------------------------------------------------------------------------------------
  // Reloads brokers, controller and all topics (no auto-creation).
  Result<ClusterMetadata> RefreshMetadata();
  // The last metadata loaded (a copy).
  ClusterMetadata Metadata() const;

  // --- Topics (kafka-topics) ----------------------------------------------------------------------------
  // Fresh metadata of all topics, sorted by name; include_internal = false drops __consumer_offsets & co.
  Result<std::vector<TopicInfo>> ListTopics(bool include_internal = true);
  // Fresh metadata of the named topics (all topics when names is empty). A name the cluster does not know is
  // NotFound naming it.
  Result<std::vector<TopicInfo>> DescribeTopics(const std::vector<std::string>& names = {});
  Status CreateTopic(const NewTopic& topic, bool validate_only = false);
  Result<std::vector<ItemStatus>> CreateTopics(const std::vector<NewTopic>& topics, bool validate_only = false);
  Status DeleteTopic(const std::string& name);
  Result<std::vector<ItemStatus>> DeleteTopics(const std::vector<std::string>& names);
  // Grows a topic to total_count partitions; assignments (one replica list per NEW partition) are optional.
  Status CreatePartitions(const std::string& topic, int32_t total_count,
                          const std::vector<std::vector<int32_t>>& assignments = {}, bool validate_only = false);

  // --- Configs (kafka-configs) --------------------------------------------------------------------------
  // All entries (keys empty) or the named ones, in the broker's order.
  Result<std::vector<ConfigEntry>> DescribeConfigs(const ConfigResource& resource,
                                                   const std::vector<std::string>& keys = {});
  // IncrementalAlterConfigs (set/delete/append/subtract single keys).
  Status IncrementalAlterConfigs(const ConfigResource& resource, const std::vector<ConfigOp>& ops,
                                 bool validate_only = false);
  // Legacy AlterConfigs: replaces the resource's whole dynamic config with `configs`.
  Status AlterConfigs(const ConfigResource& resource, const std::vector<std::pair<std::string, std::string>>& configs,
                      bool validate_only = false);

  // --- Offsets and records ------------------------------------------------------------------------------
  // One entry per requested partition, in request order; per-partition errors are in PartitionOffset::status.
  // timestamp: kLatestTimestamp (-1), kEarliestTimestamp (-2), kMaxTimestamp (-3) or a time in ms.
  // isolation read_committed makes LATEST answer the last stable offset (KIP-98).
  Result<std::vector<PartitionOffset>> ListOffsets(const std::vector<TopicPartition>& partitions, int64_t timestamp,
                                                   IsolationLevel isolation = IsolationLevel::kReadUncommitted);
  // The log end offset of broker_id's own replica of each partition (leader or follower): a ListOffsets LATEST
  // with Kafka's DEBUGGING_REPLICA_ID (-2), which any replica answers without an isolation level, i.e. with its
  // LEO rather than the high watermark. Per-partition errors in PartitionOffset::status.
  Result<std::vector<PartitionOffset>> ReplicaLogEndOffsets(int32_t broker_id, const std::vector<TopicPartition>& partitions);
  // All partitions of a topic, sorted by partition.
  Result<std::vector<PartitionOffset>> ListTopicOffsets(const std::string& topic, int64_t timestamp);
  // Browsing fetch from the leader: records from `offset` on, up to about max_bytes (at least one batch).
  // max_wait_ms > 0 waits for data at the end of the log.
  Result<FetchResult> FetchRecords(const TopicPartition& tp, int64_t offset, int32_t max_bytes = 1 << 20,
                                   int32_t max_wait_ms = 0);
  // The same with an isolation level and, optionally, the control records (see FetchOptions).
  Result<FetchResult> FetchRecords(const TopicPartition& tp, int64_t offset, const FetchOptions& options);
  // A consumer's fetch of many partitions (partition -> position) over incremental fetch sessions (KIP-227),
  // one per leader, as Kafka's consumer: the first fetch to a leader sends every partition it leads and opens
  // a session; later ones send only partitions whose position changed (and forget the ones no longer asked
  // for), and the leader answers only partitions with news, so a consumer of many idle partitions costs the
  // broker little. Returns the partitions answered (missing ones: nothing new). A session error starts that
  // leader's session over; a moved leader refreshes the metadata for the next call. max_wait_ms is shared by
  // the leaders asked in turn. Close with CloseFetchSessions.
  Result<std::vector<PartitionFetch>> FetchMany(const std::map<TopicPartition, int64_t>& positions,
                                                const FetchOptions& options);
  // Closes the FetchMany sessions (a Fetch at the final epoch -1 naming each session: the broker frees it).
  void CloseFetchSessions();
  // The last FetchMany request to `broker_id` (tests, benchmarks).
  struct SessionFetchStats {
    int32_t session_id = 0;   // the session the broker answered (0: none)
    bool incremental = false;
    size_t partitions_sent = 0;
  };
  SessionFetchStats LastSessionFetch(int32_t broker_id) const;

  // Produces the records as one batch to the leader. acks: 0, 1 or -1 (all). identity: the producer id, epoch,
  // base sequence and transactional flag the batch carries (TransactionalProducer's; default: none).
  // *kafka_error (optional) receives the partition's Kafka error code when the leader answered one (0 otherwise).
  Result<ProduceResult> Produce(const TopicPartition& tp, const std::vector<ProduceRecord>& records, int16_t acks = -1,
                                protocol::Compression compression = protocol::Compression::kNone,
                                const ProducerBatchIdentity& identity = {}, int16_t* kafka_error = nullptr);

  // --- Cluster operations -------------------------------------------------------------------------------
  // partitions = nullopt: every partition (Kafka's --all-topic-partitions).
  Result<std::vector<ElectionResult>> ElectLeaders(ElectionType type,
                                                   const std::optional<std::vector<TopicPartition>>& partitions);
  Result<std::vector<ItemStatus>> AlterPartitionReassignments(const std::vector<Reassignment>& reassignments);
  // partitions = nullopt: all reassignments in progress.
  Result<std::vector<OngoingReassignment>> ListPartitionReassignments(
      const std::optional<std::vector<TopicPartition>>& partitions = std::nullopt);
  // Log dirs of one broker, with the size of every partition replica in them.
  Result<std::vector<LogDirInfo>> DescribeLogDirs(int32_t broker_id);

  // --- Consumer groups (kafka-consumer-groups); admin_groups.cc and group_lag.cc --------------------------
  // Every group of the cluster (asked of every broker), sorted by id. states (e.g. {"Stable","Empty"},
  // case-insensitive) filters; empty = all.
  Result<std::vector<GroupListing>> ListGroups(const std::vector<std::string>& states = {});
  // Members with their decoded assignments. A group the coordinator does not know comes back with state
  // "Dead" and no members (as Kafka answers), not as an error.
  Result<GroupDescription> DescribeGroup(const std::string& group);
  // Every partition the group has a committed offset for.
  Result<std::map<TopicPartition, int64_t>> FetchCommittedOffsets(const std::string& group);
  // One row per committed or assigned partition, sorted by partition; log start/end from the leaders.
  // with_time_lag fetches the record at each lagging committed offset (a small fetch, batched per leader).
  Result<std::vector<PartitionLag>> GroupLag(const std::string& group, bool with_time_lag = true);
  // Admin commit (generation -1, no member): only for a group without active members (Empty, or unknown);
  // otherwise FailedPrecondition-like InvalidArgument naming the group and its state.
  Status CommitOffsets(const std::string& group, const std::map<TopicPartition, int64_t>& offsets);
  // One result per group, in request order (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND... per item).
  Result<std::vector<ItemStatus>> DeleteGroups(const std::vector<std::string>& groups);
  // Deletes committed offsets of partitions the group no longer consumes (GROUP_SUBSCRIBED_TO_TOPIC otherwise).
  Status DeleteOffsets(const std::string& group, const std::vector<TopicPartition>& partitions);

  // --- Transactions (kafka-transactions.sh, KIP-664); admin_transactions.cc ---------------------------------
  // A broker without the API answers Unsupported (UNSUPPORTED_VERSION), naming the API and the broker.
  // Every transactional id of the cluster (ListTransactions on every broker), sorted by id; states and
  // producer_ids filter (empty = all).
  Result<std::vector<TransactionListing>> ListTransactions(const std::vector<std::string>& states = {},
                                                           const std::vector<int64_t>& producer_ids = {});
  // FindCoordinator (key type TRANSACTION) then DescribeTransactions.
  Result<TransactionDescription> DescribeTransaction(const std::string& transactional_id);
  // The active producers of a partition, asked of its leader (or of the replica on `broker`).
  Result<std::vector<ProducerStateInfo>> DescribeProducers(const TopicPartition& tp,
                                                           std::optional<int32_t> broker = std::nullopt);
  // kafka-transactions.sh find-hanging over `partitions` (all partitions when empty): open transactions whose
  // producer last wrote more than max_age_ms ago and that no coordinator lists as ongoing with the partition.
  Result<std::vector<HangingTransaction>> FindHangingTransactions(const std::vector<TopicPartition>& partitions,
                                                                  int64_t max_age_ms);
  // kafka-transactions.sh abort: an ABORT marker for the producer's transaction on tp (WriteTxnMarkers to the
  // leader). The transaction's records become aborted and the partition's LSO moves past them.
  Status AbortTransaction(const TopicPartition& tp, int64_t producer_id, int16_t producer_epoch,
                          int32_t coordinator_epoch);

  // --- Raw access (for APIs without a helper) -----------------------------------------------------------
  // Sends to the given broker / the controller / any broker; version kPickVersion picks min(ours, broker's).
  template <class Req, class Resp>
  Result<Resp> SendToBroker(int32_t broker_id, const Req& req, int16_t version = kPickVersion) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    auto conn = ConnectionTo(broker_id);
    if (!conn.ok()) return conn.status();
    return (*conn)->Send<Req, Resp>(req, version);
  }
  template <class Req, class Resp>
  Result<Resp> SendToAny(const Req& req, int16_t version = kPickVersion) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    auto conn = AnyConnection();
    if (!conn.ok()) return conn.status();
    return (*conn)->Send<Req, Resp>(req, version);
  }
  // has_not_controller(resp) says whether any item failed with NOT_CONTROLLER; then the metadata is refreshed
  // and the request sent once more to the new controller.
  template <class Req, class Resp>
  Result<Resp> SendToController(const Req& req, const std::function<bool(const Resp&)>& has_not_controller,
                                int16_t version = kPickVersion) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    RetryBackoff backoff(options_.controller_retry_ms);
    for (;;) {
      auto conn = ControllerConnection();
      if (!conn.ok() && conn.status().code() != Status::Code::kUnavailable) return conn.status();
      if (conn.ok()) {
        auto resp = (*conn)->template Send<Req, Resp>(req, version);
        if (resp.ok() && !(has_not_controller && has_not_controller(*resp))) return resp;
        if (!resp.ok() && (*conn)->connected()) return resp.status();  // an answer we cannot use: no retry
        if (backoff.Exhausted()) return resp;
        if (!resp.ok()) DropConnection(metadata_.controller_id);
      } else if (backoff.Exhausted()) {
        return conn.status();
      }
      backoff.Pause();
      (void)RefreshMetadataLocked();
    }
  }

  // Sends req to the coordinator of key (FindCoordinator, cached), retrying while the coordinator moves or loads:
  // error_of returns the answer's error code that concerns the coordinator (or 0); on NOT_COORDINATOR,
  // COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS or a lost connection the coordinator is forgotten,
  // and after a pause found again, up to ClientOptions::coordinator_retry_ms; past it the last answer (or error)
  // is returned. *coordinator receives the broker that answered. max_version caps the version picked (some
  // versions are broker-to-broker: AddPartitionsToTxn v4+); kPickVersion: min(ours, the broker's).
  template <class Req, class Resp>
  Result<Resp> SendToCoordinator(const CoordinatorKey& key, const Req& req,
                                 const std::function<int16_t(const Resp&)>& error_of, int32_t* coordinator,
                                 int16_t max_version = kPickVersion) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    RetryBackoff backoff(options_.coordinator_retry_ms);
    bool refresh = false;
    for (;;) {
      Status last;
      auto coord = CoordinatorOf(key, refresh);
      if (coord.ok()) {
        *coordinator = *coord;
        auto conn = ConnectionTo(*coord);
        if (conn.ok()) {
          int16_t version = kPickVersion;
          if (max_version != kPickVersion) {
            auto picked = (*conn)->PickVersionFor(Req::kApiKey, Req::kMinVersion, max_version);
            if (!picked.ok()) return picked.status();
            version = *picked;
          }
          auto resp = (*conn)->template Send<Req, Resp>(req, version);
          if (resp.ok()) {
            const int16_t error = error_of ? error_of(*resp) : 0;
            // Past the deadline the caller reports the coordinator error with its own context.
            if (!IsCoordinatorError(error) || backoff.Exhausted()) return resp;
          } else {
            if ((*conn)->connected()) return resp.status();  // an answer we cannot use (version): no retry
            last = Status::Unavailable("coordinator of " + key.Label() + ", " + DescribeBroker(*coord) + ": " +
                                       resp.status().message());
            DropConnection(*coord);
          }
        } else {
          last = conn.status();
        }
      } else {
        last = coord.status();
        if (last.code() != Status::Code::kUnavailable) return last;
      }
      if (backoff.Exhausted()) return last;
      backoff.Pause();
      refresh = true;
      (void)RefreshMetadataLocked();
    }
  }
  // Answers that mean "ask the (new) coordinator again a little later": NOT_COORDINATOR,
  // COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS.
  static bool IsCoordinatorError(int16_t code);

  // "controller 1 (127.0.0.1:9092)" / "broker 2 (127.0.0.1:9093)": how errors name a broker.
  std::string DescribeBroker(int32_t broker_id) const;
  int32_t controller_id() const;
  const ClientOptions& options() const { return options_; }

 private:
  ClusterClient(std::vector<std::pair<std::string, int>> bootstrap, ClientOptions options)
      : bootstrap_(std::move(bootstrap)), options_(std::move(options)) {}
  Result<ClusterMetadata> RefreshMetadataLocked();
  Result<BrokerConnection*> ConnectionTo(int32_t broker_id);
  Result<BrokerConnection*> ControllerConnection();
  Result<BrokerConnection*> AnyConnection();
  void DropConnection(int32_t broker_id);
  // Leader of tp from the cached metadata, refreshing once when unknown.
  Result<int32_t> LeaderOf(const TopicPartition& tp);
  // The coordinator of key (cached; refresh = ask again with FindCoordinator).
  Result<int32_t> CoordinatorOf(const CoordinatorKey& key, bool refresh);
  // Timestamp of the first record at or after each position (partition -> offset), one Fetch per leader;
  // partitions whose record could not be read are missing from the answer.
  std::map<TopicPartition, int64_t> NextRecordTimestamps(const std::map<TopicPartition, int64_t>& positions);

  mutable std::recursive_mutex mu_;
  std::vector<std::pair<std::string, int>> bootstrap_;
  ClientOptions options_;
  ClusterMetadata metadata_;
  std::map<int32_t, std::unique_ptr<BrokerConnection>> connections_;
  std::unique_ptr<BrokerConnection> bootstrap_connection_;  // used until the metadata names the brokers
  std::map<int32_t, FetchSessionBuilder> fetch_sessions_;  // FetchMany's, per leader
  std::map<int32_t, SessionFetchStats> last_session_fetch_;
  std::map<CoordinatorKey, int32_t> coordinators_;  // group / transactional id -> coordinator broker id
};

}  // namespace partita::client
