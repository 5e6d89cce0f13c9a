// Producer state snapshot files, byte-compatible with Kafka 3.8's ProducerStateManager (snapshot version 1):
//   <partition dir>/<20-digit offset>.snapshot, where the offset is the log end offset the state covers
//   (the first offset that was NOT yet applied), holding, big-endian:
//     version i16 (= 1) | crc u32 (CRC-32C over every byte after this field) |
//     producer_entries: count i32, then per entry (46 bytes):
//       producer_id i64 | epoch i16 | last_sequence i32 | last_offset i64 | offset_delta i32 |
//       timestamp i64 | coordinator_epoch i32 | current_txn_first_offset i64 (-1 = no open transaction)
//   offset_delta is last_sequence - first_sequence of the producer's last batch (its lastOffsetDelta);
//   last_offset -1 means the producer has no data batch (only a transaction marker).
// Like Kafka, a snapshot keeps only the LAST batch per producer, so after a restart only the most recent
// batch of each producer is recognised as a duplicate until new batches arrive.
// Decoding never trusts the bytes: a short file, a wrong version, a bad CRC or trailing garbage is
// Corruption. Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::broker {

inline constexpr std::string_view kProducerSnapshotSuffix = ".snapshot";
inline constexpr int16_t kProducerSnapshotVersion = 1;
inline constexpr size_t kProducerSnapshotEntrySize = 46;
inline constexpr size_t kProducerSnapshotHeaderSize = 2 + 4 + 4;  // version, crc, entry count

struct ProducerSnapshotEntry {
  int64_t producer_id = -1;
  int16_t epoch = -1;
  int32_t last_sequence = -1;
  int64_t last_offset = -1;
  int32_t offset_delta = 0;
  int64_t timestamp = -1;
  int32_t coordinator_epoch = -1;
  int64_t current_txn_first_offset = -1;
  bool operator==(const ProducerSnapshotEntry&) const = default;
};

std::string EncodeProducerSnapshot(const std::vector<ProducerSnapshotEntry>& entries);
Result<std::vector<ProducerSnapshotEntry>> DecodeProducerSnapshot(std::string_view bytes);

// "<dir>/<20-digit offset>.snapshot".
std::string ProducerSnapshotPath(const std::string& dir, int64_t offset);
// Offsets of the snapshot files in dir, ascending (temp files and other names are ignored). A missing
// directory lists as empty.
std::vector<int64_t> ListProducerSnapshots(const std::string& dir);

}  // namespace partita::broker
