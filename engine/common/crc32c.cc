#include "engine/common/crc32c.h"

#include <isa-l/crc.h>

namespace partita {

uint32_t Crc32cExtend(uint32_t crc, std::span<const uint8_t> data) {
  return crc32_iscsi(const_cast<unsigned char*>(data.data()), static_cast<int>(data.size()), crc ^ 0xFFFFFFFFu) ^
         0xFFFFFFFFu;
}

uint32_t Crc32c(std::span<const uint8_t> data) { return Crc32cExtend(0, data); }

}  // namespace partita
