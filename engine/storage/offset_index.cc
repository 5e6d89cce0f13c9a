#include "engine/storage/offset_index.h"

#include <mutex>

#include "engine/common/endian.h"

namespace partita::storage {

namespace {
OffsetPosition Decode(const uint8_t* p, int64_t base) {
  return {base + static_cast<int32_t>(LoadBe32(p)), static_cast<int64_t>(LoadBe32(p + 4))};
}
}  // namespace

Status OffsetIndex::Append(int64_t offset, int64_t position) {
  const int64_t rel = offset - base_offset();
  if (rel < 0 || rel > INT32_MAX || position < 0 || position > INT32_MAX)
    return Status::InvalidArgument("offset index entry out of range");
  if (entries() > 0 && offset <= LastOffset())
    return Status::InvalidArgument("offset index entries must increase");
  uint8_t e[kEntrySize];
  StoreBe32(e, static_cast<uint32_t>(rel));
  StoreBe32(e + 4, static_cast<uint32_t>(position));
  return AppendEntry(e);
}

OffsetIndexHint OffsetIndex::Hint(int64_t target) const {
  std::shared_lock lock(mu_);
  const size_t n = data_.size() / kEntrySize;
  // Largest i with entry(i).offset <= target.
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (Decode(EntryAt(mid), base_offset()).offset <= target)
      lo = mid + 1;
    else
      hi = mid;
  }
  OffsetIndexHint hint;
  hint.entry = {base_offset(), 0};
  hint.previous_offset = base_offset() - 1;
  if (lo == 0) return hint;
  hint.found = true;
  hint.slot = lo - 1;
  hint.entry = Decode(EntryAt(lo - 1), base_offset());
  if (lo >= 2) hint.previous_offset = Decode(EntryAt(lo - 2), base_offset()).offset;
  return hint;
}

OffsetPosition OffsetIndex::Entry(size_t i) const {
  std::shared_lock lock(mu_);
  if (i >= data_.size() / kEntrySize) return {base_offset(), 0};
  return Decode(EntryAt(i), base_offset());
}

int64_t OffsetIndex::LastOffset() const {
  std::shared_lock lock(mu_);
  if (data_.empty()) return base_offset();
  return Decode(EntryAt(data_.size() / kEntrySize - 1), base_offset()).offset;
}

Status OffsetIndex::TruncateTo(int64_t target) {
  size_t keep;
  {
    std::shared_lock lock(mu_);
    const size_t n = data_.size() / kEntrySize;
    keep = 0;
    while (keep < n && Decode(EntryAt(keep), base_offset()).offset < target) ++keep;
  }
  return TruncateToEntries(keep);
}

Status OffsetIndex::SanityCheck(int64_t log_size) const {
  std::shared_lock lock(mu_);
  const size_t n = data_.size() / kEntrySize;
  int64_t prev_offset = -1, prev_pos = -1;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = EntryAt(i);
    const int32_t rel = static_cast<int32_t>(LoadBe32(p));
    const int64_t pos = static_cast<int64_t>(LoadBe32(p + 4));
    if (rel < 0 || rel <= prev_offset || pos < prev_pos || pos > log_size)
      return Status::Corruption("offset index " + path() + " entry " + std::to_string(i) + " out of order");
    prev_offset = rel;
    prev_pos = pos;
  }
  return Status::Ok();
}

}  // namespace partita::storage
