#include "engine/protocol/messages/heartbeat.h"

namespace partita::protocol {

void HeartbeatRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id = r.ReadString(flex);
  generation_id = r.ReadInt32();
  member_id = r.ReadString(flex);
  group_instance_id.reset();
  if (version >= 3) group_instance_id = r.ReadNullableString(flex);
  if (flex) r.SkipTaggedFields();
}

void HeartbeatRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteString(group_id, flex);
  w.WriteInt32(generation_id);
  w.WriteString(member_id, flex);
  if (version >= 3) w.WriteNullableString(group_instance_id, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void HeartbeatResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= HeartbeatRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = r.ReadInt16();
  if (flex) r.SkipTaggedFields();
}

void HeartbeatResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= HeartbeatRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
