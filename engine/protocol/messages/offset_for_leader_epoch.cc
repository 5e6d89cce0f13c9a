#include "engine/protocol/messages/offset_for_leader_epoch.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void OffsetForLeaderEpochRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  replica_id = version >= 3 ? r.ReadInt32() : -2;
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topics, [&](Topic& t) {
    t.topic = r.ReadString(flex);
    ReadArray(r, flex, 8 + TagMin(flex), t.partitions, [&](Partition& p) {
      p.partition = r.ReadInt32();
      p.current_leader_epoch = version >= 2 ? r.ReadInt32() : -1;
      p.leader_epoch = r.ReadInt32();
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void OffsetForLeaderEpochRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version >= 3) w.WriteInt32(replica_id);
  WriteArray(w, flex, topics, [&](const Topic& t) {
    w.WriteString(t.topic, flex);
    WriteArray(w, flex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition);
      if (version >= 2) w.WriteInt32(p.current_leader_epoch);
      w.WriteInt32(p.leader_epoch);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

void OffsetForLeaderEpochResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= OffsetForLeaderEpochRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 2 ? r.ReadInt32() : 0;
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topics, [&](Topic& t) {
    t.topic = r.ReadString(flex);
    ReadArray(r, flex, 14 + TagMin(flex), t.partitions, [&](Partition& p) {
      p.error_code = r.ReadInt16();
      p.partition = r.ReadInt32();
      p.leader_epoch = version >= 1 ? r.ReadInt32() : -1;
      p.end_offset = r.ReadInt64();
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void OffsetForLeaderEpochResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= OffsetForLeaderEpochRequest::kFirstFlexibleVersion;
  if (version >= 2) w.WriteInt32(throttle_time_ms);
  WriteArray(w, flex, topics, [&](const Topic& t) {
    w.WriteString(t.topic, flex);
    WriteArray(w, flex, t.partitions, [&](const Partition& p) {
      w.WriteInt16(p.error_code);
      w.WriteInt32(p.partition);
      if (version >= 1) w.WriteInt32(p.leader_epoch);
      w.WriteInt64(p.end_offset);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
