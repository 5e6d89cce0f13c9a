#include "engine/broker/log_replay.h"

#include <vector>

#include "engine/protocol/record_batch.h"
#include "engine/storage/file_util.h"

namespace partita::broker {

Status ReplayLog(const Partition& partition,
                 const std::function<void(const protocol::BatchHeader&, std::span<const uint8_t>)>& on_batch) {
  const std::string name = partition.topic_partition().DirName();
  storage::Log* log = partition.log();
  const Offset end = log->LogEndOffset();
  Offset next = log->LogStartOffset();
  std::vector<uint8_t> buffer;
  while (next < end) {
    auto read = log->Read(next, 1 << 20, end, true);
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
  return Status::Ok();
}

}  // namespace partita::broker
