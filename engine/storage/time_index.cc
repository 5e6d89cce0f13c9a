#include "engine/storage/time_index.h"

#include <mutex>

#include "engine/common/endian.h"

namespace partita::storage {

namespace {
TimestampOffset Decode(const uint8_t* p, int64_t base) {
  return {static_cast<int64_t>(LoadBe64(p)), base + static_cast<int32_t>(LoadBe32(p + 8))};
}
}  // namespace

Status TimeIndex::MaybeAppend(int64_t timestamp, int64_t offset) {
  const int64_t rel = offset - base_offset();
  if (rel < 0 || rel > INT32_MAX) return Status::InvalidArgument("time index entry out of range");
  if (entries() > 0) {
    const TimestampOffset last = LastEntry();
    if (offset < last.offset) return Status::InvalidArgument("time index offsets must not decrease");
    if (timestamp <= last.timestamp) return Status::Ok();
  }
  uint8_t e[kEntrySize];
  StoreBe64(e, static_cast<uint64_t>(timestamp));
  StoreBe32(e + 8, static_cast<uint32_t>(rel));
  return AppendEntry(e);
}

TimestampOffset TimeIndex::Lookup(int64_t target) const {
  std::shared_lock lock(mu_);
  const size_t n = data_.size() / kEntrySize;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (Decode(EntryAt(mid), base_offset()).timestamp <= target)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return {-1, base_offset()};
  return Decode(EntryAt(lo - 1), base_offset());
}

TimestampOffset TimeIndex::LastEntry() const {
  std::shared_lock lock(mu_);
  if (data_.empty()) return {-1, base_offset()};
  return Decode(EntryAt(data_.size() / kEntrySize - 1), base_offset());
}

TimestampOffset TimeIndex::Entry(size_t i) const {
  std::shared_lock lock(mu_);
  if (i >= data_.size() / kEntrySize) return {-1, base_offset()};
  return Decode(EntryAt(i), base_offset());
}

Status TimeIndex::TruncateTo(int64_t target) {
  size_t keep;
  {
    std::shared_lock lock(mu_);
    const size_t n = data_.size() / kEntrySize;
    keep = 0;
    while (keep < n && Decode(EntryAt(keep), base_offset()).offset < target) ++keep;
  }
  return TruncateToEntries(keep);
}

Status TimeIndex::SanityCheck() const {
  std::shared_lock lock(mu_);
  const size_t n = data_.size() / kEntrySize;
  int64_t prev_ts = INT64_MIN;
  int32_t prev_rel = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = EntryAt(i);
    const int64_t ts = static_cast<int64_t>(LoadBe64(p));
    const int32_t rel = static_cast<int32_t>(LoadBe32(p + 8));
    if (rel < prev_rel || (i > 0 && ts <= prev_ts))
      return Status::Corruption("time index " + path() + " entry " + std::to_string(i) + " out of order");
    prev_ts = ts;
    prev_rel = rel;
  }
  return Status::Ok();
}

}  // namespace partita::storage
