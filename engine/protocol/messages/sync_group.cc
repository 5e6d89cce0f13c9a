#include "engine/protocol/messages/sync_group.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void SyncGroupRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id = r.ReadString(flex);
  generation_id = r.ReadInt32();
  member_id = r.ReadString(flex);
  group_instance_id.reset();
  protocol_type.reset();
  protocol_name.reset();
  if (version >= 3) group_instance_id = r.ReadNullableString(flex);
  if (version >= 5) {
    protocol_type = r.ReadNullableString(flex);
    protocol_name = r.ReadNullableString(flex);
  }
  ReadArray(r, flex, StrMin(flex) + (flex ? 1 : 4) + TagMin(flex), assignments, [&](Assignment& a) {
    a.member_id = r.ReadString(flex);
    a.assignment = ReadOwnedBytes(r, flex);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void SyncGroupRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteString(group_id, flex);
  w.WriteInt32(generation_id);
  w.WriteString(member_id, flex);
  if (version >= 3) w.WriteNullableString(group_instance_id, flex);
  if (version >= 5) {
    w.WriteNullableString(protocol_type, flex);
    w.WriteNullableString(protocol_name, flex);
  }
  WriteArray(w, flex, assignments, [&](const Assignment& a) {
    w.WriteString(a.member_id, flex);
    WriteOwnedBytes(w, a.assignment, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

void SyncGroupResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= SyncGroupRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = r.ReadInt16();
  protocol_type.reset();
  protocol_name.reset();
  if (version >= 5) {
    protocol_type = r.ReadNullableString(flex);
    protocol_name = r.ReadNullableString(flex);
  }
  assignment = ReadOwnedBytes(r, flex);
  if (flex) r.SkipTaggedFields();
}

void SyncGroupResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= SyncGroupRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  if (version >= 5) {
    w.WriteNullableString(protocol_type, flex);
    w.WriteNullableString(protocol_name, flex);
  }
  WriteOwnedBytes(w, assignment, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
