#include "engine/protocol/messages/leave_group.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void LeaveGroupRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id = r.ReadString(flex);
  member_id.clear();
  members.clear();
  if (version < kFirstBatchedVersion) {
    member_id = r.ReadString(flex);
  } else {
    ReadArray(r, flex, StrMin(flex) + (flex ? 1 : 2) + TagMin(flex), members, [&](Member& m) {
      m.member_id = r.ReadString(flex);
      m.group_instance_id = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    });
  }
  if (flex) r.SkipTaggedFields();
}

void LeaveGroupRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteString(group_id, flex);
  if (version < kFirstBatchedVersion) {
    w.WriteString(member_id, flex);
  } else {
    WriteArray(w, flex, members, [&](const Member& m) {
      w.WriteString(m.member_id, flex);
      w.WriteNullableString(m.group_instance_id, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
  }
  if (flex) w.WriteEmptyTaggedFields();
}

void LeaveGroupResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= LeaveGroupRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = r.ReadInt16();
  members.clear();
  if (version >= LeaveGroupRequest::kFirstBatchedVersion) {
    ReadArray(r, flex, StrMin(flex) + (flex ? 1 : 2) + 2 + TagMin(flex), members, [&](Member& m) {
      m.member_id = r.ReadString(flex);
      m.group_instance_id = r.ReadNullableString(flex);
      m.error_code = r.ReadInt16();
      if (flex) r.SkipTaggedFields();
    });
  }
  if (flex) r.SkipTaggedFields();
}

void LeaveGroupResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= LeaveGroupRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  if (version >= LeaveGroupRequest::kFirstBatchedVersion) {
    WriteArray(w, flex, members, [&](const Member& m) {
      w.WriteString(m.member_id, flex);
      w.WriteNullableString(m.group_instance_id, flex);
      w.WriteInt16(m.error_code);
      if (flex) w.WriteEmptyTaggedFields();
    });
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
