// LogSegment's index checks and rebuilds: entries of .index / .timeindex files read from disk are verified
// against the batches they point at (the last ones at load, as Kafka's sanity check; the others when a
// lookup first uses them), and a corrupt index is rebuilt from the log without truncating it.
#include <spdlog/spdlog.h>

#include "engine/storage/batch_scanner.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log_segment.h"

namespace partita::storage {

Status LogSegment::CheckOffsetEntry(const OffsetIndexHint& hint, const protocol::BatchHeader* at,
                                    const Status& scan) const {
  const std::string entry = "offset index " + offset_index_.path() + " entry " + std::to_string(hint.slot) +
                            " (offset " + std::to_string(hint.entry.offset) + ", position " +
                            std::to_string(hint.entry.position) + ")";
  if (at == nullptr)
    return Status::Corruption(entry + " does not point at a batch boundary: " +
                              (scan.ok() ? std::string("position at or past the end of the log") : scan.ToString()));
  // Kafka writes (largest offset of an append, position of its first batch): that batch starts after the
  // previous entry's offset and at or below this entry's.
  if (at->base_offset <= hint.previous_offset || at->base_offset > hint.entry.offset)
    return Status::Corruption(entry + " points at the batch of offsets " + std::to_string(at->base_offset) + ".." +
                              std::to_string(at->last_offset()) + ", expected one starting in " +
                              std::to_string(hint.previous_offset + 1) + ".." + std::to_string(hint.entry.offset));
  return Status::Ok();
}

namespace {

// A time index entry (T, O) is written as (max timestamp so far, last offset of the batch holding it), so the
// batch containing O has max timestamp T.
Status CheckTimeEntry(const std::string& path, const TimestampOffset& e, const std::optional<BatchLocation>& at) {
  if (at && at->header.base_offset <= e.offset && at->header.max_timestamp == e.timestamp) return Status::Ok();
  const std::string entry = "time index " + path + " entry (timestamp " + std::to_string(e.timestamp) +
                            ", offset " + std::to_string(e.offset) + ")";
  if (!at) return Status::Corruption(entry + " names an offset past the end of the log");
  return Status::Corruption(entry + " does not match the batch holding that offset (offsets " +
                            std::to_string(at->header.base_offset) + ".." + std::to_string(at->header.last_offset()) +
                            ", max timestamp " + std::to_string(at->header.max_timestamp) + ")");
}

}  // namespace

Status LogSegment::CheckLastIndexEntries(int64_t log_size) const {
  if (offset_index_.entries() > 0) {
    const OffsetIndexHint hint = offset_index_.Hint(INT64_MAX);
    BatchScanner scanner(file_->fd(), hint.entry.position, log_size);
    const bool got = scanner.Next();
    PARTITA_RETURN_IF_ERROR(CheckOffsetEntry(hint, got ? &scanner.header() : nullptr, scanner.status()));
  }
  if (time_index_.entries() > 0) {
    const TimestampOffset last = time_index_.LastEntry();
    auto at = TranslateOffset(last.offset);
    if (!at.ok()) return Status::Corruption("time index " + time_index_.path() + ": " + at.status().ToString());
    PARTITA_RETURN_IF_ERROR(CheckTimeEntry(time_index_.path(), last, *at));
  }
  return Status::Ok();
}

int64_t LogSegment::ScanStart(int64_t offset, int64_t min_position) const {
  if (index_corrupt()) return min_position;
  const OffsetIndexHint hint = offset_index_.Hint(offset);
  if (!hint.found || hint.entry.position <= min_position) return min_position;
  if (hint.slot < unchecked_entries_.load(std::memory_order_acquire) &&
      !entry_checked_[hint.slot].load(std::memory_order_relaxed)) {
    BatchScanner scanner(file_->fd(), hint.entry.position, size());
    const bool got = scanner.Next();
    Status bad = CheckOffsetEntry(hint, got ? &scanner.header() : nullptr, scanner.status());
    if (!bad.ok()) {
      ReportCorruptIndex(bad);
      return min_position;
    }
    entry_checked_[hint.slot].store(true, std::memory_order_relaxed);
  }
  return hint.entry.position;
}

void LogSegment::ReportCorruptIndex(const Status& why) const {
  if (!index_corrupt_.exchange(true, std::memory_order_acq_rel))
    spdlog::warn("{}; lookups in {} scan the log until its indexes are rebuilt from it", why.ToString(), log_path_);
}

Result<std::optional<BatchLocation>> LogSegment::FindTimeIndexStart(int64_t ts) const {
  const TimestampOffset hint = time_index_.Lookup(ts);
  if (hint.timestamp < 0 || index_corrupt()) return TranslateOffset(base_offset_);
  auto at = TranslateOffset(hint.offset);
  if (!at.ok()) return at;
  Status bad = CheckTimeEntry(time_index_.path(), hint, *at);
  if (bad.ok()) return at;
  ReportCorruptIndex(bad);
  return TranslateOffset(base_offset_);
}

Result<int64_t> LogSegment::RebuildIndexesFromLog(bool verify_crc, Status* stopped) {
  unchecked_entries_.store(0, std::memory_order_release);
  PARTITA_RETURN_IF_ERROR(offset_index_.Reset());
  PARTITA_RETURN_IF_ERROR(time_index_.Reset());
  auto file_size = FileSize(file_->fd(), log_path_);
  if (!file_size.ok()) return file_size.status();
  // Published only at the end: concurrent readers keep a consistent max timestamp meanwhile.
  int64_t max_ts = -1, offset_of_max_ts = -1;
  int64_t valid = 0, last_index_entry = 0, next_offset = base_offset_;
  BatchScanner scanner(file_->fd(), 0, *file_size);
  while (scanner.Next()) {
    const protocol::BatchHeader& h = scanner.header();
    Status st = verify_crc ? scanner.VerifyCrc() : Status::Ok();
    if (st.ok() && (h.base_offset < next_offset || h.last_offset() - base_offset_ > INT32_MAX))
      st = Status::Corruption("batch offsets out of order at position " + std::to_string(scanner.position()));
    if (!st.ok()) {
      *stopped = st;
      break;
    }
    if (h.max_timestamp > max_ts) {
      max_ts = h.max_timestamp;
      offset_of_max_ts = h.last_offset();
    }
    if (valid - last_index_entry > index_interval_bytes_) {
      PARTITA_RETURN_IF_ERROR(offset_index_.Append(h.last_offset(), valid));
      PARTITA_RETURN_IF_ERROR(time_index_.MaybeAppend(max_ts, offset_of_max_ts));
      last_index_entry = valid;
    }
    valid = scanner.next_position();
    next_offset = h.last_offset() + 1;
  }
  if (stopped->ok() && !scanner.status().ok()) *stopped = scanner.status();
  offset_of_max_timestamp_.store(offset_of_max_ts, std::memory_order_release);
  max_timestamp_.store(max_ts, std::memory_order_release);
  first_batch_timestamp_.store(-2, std::memory_order_release);
  bytes_since_last_index_entry_ = valid - last_index_entry;
  return valid;
}

Status LogSegment::RebuildIndexes() {
  Status stopped;
  auto valid = RebuildIndexesFromLog(/*verify_crc=*/false, &stopped);
  if (!valid.ok()) return valid.status();
  if (!stopped.ok())
    spdlog::error("rebuilding the indexes of {}: {}; the {} bytes from position {} stay on disk but cannot be read",
                  log_path_, stopped.ToString(), size() - *valid, *valid);
  if (MaxTimestamp() >= 0) PARTITA_RETURN_IF_ERROR(time_index_.MaybeAppend(MaxTimestamp(), OffsetOfMaxTimestamp()));
  needs_recovery_ = false;
  index_corrupt_.store(false, std::memory_order_release);
  spdlog::warn("rebuilt the indexes of {} from the log ({} offset index entries)", log_path_, offset_index_.entries());
  return Status::Ok();
}

}  // namespace partita::storage
