#include "engine/protocol/request_header.h"

namespace partita::protocol {

void RequestHeader::DecodeCommon(Reader& r) {
  api_key = r.ReadInt16();
  api_version = r.ReadInt16();
  correlation_id = r.ReadInt32();
  client_id = r.ReadNullableString();
}

void RequestHeader::Encode(Writer& w, int header_version) const {
  w.WriteInt16(api_key);
  w.WriteInt16(api_version);
  w.WriteInt32(correlation_id);
  if (header_version >= 1) w.WriteNullableString(client_id);
  if (header_version >= 2) w.WriteEmptyTaggedFields();
}

void EncodeResponseHeader(Writer& w, int32_t correlation_id, int header_version) {
  w.WriteInt32(correlation_id);
  if (header_version >= 1) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
