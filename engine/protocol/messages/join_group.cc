#include "engine/protocol/messages/join_group.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void JoinGroupRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id = r.ReadString(flex);
  session_timeout_ms = r.ReadInt32();
  rebalance_timeout_ms = version >= 1 ? r.ReadInt32() : -1;
  member_id = r.ReadString(flex);
  group_instance_id.reset();
  if (version >= 5) group_instance_id = r.ReadNullableString(flex);
  protocol_type = r.ReadString(flex);
  ReadArray(r, flex, StrMin(flex) + (flex ? 1 : 4) + TagMin(flex), protocols, [&](Protocol& p) {
    p.name = r.ReadString(flex);
    p.metadata = ReadOwnedBytes(r, flex);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void JoinGroupRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteString(group_id, flex);
  w.WriteInt32(session_timeout_ms);
  if (version >= 1) w.WriteInt32(rebalance_timeout_ms);
  w.WriteString(member_id, flex);
  if (version >= 5) w.WriteNullableString(group_instance_id, flex);
  w.WriteString(protocol_type, flex);
  WriteArray(w, flex, protocols, [&](const Protocol& p) {
    w.WriteString(p.name, flex);
    WriteOwnedBytes(w, p.metadata, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

void JoinGroupResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= JoinGroupRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 2 ? r.ReadInt32() : 0;
  error_code = r.ReadInt16();
  generation_id = r.ReadInt32();
  protocol_type.reset();
  if (version >= 7) {
    protocol_type = r.ReadNullableString(flex);
    protocol_name = r.ReadNullableString(flex);
  } else {
    protocol_name = r.ReadString(flex);
  }
  leader = r.ReadString(flex);
  member_id = r.ReadString(flex);
  const size_t member_min = StrMin(flex) + (version >= 5 ? (flex ? 1 : 2) : 0) + (flex ? 1 : 4) + TagMin(flex);
  ReadArray(r, flex, member_min, members, [&](Member& m) {
    m.member_id = r.ReadString(flex);
    if (version >= 5) m.group_instance_id = r.ReadNullableString(flex);
    m.metadata = ReadOwnedBytes(r, flex);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void JoinGroupResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= JoinGroupRequest::kFirstFlexibleVersion;
  if (version >= 2) w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  w.WriteInt32(generation_id);
  if (version >= 7) {
    w.WriteNullableString(protocol_type, flex);
    w.WriteNullableString(protocol_name, flex);
  } else {
    w.WriteString(protocol_name.value_or(std::string()), flex);
  }
  w.WriteString(leader, flex);
  w.WriteString(member_id, flex);
  WriteArray(w, flex, members, [&](const Member& m) {
    w.WriteString(m.member_id, flex);
    if (version >= 5) w.WriteNullableString(m.group_instance_id, flex);
    WriteOwnedBytes(w, m.metadata, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
