// CRC-32C (Castagnoli), as Kafka's record batch v2 uses. Backed by ISA-L.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace partita {

uint32_t Crc32c(std::span<const uint8_t> data);
// Continues a CRC over more data: Crc32cExtend(Crc32c(a), b) == Crc32c(a ++ b).
uint32_t Crc32cExtend(uint32_t crc, std::span<const uint8_t> data);

}  // namespace partita
