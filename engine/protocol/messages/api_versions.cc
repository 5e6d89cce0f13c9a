#include "engine/protocol/messages/api_versions.h"

namespace partita::protocol {

void ApiVersionsRequest::Decode(Reader& r, int16_t version) {
  if (version >= 3) {
    client_software_name = r.ReadCompactString();
    client_software_version = r.ReadCompactString();
    r.SkipTaggedFields();
  }
}

void ApiVersionsRequest::Encode(Writer& w, int16_t version) const {
  if (version >= 3) {
    w.WriteCompactString(client_software_name);
    w.WriteCompactString(client_software_version);
    w.WriteEmptyTaggedFields();
  }
}

void ApiVersionsResponse::Decode(Reader& r, int16_t version) {
  const bool flexible = version >= ApiVersionsRequest::kFirstFlexibleVersion;
  error_code = r.ReadInt16();
  int32_t n = r.ReadArrayLength(flexible, 6);
  api_keys.clear();
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    ApiVersion v;
    v.api_key = r.ReadInt16();
    v.min_version = r.ReadInt16();
    v.max_version = r.ReadInt16();
    if (flexible) r.SkipTaggedFields();
    api_keys.push_back(v);
  }
  if (version >= 1) throttle_time_ms = r.ReadInt32();
  if (flexible) r.SkipTaggedFields();
}

void ApiVersionsResponse::Encode(Writer& w, int16_t version) const {
  const bool flexible = version >= ApiVersionsRequest::kFirstFlexibleVersion;
  w.WriteInt16(error_code);
  w.WriteArrayLength(static_cast<int32_t>(api_keys.size()), flexible);
  for (const auto& v : api_keys) {
    w.WriteInt16(v.api_key);
    w.WriteInt16(v.min_version);
    w.WriteInt16(v.max_version);
    if (flexible) w.WriteEmptyTaggedFields();
  }
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  if (flexible) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
