#include "engine/protocol/messages/sasl_authenticate.h"

namespace partita::protocol {

void SaslAuthenticateRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  auto bytes = r.ReadBytes(flex);
  auth_bytes.assign(bytes.begin(), bytes.end());
  if (flex) r.SkipTaggedFields();
}

void SaslAuthenticateRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteBytes(auth_bytes, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void SaslAuthenticateResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= SaslAuthenticateRequest::kFirstFlexibleVersion;
  error_code = r.ReadInt16();
  error_message = r.ReadNullableString(flex);
  auto bytes = r.ReadBytes(flex);
  auth_bytes.assign(bytes.begin(), bytes.end());
  if (version >= 1) session_lifetime_ms = r.ReadInt64();
  if (flex) r.SkipTaggedFields();
}

void SaslAuthenticateResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= SaslAuthenticateRequest::kFirstFlexibleVersion;
  w.WriteInt16(error_code);
  w.WriteNullableString(error_message, flex);
  w.WriteBytes(auth_bytes, flex);
  if (version >= 1) w.WriteInt64(session_lifetime_ms);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
