#include "engine/storage/log_cleaner.h"

#include <algorithm>

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"

namespace partita::storage {

using protocol::BatchHeader;
using protocol::Record;

void OffsetMap::Put(std::span<const uint8_t> key, int64_t offset) {
  std::string k(reinterpret_cast<const char*>(key.data()), key.size());
  auto [it, inserted] = map_.try_emplace(std::move(k), offset);
  if (!inserted && it->second < offset) it->second = offset;
}

int64_t OffsetMap::Get(std::span<const uint8_t> key) const {
  auto it = map_.find(std::string(reinterpret_cast<const char*>(key.data()), key.size()));
  return it == map_.end() ? -1 : it->second;
}

Status AddBatchToOffsetMap(std::span<const uint8_t> batch, OffsetMap* map, std::vector<uint8_t>* scratch) {
  if (batch.size() < protocol::kBatchHeaderSize) return Status::Corruption("batch shorter than its header");
  // Transactional data may still be aborted: its keys must not make older values of the same key go
  // (conservative; see log_cleaner.h).
  const BatchHeader h = protocol::ReadBatchHeader(batch.data());
  if (h.control() || h.transactional()) return Status::Ok();
  return protocol::ForEachRecord(batch, scratch, [&](const Record& r) {
    if (r.key) map->Put(*r.key, r.offset);
    return true;
  });
}

namespace {

int64_t RawTimestamp(const BatchHeader& h, const Record& r) {
  // From the delta, not r.timestamp: LogAppendTime batches report maxTimestamp for every record.
  return static_cast<int64_t>(static_cast<uint64_t>(h.base_timestamp) + static_cast<uint64_t>(r.timestamp_delta));
}

Result<std::vector<uint8_t>> Rebuild(const BatchHeader& h, const std::vector<Record>& kept, int64_t horizon,
                                     CleanedBatch* out) {
  protocol::BatchBuilder builder(protocol::OptionsForRebuild(h, h.compression()));
  builder.OverrideLastOffsetDelta(h.last_offset_delta);  // the batch still ends where it ended

  int64_t max_ts = -1, max_ts_offset = h.last_offset();
  for (const Record& r : kept) {
    const int64_t ts = RawTimestamp(h, r);
    if (max_ts < 0 || ts > max_ts) {
      max_ts = ts;
      max_ts_offset = r.offset;
    }
  }
  if (h.log_append_time() || kept.empty()) {
    // LogAppendTime: every record's timestamp is the batch's maxTimestamp. Empty: keep the old timestamps so
    // the segment's time index stays as it was.
    max_ts = h.max_timestamp;
    max_ts_offset = kept.empty() || h.log_append_time() ? h.last_offset() : max_ts_offset;
  }
  if (horizon >= 0) {
    builder.OverrideTimestamps(horizon, max_ts);
  } else if (h.log_append_time() || kept.empty()) {
    const int64_t old_base = (h.attributes & kDeleteHorizonFlag) ? h.max_timestamp : h.base_timestamp;
    builder.OverrideTimestamps(kept.empty() ? old_base : RawTimestamp(h, kept.front()), max_ts);
  }
  for (const Record& r : kept) builder.AppendWithDelta(r.offset_delta, RawTimestamp(h, r), r.key, r.value, r.headers);
  auto built = builder.Build();
  if (!built.ok()) return built.status();
  std::vector<uint8_t> bytes = std::move(built).value();
  if (horizon >= 0) {
    // BatchBuilder has no option for bit 6; set it and recompute the CRC (it covers the attributes).
    const uint16_t attributes = LoadBe16(bytes.data() + protocol::kAttributesOffset);
    StoreBe16(bytes.data() + protocol::kAttributesOffset, static_cast<uint16_t>(attributes | kDeleteHorizonFlag));
    StoreBe32(bytes.data() + protocol::kCrcOffset, protocol::ComputeBatchCrc(bytes));
  }
  out->max_timestamp = max_ts;
  out->offset_of_max_timestamp = max_ts_offset;
  return bytes;
}

}  // namespace

Result<CleanedBatch> CleanBatch(std::span<const uint8_t> batch, const OffsetMap& map,
                                const CleanBatchOptions& options, std::vector<uint8_t>* scratch) {
  if (batch.size() < protocol::kBatchHeaderSize) return Status::Corruption("batch shorter than its header");
  const BatchHeader h = protocol::ReadBatchHeader(batch.data());
  CleanedBatch out;
  out.last_offset = h.last_offset();
  out.max_timestamp = h.max_timestamp;
  out.offset_of_max_timestamp = h.last_offset();
  // Transaction markers and transactional data are kept whole (conservative compaction, see log_cleaner.h).
  if (h.control() || h.transactional()) return out;

  const bool has_horizon = (h.attributes & kDeleteHorizonFlag) != 0;
  const bool horizon_passed = has_horizon && options.now_ms >= h.base_timestamp;
  std::vector<Record> kept;
  bool kept_tombstone = false;
  int64_t seen = 0;
  Status st = protocol::ForEachRecord(batch, scratch, [&](const Record& r) {
    ++seen;
    bool keep = false;
    if (r.key) {
      const int64_t latest = map.Get(*r.key);
      keep = latest < 0 || r.offset >= latest;
    }
    if (keep && !r.value) {
      if (horizon_passed) {
        keep = false;
        ++out.tombstones_removed;
      } else {
        kept_tombstone = true;
      }
    }
    if (keep) {
      kept.push_back(r);  // spans stay valid: they point into `batch` or into *scratch, untouched until we return
    } else {
      ++out.records_removed;
    }
    return true;
  });
  if (!st.ok()) return st;
  if (seen != h.records_count) return Status::Corruption("batch holds fewer records than it declares");

  // A tombstone seen for the first time starts its delete.retention.ms clock now.
  int64_t horizon = -1;
  if (kept_tombstone) horizon = has_horizon ? h.base_timestamp : options.now_ms + options.delete_retention_ms;
  out.delete_horizon_ms = horizon;
  const bool horizon_changes = kept_tombstone != has_horizon;
  if (out.records_removed == 0 && !horizon_changes) return out;  // unchanged: copied as it is
  if (kept.empty() && !options.keep_if_empty) {
    out.action = CleanedBatch::Action::kDrop;
    return out;
  }
  auto bytes = Rebuild(h, kept, horizon, &out);
  if (!bytes.ok()) return bytes.status();
  out.action = CleanedBatch::Action::kRewrite;
  out.bytes = std::move(bytes).value();
  return out;
}

}  // namespace partita::storage
