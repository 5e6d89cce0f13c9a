// Record-level work of log compaction (Kafka's LogCleaner), kept free of files so it can be tested alone:
//  - OffsetMap: the latest offset of every key seen in the dirty section of a log;
//  - CleanBatch: decides what survives of one stored v2 batch and rebuilds it when records go.
// Kafka's rules (3.x, KIP-534): a keyed record survives when no later record has its key; a record without a
// key is dropped; a tombstone (null value) survives the first cleaning that sees it, which stamps its batch
// with a delete horizon (attributes bit 6, baseTimestamp = now + delete.retention.ms); a later cleaning after
// that horizon drops it. A rebuilt batch keeps its base offset, last offset delta, producer id/epoch, base
// sequence, leader epoch, codec and the survivors' offset deltas and timestamps, so offsets never change and
// an idempotent producer's last sequence is still recoverable.
// Transactions are compacted conservatively, more so than Kafka: control batches (COMMIT/ABORT markers) and
// transactional data batches are never removed or rewritten, and the keys of transactional records do not
// count in the OffsetMap (an aborted record must not make an older committed value of its key go). Kafka
// removes aborted data and, after delete.retention.ms, the markers of transactions with no data left; we keep
// both, so a compacted topic written transactionally grows by its transactional batches. Aborted records
// stay invisible to read_committed consumers because each segment's .txnindex is carried through the pass.
// Never crashes on bad bytes: malformed batches give Status::Corruption.
// Thread safety: OffsetMap is not synchronized (one cleaner thread); CleanBatch is a pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::storage {

// Attributes bit 6: the batch's baseTimestamp is the delete horizon of its tombstones.
inline constexpr int16_t kDeleteHorizonFlag = 0x40;

class OffsetMap {
 public:
  void Put(std::span<const uint8_t> key, int64_t offset);
  // The latest offset recorded for key, or -1.
  int64_t Get(std::span<const uint8_t> key) const;
  size_t size() const { return map_.size(); }
  void Clear() { map_.clear(); }

 private:
  // Whole keys, not hashes as Kafka uses: a collision must never lose the latest value of a key. Memory is
  // bounded by the keys of one log's dirty section.
  std::unordered_map<std::string, int64_t> map_;
};

// Records every keyed record of one batch (the first batch in `batch`) in the map.
Status AddBatchToOffsetMap(std::span<const uint8_t> batch, OffsetMap* map, std::vector<uint8_t>* scratch);

struct CleanBatchOptions {
  int64_t now_ms = 0;
  int64_t delete_retention_ms = 0;
  // Keep the batch, emptied, even when none of its records survive (the cleaner keeps the last batch of every
  // rewritten segment so that the segment still ends at the same offset).
  bool keep_if_empty = false;
};

struct CleanedBatch {
  enum class Action { kKeep, kRewrite, kDrop };
  Action action = Action::kKeep;
  std::vector<uint8_t> bytes;            // the rebuilt batch when action == kRewrite
  int64_t max_timestamp = -1;            // of the output batch
  int64_t offset_of_max_timestamp = -1;
  int64_t last_offset = -1;
  int64_t records_removed = 0;
  int64_t tombstones_removed = 0;
  int64_t delete_horizon_ms = -1;        // >= 0 when the output still holds tombstones: when they may go
};

// Filters one stored batch against `map`. The batch must be whole (header.total_size() bytes).
Result<CleanedBatch> CleanBatch(std::span<const uint8_t> batch, const OffsetMap& map,
                                const CleanBatchOptions& options, std::vector<uint8_t>* scratch);

}  // namespace partita::storage
