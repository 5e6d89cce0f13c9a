// ProducerStateManager: one partition's idempotent-producer state (Kafka's ProducerStateManager, KIP-98).
// For each producer id it keeps the current epoch and the last 5 appended batches (first/last sequence,
// last offset, timestamp). The leader asks CheckBatch before appending a batch from a client:
//   - producer_id -1 (not idempotent): append.
//   - producer_id >= 0 with base_sequence < 0: INVALID_RECORD (Kafka's LogValidator rule).
//   - epoch older than the producer's current epoch: INVALID_PRODUCER_EPOCH (47). Kafka 3.8 answers a Produce
//     with this code too (InvalidProducerEpochException, KIP-588 lets the client abort and bump); PRODUCER_FENCED
//     (90) is only the transaction coordinator's answer (InitProducerId/EndTxn), not the partition leader's.
//   - same epoch and the batch equals one of the last 5 (same first and last sequence): duplicate; the
//     caller answers success with duplicate_base_offset and does not append (KAFKA-FACTS §6).
//   - same epoch: base_sequence must follow the last sequence (INT32_MAX is followed by 0), else
//     OUT_OF_ORDER_SEQUENCE_NUMBER (this includes a retry older than the last 5 batches).
//   - newer epoch of a known producer: base_sequence must be 0, else OUT_OF_ORDER_SEQUENCE_NUMBER.
//   - unknown producer id: sequence 0 is accepted; any other sequence is UNKNOWN_PRODUCER_ID (59), Kafka 2.x
//     semantics (librdkafka then resets its sequence or bumps the epoch).
//   - a non-transactional batch from a producer with an open transaction: INVALID_TXN_STATE (Kafka's
//     ProducerAppendInfo rule).
// Transaction markers (KIP-98) are written only through the coordinator path: CheckMarker fences a marker
// whose producer epoch is older than the producer's (INVALID_PRODUCER_EPOCH — Kafka 2.7+ answers this, not
// PRODUCER_FENCED, from the partition, KIP-588) or whose coordinator epoch is older than the last marker's
// (TRANSACTION_COORDINATOR_FENCED).
// After the batch is in the log the caller reports it with OnAppended; replicated batches (followers) and
// batches re-read from the log go through OnFollowerAppend, which never checks. A transactional data batch
// opens the producer's transaction at its first offset; a control batch (marker) carries no sequence, records
// the coordinator epoch and closes the transaction, returning the CompletedTxn for the .txnindex. The open and
// not-yet-replicated transactions are kept in open_transactions(), which gives the last stable offset.
//
// Persistence follows Kafka: TakeSnapshot(log end offset) writes <dir>/<20-digit offset>.snapshot (format in
// producer_state_snapshot.h, with each producer's open transaction), Recover() loads the newest readable
// snapshot at or below the log end offset and replays the log from there, re-deriving the log's .txnindex
// entries from max(snapshot, log recovery point) on — below the recovery point they were fsynced with their
// segment, and a transaction begun before the log start could not be re-derived — or all of them, from the log
// start, when the log lost a .txnindex. A corrupt snapshot is logged, deleted and the next older one (or the whole log)
// is used instead; it never stops the partition from opening.
// Producer ids expire after producer_id_expiration_ms (producer.id.expiration.ms, default 1 day) without a
// batch (measured against the batch max timestamp, as Kafka does), unless a transaction is open.
//
// Thread safety: thread-compatible. The partition serializes CheckBatch/OnAppended with its appends; other
// callers need the partition's lock too — except open_transactions(), which is thread-safe. Ownership: owns its in-memory map; the snapshot files live in the
// partition directory, which the Log owns (deleting the partition deletes them).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/broker/producer_state_snapshot.h"
#include "engine/broker/producer_state_transactions.h"
#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/control_record.h"
#include "engine/protocol/error_code.h"

namespace partita::storage {
class Log;
}

namespace partita::broker {

inline constexpr int64_t kDefaultProducerIdExpirationMs = 24LL * 3600 * 1000;
inline constexpr size_t kProducerBatchesToRetain = 5;  // Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN

// Kafka's sequence arithmetic: sequences are non-negative int32 and wrap from INT32_MAX to 0.
using protocol::IncrementSequence;
int32_t DecrementSequence(int32_t sequence, int32_t decrement);

struct ProducerStateOptions {
  int64_t producer_id_expiration_ms = kDefaultProducerIdExpirationMs;  // producer.id.expiration.ms
};

struct AppendCheck {
  enum class Kind { kAppend, kDuplicate, kError };
  Kind kind = Kind::kAppend;
  protocol::ErrorCode error = protocol::ErrorCode::kNone;  // set for kError
  // For kDuplicate: where the original batch went and its timestamp, for the Produce answer.
  int64_t duplicate_base_offset = -1;
  int64_t duplicate_last_offset = -1;
  int64_t duplicate_timestamp = -1;
  std::string message;  // human explanation for kError (the Produce response's error message)
};

// One appended batch as the state remembers it.
struct ProducerBatchMetadata {
  int32_t first_sequence = -1;
  int32_t last_sequence = -1;
  int64_t last_offset = -1;
  int32_t offset_delta = 0;  // last_offset - base offset (== last_sequence - first_sequence)
  int64_t timestamp = -1;
  int64_t first_offset() const { return last_offset - offset_delta; }
};

struct ProducerStateEntry {
  int64_t producer_id = -1;
  int16_t epoch = -1;
  std::deque<ProducerBatchMetadata> batches;  // oldest first, at most kProducerBatchesToRetain
  int32_t coordinator_epoch = -1;
  int64_t last_timestamp = -1;
  int64_t current_txn_first_offset = -1;  // -1: no open transaction
  int32_t last_sequence() const { return batches.empty() ? -1 : batches.back().last_sequence; }
  int64_t last_data_offset() const { return batches.empty() ? -1 : batches.back().last_offset; }
};

class ProducerStateManager {
 public:
  explicit ProducerStateManager(std::string partition_dir, ProducerStateOptions options = {});

  // Leader check of a client batch about to be appended. Never mutates; a non-ok Result is reserved for
  // a header that is not a v2 batch header (the protocol layer normally rejects those first).
  // Check and append one batch at a time: a second batch of the same producer in the same request must be
  // checked after OnAppended of the first.
  // from_coordinator: a batch the broker's group coordinator writes for a producer (TxnOffsetCommit): only the
  // epoch is checked, not sequences (Kafka's AppendOrigin.COORDINATOR).
  Result<AppendCheck> CheckBatch(const protocol::BatchHeader& h, bool from_coordinator = false) const;
  // Leader check of a COMMIT/ABORT marker the coordinator path is about to append (never mutates).
  AppendCheck CheckMarker(int64_t producer_id, int16_t producer_epoch, int32_t coordinator_epoch) const;
  // Records a batch appended as leader. h.base_offset is the assigned base offset, last_offset its last
  // offset and timestamp its max timestamp (the broker time under LogAppendTime). No-op for producer id -1.
  // `marker` is the control record of a control batch (nullptr otherwise, or when it could not be read: the
  // transaction then ends without a .txnindex entry). Returns the transaction a marker completed.
  std::optional<CompletedTxn> OnAppended(const protocol::BatchHeader& h, int64_t last_offset, int64_t timestamp,
                                         const protocol::EndTxnMarker* marker = nullptr);
  // Records a replicated or re-read batch (offsets already in h) without checks.
  std::optional<CompletedTxn> OnFollowerAppend(const protocol::BatchHeader& h,
                                               const protocol::EndTxnMarker* marker = nullptr);
  // Replays batch headers of `log` from max(from_offset, log start) to its end through OnFollowerAppend
  // (headers only, read with pread from the log's file regions; record data is read only for control batches).
  // With txn_index_from >= 0, the log's aborted-transaction entries whose marker is at or after it are dropped
  // and re-derived from the replayed markers (-1: the .txnindex is left alone).
  Status RebuildFromLog(storage::Log& log, int64_t from_offset, int64_t txn_index_from = -1);

  // Writes <dir>/<log_end_offset>.snapshot (temp + fsync + rename) with every producer's last batch.
  Status TakeSnapshot(int64_t log_end_offset);
  // Clears the in-memory state and loads the newest readable snapshot (skipping producers already expired at
  // now_ms). Returns its offset, from which the caller replays the log, or -1 when there is none (replay from
  // the log start). Corrupt snapshots are logged, deleted and skipped.
  Result<int64_t> LoadLatestSnapshot(int64_t now_ms);
  // Restart / new-leader path: drops snapshots above the log end offset, LoadLatestSnapshot, RebuildFromLog
  // from its offset, then RemoveExpiredProducers(now_ms).
  Status Recover(storage::Log& log, int64_t now_ms);
  // After the log was truncated to `offset` (follower truncation): deletes snapshots above offset and reloads
  // the newest remaining one. Returns the offset to replay the log from, exactly as LoadLatestSnapshot.
  Result<int64_t> TruncateTo(int64_t offset, int64_t now_ms);
  // Empties the state and deletes every snapshot (the log was emptied and restarted at some offset).
  Status TruncateFully();
  // Deletes snapshot files whose offset is below `offset` (the log start moved past them).
  Status DeleteSnapshotsBelow(int64_t offset);
  // Forgets producers idle for producer_id_expiration_ms or longer with no open transaction; returns how many.
  size_t RemoveExpiredProducers(int64_t now_ms);

  // Open and not-yet-replicated transactions; the LSO. Thread-safe (see producer_state_transactions.h).
  OpenTransactions& open_transactions() { return open_txns_; }
  const OpenTransactions& open_transactions() const { return open_txns_; }

  // Introspection (tests, DescribeProducers, the desktop app).
  const ProducerStateEntry* Find(int64_t producer_id) const;
  std::vector<ProducerStateEntry> Entries() const;  // by producer id
  size_t producer_count() const { return producers_.size(); }
  std::vector<int64_t> SnapshotOffsets() const { return ListProducerSnapshots(dir_); }
  const std::string& dir() const { return dir_; }

 private:
  std::optional<CompletedTxn> AppendBatch(const protocol::BatchHeader& h, int64_t last_offset, int64_t timestamp,
                                          const protocol::EndTxnMarker* marker);
  void ClearState();
  void LoadEntry(const ProducerSnapshotEntry& e);
  Status DeleteSnapshot(int64_t offset);

  const std::string dir_;
  const ProducerStateOptions options_;
  std::unordered_map<int64_t, ProducerStateEntry> producers_;
  OpenTransactions open_txns_;
};

}  // namespace partita::broker
