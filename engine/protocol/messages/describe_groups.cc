#include "engine/protocol/messages/describe_groups.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void DescribeGroupsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  ReadStringArray(r, flex, groups);
  include_authorized_operations = version >= 3 ? r.ReadBool() : false;
  if (flex) r.SkipTaggedFields();
}

void DescribeGroupsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteStringArray(w, groups, flex);
  if (version >= 3) w.WriteBool(include_authorized_operations);
  if (flex) w.WriteEmptyTaggedFields();
}

void DescribeGroupsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DescribeGroupsRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  const size_t member_min =
      3 * StrMin(flex) + (version >= 4 ? (flex ? 1 : 2) : 0) + 2 * (flex ? 1 : 4) + TagMin(flex);
  const size_t group_min = 2 + 4 * StrMin(flex) + ArrMin(flex) + (version >= 3 ? 4 : 0) + TagMin(flex);
  ReadArray(r, flex, group_min, groups, [&](Group& g) {
    g.error_code = r.ReadInt16();
    g.group_id = r.ReadString(flex);
    g.group_state = r.ReadString(flex);
    g.protocol_type = r.ReadString(flex);
    g.protocol_data = r.ReadString(flex);
    ReadArray(r, flex, member_min, g.members, [&](Member& m) {
      m.member_id = r.ReadString(flex);
      if (version >= 4) m.group_instance_id = r.ReadNullableString(flex);
      m.client_id = r.ReadString(flex);
      m.client_host = r.ReadString(flex);
      m.member_metadata = ReadOwnedBytes(r, flex);
      m.member_assignment = ReadOwnedBytes(r, flex);
      if (flex) r.SkipTaggedFields();
    });
    g.authorized_operations = version >= 3 ? r.ReadInt32() : std::numeric_limits<int32_t>::min();
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void DescribeGroupsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DescribeGroupsRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  WriteArray(w, flex, groups, [&](const Group& g) {
    w.WriteInt16(g.error_code);
    w.WriteString(g.group_id, flex);
    w.WriteString(g.group_state, flex);
    w.WriteString(g.protocol_type, flex);
    w.WriteString(g.protocol_data, flex);
    WriteArray(w, flex, g.members, [&](const Member& m) {
      w.WriteString(m.member_id, flex);
      if (version >= 4) w.WriteNullableString(m.group_instance_id, flex);
      w.WriteString(m.client_id, flex);
      w.WriteString(m.client_host, flex);
      WriteOwnedBytes(w, m.member_metadata, flex);
      WriteOwnedBytes(w, m.member_assignment, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (version >= 3) w.WriteInt32(g.authorized_operations);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
