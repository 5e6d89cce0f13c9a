// Test helper: builds uncompressed v2 record batches with a valid CRC-32C, as a producer would send them
// (base offset 0, leader epoch -1), plus small file helpers for the storage tests.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/crc32c.h"
#include "engine/common/endian.h"
#include "engine/protocol/batch_header.h"

namespace partita::storage::testing {

struct TestRecord {
  int64_t timestamp = 0;
  std::string key;
  std::string value;
};

inline void PutVarlong(std::vector<uint8_t>& out, int64_t v) {
  uint64_t u = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (u >= 0x80) {
    out.push_back(static_cast<uint8_t>(u | 0x80));
    u >>= 7;
  }
  out.push_back(static_cast<uint8_t>(u));
}

// One batch holding `records`; timestamps are per record (the batch's base/max are derived from them).
inline std::vector<uint8_t> BuildBatch(const std::vector<TestRecord>& records, int64_t base_offset = 0) {
  int64_t base_ts = records.empty() ? 0 : records[0].timestamp, max_ts = base_ts;
  for (const auto& r : records) {
    base_ts = std::min(base_ts, r.timestamp);
    max_ts = std::max(max_ts, r.timestamp);
  }
  std::vector<uint8_t> body;
  for (size_t i = 0; i < records.size(); ++i) {
    std::vector<uint8_t> rec;
    rec.push_back(0);  // attributes
    PutVarlong(rec, records[i].timestamp - base_ts);
    PutVarlong(rec, static_cast<int64_t>(i));
    PutVarlong(rec, static_cast<int64_t>(records[i].key.size()));
    rec.insert(rec.end(), records[i].key.begin(), records[i].key.end());
    PutVarlong(rec, static_cast<int64_t>(records[i].value.size()));
    rec.insert(rec.end(), records[i].value.begin(), records[i].value.end());
    PutVarlong(rec, 0);  // headers
    PutVarlong(body, static_cast<int64_t>(rec.size()));
    body.insert(body.end(), rec.begin(), rec.end());
  }
  protocol::BatchHeader h;
  h.base_offset = base_offset;
  h.batch_length = static_cast<int32_t>(protocol::kBatchHeaderSize - protocol::kLogOverhead + body.size());
  h.partition_leader_epoch = -1;
  h.last_offset_delta = static_cast<int32_t>(records.size()) - 1;
  h.base_timestamp = base_ts;
  h.max_timestamp = max_ts;
  h.records_count = static_cast<int32_t>(records.size());
  std::vector<uint8_t> out(protocol::kBatchHeaderSize);
  protocol::WriteBatchHeader(h, out.data());
  out.insert(out.end(), body.begin(), body.end());
  StoreBe32(out.data() + protocol::kCrcOffset,
            Crc32c({out.data() + protocol::kAttributesOffset, out.size() - protocol::kAttributesOffset}));
  return out;
}

// A batch of `count` records with timestamps ts, ts+1, ... and values of `value_size` bytes.
inline std::vector<uint8_t> SimpleBatch(int count, int64_t ts, size_t value_size = 10, char fill = 'v') {
  std::vector<TestRecord> records;
  for (int i = 0; i < count; ++i) {
    std::string key = "k";
    key.append(std::to_string(i));
    records.push_back({ts + i, std::move(key), std::string(value_size, fill)});
  }
  return BuildBatch(records);
}

inline std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// What the log should hold for `batch` after assigning it base_offset and leader epoch `epoch`.
inline std::vector<uint8_t> WithOffsets(std::vector<uint8_t> batch, int64_t base_offset, int32_t epoch) {
  StoreBe64(batch.data(), static_cast<uint64_t>(base_offset));
  StoreBe32(batch.data() + protocol::kPartitionLeaderEpochOffset, static_cast<uint32_t>(epoch));
  return batch;
}

inline std::vector<uint8_t> PreadAll(int fd, int64_t position, int64_t length) {
  std::vector<uint8_t> out(static_cast<size_t>(length));
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd, out.data() + done, out.size() - done, position + static_cast<int64_t>(done));
    if (n <= 0) return {};
    done += static_cast<size_t>(n);
  }
  return out;
}

inline int64_t FileSizeOf(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return -1;
  const off_t size = ::lseek(fd, 0, SEEK_END);
  ::close(fd);
  return size;
}

}  // namespace partita::storage::testing
