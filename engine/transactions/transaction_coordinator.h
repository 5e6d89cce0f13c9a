// TransactionCoordinator: the state machine of the transactional ids of one __transaction_state partition, as
// Kafka 3.8's TransactionCoordinator / TransactionStateManager behave (KIP-98, KIP-360, KIP-664):
//   Empty -> Ongoing (AddPartitionsToTxn) -> PrepareCommit | PrepareAbort (EndTxn, timeout, fencing)
//         -> CompleteCommit | CompleteAbort (every marker written) -> Ongoing (next transaction) ...
// Each transition is first written to the log (TxnLog); while that write is in flight the id has a pending
// transition and every other request for it gets CONCURRENT_TRANSACTIONS, as do requests while markers are
// being written (Prepare* states). InitProducerId bumps the epoch (a new producer id when the epoch would
// overflow), which fences the previous incarnation: its requests then get PRODUCER_FENCED here and its
// writes INVALID_PRODUCER_EPOCH at the partitions (the abort markers carry the bumped epoch). An ongoing
// transaction found by InitProducerId, or older than its timeout (Tick), is aborted with a bumped epoch.
// EndTxn is answered once Prepare* is durable; markers and the Complete* write follow.
//
// Time comes from now_ms(); nothing happens by itself: the owner calls Tick() periodically (timeouts,
// transactional.id.expiration.ms). coordinator_epoch is the partition's leader epoch, carried by the markers
// so that a deposed coordinator's markers are refused (TRANSACTION_COORDINATOR_FENCED).
// Thread safety: every public method is thread-safe (one mutex); callbacks and collaborator calls run outside
// it. Ownership: shares its collaborators; must be owned by a shared_ptr (callbacks keep it alive).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/error_code.h"
#include "engine/transactions/txn_metadata.h"
#include "engine/transactions/txn_ports.h"

namespace partita::transactions {

using protocol::ErrorCode;

struct TxnConfig {
  int32_t max_timeout_ms = 900000;             // transaction.max.timeout.ms
  int64_t id_expiration_ms = 7LL * 24 * 3600 * 1000;  // transactional.id.expiration.ms
};

struct InitProducerIdResult {
  ErrorCode error = ErrorCode::kNone;
  int64_t producer_id = kNoProducerId;
  int16_t producer_epoch = kNoProducerEpoch;
};

class TransactionCoordinator : public std::enable_shared_from_this<TransactionCoordinator> {
 public:
  using InitDone = std::function<void(InitProducerIdResult)>;
  using Done = std::function<void(ErrorCode)>;

  TransactionCoordinator(int32_t partition, int32_t coordinator_epoch, TxnConfig config,
                         std::function<int64_t()> now_ms, std::shared_ptr<TxnLog> log,
                         std::shared_ptr<TxnMarkerWriter> markers, std::shared_ptr<ProducerIdSource> ids);
  TransactionCoordinator(const TransactionCoordinator&) = delete;
  TransactionCoordinator& operator=(const TransactionCoordinator&) = delete;

  int32_t partition() const { return partition_; }
  int32_t coordinator_epoch() const { return coordinator_epoch_; }

  // expected_producer_id / expected_epoch: InitProducerId v3+ (KIP-360), -1 when not given.
  void InitProducerId(const std::string& transactional_id, int32_t timeout_ms, int64_t expected_producer_id,
                      int16_t expected_epoch, InitDone done);
  void AddPartitions(const std::string& transactional_id, int64_t producer_id, int16_t producer_epoch,
                     const std::vector<TxnPartition>& partitions, Done done);
  void EndTxn(const std::string& transactional_id, int64_t producer_id, int16_t producer_epoch, bool commit,
              Done done);
  // KIP-890 (AddPartitionsToTxn v4+ verify_only): a partition leader asks, before appending a producer's first
  // transactional batch, whether its partitions are in that producer's ongoing transaction. Per partition:
  // NONE if it is, TRANSACTION_ABORTABLE if not (the write would open a transaction no coordinator knows of: a
  // hanging transaction). For all of them: NOT_COORDINATOR after unloading, INVALID_PRODUCER_ID_MAPPING /
  // PRODUCER_FENCED as for AddPartitions, CONCURRENT_TRANSACTIONS while the transaction completes (Prepare*).
  // Changes nothing; answers at once.
  std::map<TxnPartition, ErrorCode> VerifyPartitions(const std::string& transactional_id, int64_t producer_id,
                                                     int16_t producer_epoch,
                                                     const std::vector<TxnPartition>& partitions);

  // Loading (before serving): the last value of each id, in log order; nullopt = tombstone.
  void Load(const std::string& transactional_id, std::optional<TransactionMetadata> value);
  // Loading finished: transactions left in Prepare* get their markers written again.
  void CompleteLoad();
  // This broker no longer coordinates the partition: later completions are ignored and pending callers get
  // NOT_COORDINATOR.
  void Unload();

  // Aborts transactions older than their timeout; expires ids idle for transactional.id.expiration.ms.
  void Tick();

  std::optional<TransactionMetadata> Describe(const std::string& transactional_id);
  std::vector<TransactionMetadata> List();

 private:
  struct Entry {
    TransactionMetadata current;
    bool persisted = false;                       // `current` is in the log
    std::optional<TransactionMetadata> pending;   // being written
    bool markers_in_flight = false;               // Prepare*: the markers of `current` are being written
  };
  using Actions = std::vector<std::function<void()>>;

  // The producer a request names against the transactional id's current one: INVALID_PRODUCER_ID_MAPPING for
  // an unknown id or another producer id, PRODUCER_FENCED for an older epoch (Kafka's TransactionCoordinator).
  static ErrorCode CheckProducer(const Entry* e, int64_t producer_id, int16_t producer_epoch);

  // Writes `next` for `id` (the entry's pending transition) and runs then(error) after the write.
  void Transit(Entry& e, TransactionMetadata next, std::function<void(ErrorCode)> then, Actions& actions);
  void OnWritten(const std::string& id, ErrorCode error, std::function<void(ErrorCode)> then);
  // Starts the abort or commit of e's ongoing transaction; bump_epoch fences the producer (InitProducerId,
  // timeout). `answer` runs when the Prepare* record is durable.
  void BeginCompletion(Entry& e, bool commit, bool bump_epoch, Done answer, Actions& actions);
  void SendMarkers(const TransactionMetadata& m, Actions& actions);
  void OnMarkersWritten(const std::string& id, int16_t epoch);
  void Run(Actions& actions, std::unique_lock<std::mutex>& lock);

  const int32_t partition_;
  const int32_t coordinator_epoch_;
  const TxnConfig config_;
  const std::function<int64_t()> now_ms_;
  const std::shared_ptr<TxnLog> log_;
  const std::shared_ptr<TxnMarkerWriter> markers_;
  const std::shared_ptr<ProducerIdSource> ids_;

  std::mutex mu_;
  bool unloaded_ = false;
  std::map<std::string, Entry> entries_;
};

}  // namespace partita::transactions
