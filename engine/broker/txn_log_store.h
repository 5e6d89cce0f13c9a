// The broker side of __transaction_state persistence for one partition this broker leads:
// - TxnLogStore implements transactions::TxnLog by appending one record (txn_log_records.h encodings) to the
//   partition as its leader with acks=all, and reports once the ISR has it. Errors are mapped as Kafka's
//   TransactionStateManager.appendTransactionToLog does: lost leadership (or a leader epoch other than the
//   coordinator's) -> NOT_COORDINATOR; too few replicas or a timeout -> COORDINATOR_NOT_AVAILABLE.
// - LoadTxnPartition replays the partition's log into a coordinator (last record per transactional id wins,
//   tombstones delete).
// Thread safety: the store is thread-safe; loading runs on one thread before the coordinator serves.
#pragma once

#include <memory>

#include "engine/broker/partition.h"
#include "engine/common/status.h"
#include "engine/transactions/transaction_coordinator.h"

namespace partita::broker {

class ReplicaManager;

class TxnLogStore : public transactions::TxnLog {
 public:
  TxnLogStore(std::shared_ptr<Partition> partition, int32_t coordinator_epoch, ReplicaManager* replicas,
              int64_t timeout_ms)
      : partition_(std::move(partition)),
        coordinator_epoch_(coordinator_epoch),
        replicas_(replicas),
        timeout_ms_(timeout_ms) {}

  void Append(const std::string& transactional_id, const std::optional<transactions::TransactionMetadata>& value,
              std::function<void(protocol::ErrorCode)> done) override;

 private:
  const std::shared_ptr<Partition> partition_;
  const int32_t coordinator_epoch_;
  ReplicaManager* const replicas_;
  const int64_t timeout_ms_;
};

// Replays `partition`'s log into `coordinator` (then the caller calls CompleteLoad). Undecodable records are
// skipped with a warning; I/O errors are returned.
Status LoadTxnPartition(const Partition& partition, transactions::TransactionCoordinator& coordinator);

}  // namespace partita::broker
