#include "engine/broker/producer_state_snapshot.h"

#include <algorithm>
#include <filesystem>
#include <span>

#include "engine/common/crc32c.h"
#include "engine/common/endian.h"
#include "engine/storage/file_util.h"

namespace partita::broker {

namespace {

constexpr size_t kCrcFieldOffset = 2;
constexpr size_t kEntriesOffset = 6;  // the CRC covers everything from here on

std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string EncodeProducerSnapshot(const std::vector<ProducerSnapshotEntry>& entries) {
  std::string out(kProducerSnapshotHeaderSize + entries.size() * kProducerSnapshotEntrySize, '\0');
  auto* p = reinterpret_cast<uint8_t*>(out.data());
  StoreBe16(p, static_cast<uint16_t>(kProducerSnapshotVersion));
  StoreBe32(p + kEntriesOffset, static_cast<uint32_t>(entries.size()));
  uint8_t* e = p + kProducerSnapshotHeaderSize;
  for (const ProducerSnapshotEntry& entry : entries) {
    StoreBe64(e, static_cast<uint64_t>(entry.producer_id));
    StoreBe16(e + 8, static_cast<uint16_t>(entry.epoch));
    StoreBe32(e + 10, static_cast<uint32_t>(entry.last_sequence));
    StoreBe64(e + 14, static_cast<uint64_t>(entry.last_offset));
    StoreBe32(e + 22, static_cast<uint32_t>(entry.offset_delta));
    StoreBe64(e + 26, static_cast<uint64_t>(entry.timestamp));
    StoreBe32(e + 34, static_cast<uint32_t>(entry.coordinator_epoch));
    StoreBe64(e + 38, static_cast<uint64_t>(entry.current_txn_first_offset));
    e += kProducerSnapshotEntrySize;
  }
  StoreBe32(p + kCrcFieldOffset, Crc32c(AsBytes(std::string_view(out).substr(kEntriesOffset))));
  return out;
}

Result<std::vector<ProducerSnapshotEntry>> DecodeProducerSnapshot(std::string_view bytes) {
  if (bytes.size() < kProducerSnapshotHeaderSize)
    return Status::Corruption("producer snapshot too short: " + std::to_string(bytes.size()) + " bytes");
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto version = static_cast<int16_t>(LoadBe16(p));
  if (version != kProducerSnapshotVersion)
    return Status::Corruption("producer snapshot has unknown version " + std::to_string(version));
  const uint32_t stored_crc = LoadBe32(p + kCrcFieldOffset);
  const uint32_t crc = Crc32c(AsBytes(bytes.substr(kEntriesOffset)));
  if (stored_crc != crc)
    return Status::Corruption("producer snapshot CRC mismatch: stored " + std::to_string(stored_crc) + ", computed " +
                              std::to_string(crc));
  const auto count = static_cast<int32_t>(LoadBe32(p + kEntriesOffset));
  // Compare in 64 bits so a huge count cannot overflow the size computation.
  if (count < 0 || bytes.size() != kProducerSnapshotHeaderSize +
                                        static_cast<uint64_t>(count) * kProducerSnapshotEntrySize)
    return Status::Corruption("producer snapshot entry count " + std::to_string(count) + " does not match size " +
                              std::to_string(bytes.size()));
  std::vector<ProducerSnapshotEntry> entries;
  entries.reserve(static_cast<size_t>(count));
  const uint8_t* e = p + kProducerSnapshotHeaderSize;
  for (int32_t i = 0; i < count; ++i, e += kProducerSnapshotEntrySize) {
    ProducerSnapshotEntry entry;
    entry.producer_id = static_cast<int64_t>(LoadBe64(e));
    entry.epoch = static_cast<int16_t>(LoadBe16(e + 8));
    entry.last_sequence = static_cast<int32_t>(LoadBe32(e + 10));
    entry.last_offset = static_cast<int64_t>(LoadBe64(e + 14));
    entry.offset_delta = static_cast<int32_t>(LoadBe32(e + 22));
    entry.timestamp = static_cast<int64_t>(LoadBe64(e + 26));
    entry.coordinator_epoch = static_cast<int32_t>(LoadBe32(e + 34));
    entry.current_txn_first_offset = static_cast<int64_t>(LoadBe64(e + 38));
    entries.push_back(entry);
  }
  return entries;
}

std::string ProducerSnapshotPath(const std::string& dir, int64_t offset) {
  return storage::SegmentFileName(dir, offset, kProducerSnapshotSuffix);
}

std::vector<int64_t> ListProducerSnapshots(const std::string& dir) {
  std::vector<int64_t> offsets;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const int64_t offset = storage::ParseSegmentBaseOffset(it->path().filename().string(), kProducerSnapshotSuffix);
    if (offset >= 0) offsets.push_back(offset);
  }
  std::sort(offsets.begin(), offsets.end());
  return offsets;
}

}  // namespace partita::broker
