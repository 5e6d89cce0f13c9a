#include "engine/protocol/messages/list_groups.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void ListGroupsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  states_filter.clear();
  if (version >= 4) ReadStringArray(r, flex, states_filter);
  if (flex) r.SkipTaggedFields();
}

void ListGroupsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version >= 4) WriteStringArray(w, states_filter, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void ListGroupsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= ListGroupsRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = r.ReadInt16();
  ReadArray(r, flex, (version >= 4 ? 3 : 2) * StrMin(flex) + TagMin(flex), groups, [&](Group& g) {
    g.group_id = r.ReadString(flex);
    g.protocol_type = r.ReadString(flex);
    if (version >= 4) g.group_state = r.ReadString(flex);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void ListGroupsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= ListGroupsRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  WriteArray(w, flex, groups, [&](const Group& g) {
    w.WriteString(g.group_id, flex);
    w.WriteString(g.protocol_type, flex);
    if (version >= 4) w.WriteString(g.group_state, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
