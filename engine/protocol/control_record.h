// Control records (KIP-98): the single record of a control batch (attributes bit 5, always also transactional)
// that a transaction coordinator's WriteTxnMarkers makes the partition leader append to end a transaction.
//   key   (4 bytes): version i16 (= 0) | type i16 (0 = ABORT, 1 = COMMIT)        — Kafka's ControlRecordType
//   value (6 bytes): version i16 (= 0) | coordinatorEpoch i32                      — Kafka's EndTransactionMarker
// Kafka readers accept a higher key version and ignore trailing bytes of the value; so do we. Parsing never
// trusts the bytes: a short key/value or an unknown type is Corruption.
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::protocol {

enum class ControlRecordType : int16_t { kAbort = 0, kCommit = 1 };

struct EndTxnMarker {
  ControlRecordType type = ControlRecordType::kAbort;
  int32_t coordinator_epoch = 0;
  bool commit() const { return type == ControlRecordType::kCommit; }
  bool operator==(const EndTxnMarker&) const = default;
};

std::string_view ControlRecordTypeName(ControlRecordType type);  // "COMMIT" / "ABORT", as Kafka prints them

std::vector<uint8_t> EncodeControlKey(ControlRecordType type);
std::vector<uint8_t> EncodeEndTxnMarkerValue(int32_t coordinator_epoch);
Result<EndTxnMarker> DecodeEndTxnMarker(std::optional<std::span<const uint8_t>> key,
                                        std::optional<std::span<const uint8_t>> value);

// One control batch holding the marker, as Kafka's MemoryRecords.withEndTransactionMarker builds it: producer id
// and epoch of the transaction, base sequence -1, transactional + control attributes, base offset 0 (the log
// assigns it). `timestamp_ms` is the record's timestamp.
Result<std::vector<uint8_t>> BuildEndTxnMarkerBatch(int64_t producer_id, int16_t producer_epoch,
                                                    const EndTxnMarker& marker, int64_t timestamp_ms);
// The marker of a whole control batch (its first record). Corruption for a batch that is not a control batch
// or whose record is malformed. Compressed control batches are accepted (Kafka never writes them).
Result<EndTxnMarker> ReadEndTxnMarker(std::span<const uint8_t> batch);

}  // namespace partita::protocol
