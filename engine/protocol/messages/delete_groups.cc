#include "engine/protocol/messages/delete_groups.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void DeleteGroupsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  ReadStringArray(r, flex, groups_names);
  if (flex) r.SkipTaggedFields();
}

void DeleteGroupsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteStringArray(w, groups_names, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void DeleteGroupsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DeleteGroupsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  ReadArray(r, flex, StrMin(flex) + 2 + TagMin(flex), results, [&](Result& res) {
    res.group_id = r.ReadString(flex);
    res.error_code = r.ReadInt16();
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void DeleteGroupsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DeleteGroupsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  WriteArray(w, flex, results, [&](const Result& res) {
    w.WriteString(res.group_id, flex);
    w.WriteInt16(res.error_code);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
