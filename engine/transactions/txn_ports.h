// The transaction coordinator's collaborators, as interfaces so that its state machine is tested with fakes:
// - TxnLog: appends a transactional id's metadata (or its tombstone) to the coordinator's __transaction_state
//   partition and reports once it is replicated (min.insync.replicas) — or the error (NOT_COORDINATOR when
//   leadership moved, COORDINATOR_NOT_AVAILABLE / REQUEST_TIMED_OUT otherwise).
// - TxnMarkerWriter: has the COMMIT/ABORT markers of one transaction written on every partition of it (through
//   WriteTxnMarkers to each partition's leader), retrying until each is written or its partition is gone;
//   `done` runs once, when nothing remains. Markers are never lost: Kafka's TransactionMarkerChannelManager.
// - ProducerIdSource: a new producer id (the cluster-wide block allocator).
// Callbacks may run on any thread, and may run before the call returns.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "engine/common/status.h"
#include "engine/protocol/error_code.h"
#include "engine/transactions/txn_metadata.h"

namespace partita::transactions {

class TxnLog {
 public:
  virtual ~TxnLog() = default;
  // value nullopt: tombstone.
  virtual void Append(const std::string& transactional_id, const std::optional<TransactionMetadata>& value,
                      std::function<void(protocol::ErrorCode)> done) = 0;
};

struct MarkerJob {
  std::string transactional_id;
  int64_t producer_id = kNoProducerId;
  int16_t producer_epoch = kNoProducerEpoch;
  bool commit = false;
  int32_t coordinator_epoch = 0;
  std::set<TxnPartition> partitions;
};

class TxnMarkerWriter {
 public:
  virtual ~TxnMarkerWriter() = default;
  virtual void Write(const MarkerJob& job, std::function<void()> done) = 0;
};

class ProducerIdSource {
 public:
  virtual ~ProducerIdSource() = default;
  virtual Result<int64_t> Next() = 0;
};

}  // namespace partita::transactions
