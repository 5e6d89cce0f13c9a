// Tagged-field sections (flexible versions, KIP-482) for the generated message codecs (not a public API).
// A known tag is decoded from exactly the bytes its size prefix gives, through a sub-Reader, so a field can
// neither read into its neighbour nor leave bytes behind; unknown tags are skipped, as Kafka's readers do.
// Thread safety: stateless functions.
#pragma once

#include <cstdint>

#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol::codec {

// Reads one tagged-field section. decode(tag, Reader& field_reader) returns false for a tag it does not know
// (skipped); for a known tag it decodes the field from field_reader, which must end exactly at the field's end.
template <typename F>
void ReadTaggedFields(Reader& r, F&& decode) {
  uint32_t count = r.ReadUnsignedVarint();
  if (count > r.remaining()) {
    r.Fail("tagged field count exceeds the frame");
    return;
  }
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    uint32_t tag = r.ReadUnsignedVarint();
    uint32_t size = r.ReadUnsignedVarint();
    std::span<const uint8_t> bytes = r.ReadSpan(size);
    if (!r.ok()) return;
    Reader field(bytes);
    if (!decode(tag, field)) continue;
    if (!field.ok() || field.remaining() != 0) {
      r.Fail("bad size for a tagged field");
      return;
    }
  }
}

// Writes one tagged field: tag, size, then the field's bytes encoded into `field`.
inline void WriteTaggedField(Writer& w, uint32_t tag, const Writer& field) {
  w.WriteUnsignedVarint(tag);
  w.WriteUnsignedVarint(static_cast<uint32_t>(field.bytes().size()));
  w.WriteRaw(field.bytes());
}

}  // namespace partita::protocol::codec
