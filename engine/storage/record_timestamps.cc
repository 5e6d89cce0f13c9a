#include "engine/storage/record_timestamps.h"

#include <algorithm>
#include <vector>

#include "engine/storage/file_util.h"

namespace partita::storage {

namespace {

// Minimal bounded varint reader over one batch's records.
struct VarReader {
  const uint8_t* p;
  const uint8_t* end;
  bool ok = true;

  uint64_t Unsigned() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= end) {
        ok = false;
        return 0;
      }
      const uint8_t b = *p++;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok = false;
    return 0;
  }
  int64_t Signed() {
    const uint64_t u = Unsigned();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
};

}  // namespace

Result<OffsetAndTimestamp> FindRecordAtOrAfter(int fd, int64_t batch_position, const protocol::BatchHeader& h,
                                               int64_t target_timestamp, int64_t starting_offset) {
  OffsetAndTimestamp none;
  if (h.max_timestamp < target_timestamp || h.last_offset() < starting_offset) return none;
  if (h.log_append_time() || h.compression() != protocol::Compression::kNone) {
    return OffsetAndTimestamp{Offset(std::max(h.base_offset, starting_offset)), h.max_timestamp, true};
  }
  std::vector<uint8_t> body(h.total_size() - protocol::kBatchHeaderSize);
  PARTITA_RETURN_IF_ERROR(
      PreadFully(fd, body, batch_position + static_cast<int64_t>(protocol::kBatchHeaderSize), "read batch"));
  VarReader r{body.data(), body.data() + body.size()};
  for (int32_t i = 0; i < h.records_count && r.ok; ++i) {
    const int64_t length = r.Signed();
    if (!r.ok || length < 0 || length > r.end - r.p) break;
    const uint8_t* record_end = r.p + length;
    VarReader rec{r.p, record_end};
    if (rec.p >= rec.end) break;
    ++rec.p;  // attributes
    const int64_t ts_delta = rec.Signed();
    const int64_t offset_delta = rec.Signed();
    if (!rec.ok) break;
    const int64_t ts = h.base_timestamp + ts_delta;
    const int64_t offset = h.base_offset + offset_delta;
    if (ts >= target_timestamp && offset >= starting_offset) return OffsetAndTimestamp{Offset(offset), ts, true};
    r.p = record_end;
  }
  if (!r.ok) return Status::Corruption("malformed record in batch at position " + std::to_string(batch_position));
  return none;
}

}  // namespace partita::storage
