#include "engine/broker/log_scan.h"

#include <vector>

#include "engine/storage/file_util.h"

namespace partita::broker {

Result<Offset> ScanLogBatches(const storage::Log& log, Offset from, Offset end, const std::string& name,
                              const BatchVisitor& on_batch) {
  Offset next = from;
  std::vector<uint8_t> buffer;
  while (next < end) {
    auto read = log.Read(next, 1 << 20, end, true);
    if (!read.ok()) return read.status();
    if (read->regions.empty()) break;
    const Offset before = next;
    for (const FileRegion& region : read->regions) {
      buffer.resize(static_cast<size_t>(region.length));
      PARTITA_RETURN_IF_ERROR(storage::PreadFully(region.file->fd(), buffer, region.position, name));
      size_t pos = 0;
      while (pos + protocol::kBatchHeaderSize <= buffer.size()) {
        protocol::BatchHeader h = protocol::ReadBatchHeader(buffer.data() + pos);
        const size_t size = h.total_size();
        if (h.batch_length < protocol::kMinBatchLength || pos + size > buffer.size()) break;
        if (h.last_offset() >= next.value) next = Offset(h.last_offset() + 1);
        on_batch(h, std::span<const uint8_t>(buffer.data() + pos, size));
        pos += size;
      }
    }
    if (next == before) break;  // no progress: a malformed region; stop rather than spin
  }
  return next;
}

Result<Offset> ScanLogRecords(const storage::Log& log, Offset from, Offset end, const std::string& name,
                              const std::function<void(const protocol::Record&)>& fn, size_t* skipped) {
  std::vector<uint8_t> scratch;
  return ScanLogBatches(log, from, end, name, [&](const protocol::BatchHeader& h, std::span<const uint8_t> batch) {
    if (h.control() || h.magic != 2) return;
    Status st = protocol::ForEachRecord(batch, &scratch, [&](const protocol::Record& r) {
      fn(r);
      return true;
    });
    if (!st.ok()) ++*skipped;
  });
}

}  // namespace partita::broker
