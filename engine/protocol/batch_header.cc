#include "engine/protocol/batch_header.h"

namespace partita::protocol {

BatchHeader ReadBatchHeader(const uint8_t* p) {
  BatchHeader h;
  h.base_offset = static_cast<int64_t>(LoadBe64(p));
  h.batch_length = static_cast<int32_t>(LoadBe32(p + 8));
  h.partition_leader_epoch = static_cast<int32_t>(LoadBe32(p + 12));
  h.magic = static_cast<int8_t>(p[16]);
  h.crc = LoadBe32(p + 17);
  h.attributes = static_cast<int16_t>(LoadBe16(p + 21));
  h.last_offset_delta = static_cast<int32_t>(LoadBe32(p + 23));
  h.base_timestamp = static_cast<int64_t>(LoadBe64(p + 27));
  h.max_timestamp = static_cast<int64_t>(LoadBe64(p + 35));
  h.producer_id = static_cast<int64_t>(LoadBe64(p + 43));
  h.producer_epoch = static_cast<int16_t>(LoadBe16(p + 51));
  h.base_sequence = static_cast<int32_t>(LoadBe32(p + 53));
  h.records_count = static_cast<int32_t>(LoadBe32(p + 57));
  return h;
}

void WriteBatchHeader(const BatchHeader& h, uint8_t* p) {
  StoreBe64(p, static_cast<uint64_t>(h.base_offset));
  StoreBe32(p + 8, static_cast<uint32_t>(h.batch_length));
  StoreBe32(p + 12, static_cast<uint32_t>(h.partition_leader_epoch));
  p[16] = static_cast<uint8_t>(h.magic);
  StoreBe32(p + 17, h.crc);
  StoreBe16(p + 21, static_cast<uint16_t>(h.attributes));
  StoreBe32(p + 23, static_cast<uint32_t>(h.last_offset_delta));
  StoreBe64(p + 27, static_cast<uint64_t>(h.base_timestamp));
  StoreBe64(p + 35, static_cast<uint64_t>(h.max_timestamp));
  StoreBe64(p + 43, static_cast<uint64_t>(h.producer_id));
  StoreBe16(p + 51, static_cast<uint16_t>(h.producer_epoch));
  StoreBe32(p + 53, static_cast<uint32_t>(h.base_sequence));
  StoreBe32(p + 57, static_cast<uint32_t>(h.records_count));
}

int32_t IncrementSequence(int32_t sequence, int32_t increment) {
  const auto wrap = [](uint32_t v) { return static_cast<int32_t>(v); };
  const uint32_t max = static_cast<uint32_t>(INT32_MAX);
  if (sequence > wrap(max - static_cast<uint32_t>(increment)))
    return wrap(static_cast<uint32_t>(increment) - (max - static_cast<uint32_t>(sequence)) - 1u);
  return wrap(static_cast<uint32_t>(sequence) + static_cast<uint32_t>(increment));
}

}  // namespace partita::protocol
