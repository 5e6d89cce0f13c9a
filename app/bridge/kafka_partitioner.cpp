#include "app/bridge/kafka_partitioner.h"

#include <string_view>

#include "engine/client/kafka_partitioner.h"

namespace partita::app {

int32_t murmur2(const QByteArray& data) {
  return client::Murmur2(std::string_view(data.constData(), static_cast<size_t>(data.size())));
}

int partitionForKey(const QByteArray& key, int numPartitions) {
  if (numPartitions <= 0) return -1;
  const uint32_t positive = static_cast<uint32_t>(murmur2(key)) & 0x7fffffffu;
  return static_cast<int>(positive % static_cast<uint32_t>(numPartitions));
}

uint32_t crc32(const QByteArray& data) {
  // Bitwise reflected CRC-32; keys are short, so no table is needed.
  uint32_t crc = 0xffffffffu;
  for (const char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

int crc32PartitionForKey(const QByteArray& key, int numPartitions) {
  if (numPartitions <= 0) return -1;
  return static_cast<int>(crc32(key) % static_cast<uint32_t>(numPartitions));
}

}  // namespace partita::app
