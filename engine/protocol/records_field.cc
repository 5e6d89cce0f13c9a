#include "engine/protocol/records_field.h"

namespace partita::protocol {

size_t RecordsField::size() const {
  size_t n = view.size();
  for (const auto& r : regions) n += static_cast<size_t>(r.length);
  return n;
}

void RecordsField::Decode(Reader& r, bool flexible) {
  auto b = r.ReadNullableBytes(flexible);
  is_null = !b.has_value();
  view = b ? *b : std::span<const uint8_t>();
  owned.clear();
  regions.clear();
}

void RecordsField::Encode(Writer& w, bool flexible) const {
  if (is_null) {
    flexible ? w.WriteUnsignedVarint(0) : w.WriteInt32(-1);
    return;
  }
  size_t n = size();
  flexible ? w.WriteUnsignedVarint(static_cast<uint32_t>(n + 1)) : w.WriteInt32(static_cast<int32_t>(n));
  w.WriteRaw(view);
  for (const auto& region : regions) w.AppendRegion(region);
}

}  // namespace partita::protocol
