#include "engine/protocol/control_record.h"

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"

namespace partita::protocol {

namespace {

constexpr int16_t kControlKeyVersion = 0;
constexpr int16_t kEndTxnMarkerVersion = 0;
constexpr size_t kControlKeySize = 4;
constexpr size_t kEndTxnMarkerValueSize = 6;

}  // namespace

std::string_view ControlRecordTypeName(ControlRecordType type) {
  return type == ControlRecordType::kCommit ? "COMMIT" : "ABORT";
}

std::vector<uint8_t> EncodeControlKey(ControlRecordType type) {
  std::vector<uint8_t> out(kControlKeySize);
  StoreBe16(out.data(), static_cast<uint16_t>(kControlKeyVersion));
  StoreBe16(out.data() + 2, static_cast<uint16_t>(type));
  return out;
}

std::vector<uint8_t> EncodeEndTxnMarkerValue(int32_t coordinator_epoch) {
  std::vector<uint8_t> out(kEndTxnMarkerValueSize);
  StoreBe16(out.data(), static_cast<uint16_t>(kEndTxnMarkerVersion));
  StoreBe32(out.data() + 2, static_cast<uint32_t>(coordinator_epoch));
  return out;
}

Result<EndTxnMarker> DecodeEndTxnMarker(std::optional<std::span<const uint8_t>> key,
                                        std::optional<std::span<const uint8_t>> value) {
  if (!key || key->size() < kControlKeySize)
    return Status::Corruption("control record key must hold a version and a type (4 bytes)");
  if (static_cast<int16_t>(LoadBe16(key->data())) < 0) return Status::Corruption("control record key version < 0");
  const auto type = static_cast<int16_t>(LoadBe16(key->data() + 2));
  if (type != static_cast<int16_t>(ControlRecordType::kAbort) && type != static_cast<int16_t>(ControlRecordType::kCommit))
    return Status::Corruption("control record type " + std::to_string(type) + " is not a transaction marker");
  if (!value || value->size() < kEndTxnMarkerValueSize)
    return Status::Corruption("end transaction marker value must hold a version and a coordinator epoch (6 bytes)");
  if (static_cast<int16_t>(LoadBe16(value->data())) < 0)
    return Status::Corruption("end transaction marker version < 0");
  EndTxnMarker marker;
  marker.type = static_cast<ControlRecordType>(type);
  marker.coordinator_epoch = static_cast<int32_t>(LoadBe32(value->data() + 2));
  return marker;
}

Result<std::vector<uint8_t>> BuildEndTxnMarkerBatch(int64_t producer_id, int16_t producer_epoch,
                                                    const EndTxnMarker& marker, int64_t timestamp_ms) {
  BatchBuilder::Options options;
  options.producer_id = producer_id;
  options.producer_epoch = producer_epoch;
  options.base_sequence = -1;
  options.transactional = true;
  options.control = true;
  BatchBuilder builder(options);
  const std::vector<uint8_t> key = EncodeControlKey(marker.type);
  const std::vector<uint8_t> value = EncodeEndTxnMarkerValue(marker.coordinator_epoch);
  builder.Append(timestamp_ms, std::span<const uint8_t>(key), std::span<const uint8_t>(value));
  return builder.Build();
}

Result<EndTxnMarker> ReadEndTxnMarker(std::span<const uint8_t> batch) {
  if (batch.size() < kBatchHeaderSize) return Status::Corruption("control batch shorter than a batch header");
  const BatchHeader h = ReadBatchHeader(batch.data());
  if (h.magic != kMagicV2 || !h.control()) return Status::Corruption("not a v2 control batch");
  std::optional<Result<EndTxnMarker>> marker;
  Status st = ForEachRecord(batch, nullptr, [&](const Record& r) {
    marker = DecodeEndTxnMarker(r.key, r.value);
    return false;
  });
  if (!st.ok()) return st;
  if (!marker) return Status::Corruption("control batch at offset " + std::to_string(h.base_offset) + " has no record");
  return std::move(*marker);
}

}  // namespace partita::protocol
