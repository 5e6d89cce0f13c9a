#include "engine/protocol/messages/offset_commit.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void OffsetCommitRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id = r.ReadString(flex);
  generation_id = -1;
  member_id.clear();
  group_instance_id.reset();
  retention_time_ms = -1;
  if (version >= 1) {
    generation_id = r.ReadInt32();
    member_id = r.ReadString(flex);
  }
  if (version >= 7) group_instance_id = r.ReadNullableString(flex);
  if (version >= 2 && version <= 4) retention_time_ms = r.ReadInt64();
  const size_t partition_min = 12 + (version >= 6 ? 4 : 0) + (version == 1 ? 8 : 0) + (flex ? 1 : 2) + TagMin(flex);
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topics, [&](Topic& t) {
    t.name = r.ReadString(flex);
    ReadArray(r, flex, partition_min, t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      p.committed_offset = r.ReadInt64();
      p.committed_leader_epoch = version >= 6 ? r.ReadInt32() : -1;
      p.commit_timestamp = version == 1 ? r.ReadInt64() : -1;
      p.committed_metadata = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void OffsetCommitRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteString(group_id, flex);
  if (version >= 1) {
    w.WriteInt32(generation_id);
    w.WriteString(member_id, flex);
  }
  if (version >= 7) w.WriteNullableString(group_instance_id, flex);
  if (version >= 2 && version <= 4) w.WriteInt64(retention_time_ms);
  WriteArray(w, flex, topics, [&](const Topic& t) {
    w.WriteString(t.name, flex);
    WriteArray(w, flex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      w.WriteInt64(p.committed_offset);
      if (version >= 6) w.WriteInt32(p.committed_leader_epoch);
      if (version == 1) w.WriteInt64(p.commit_timestamp);
      w.WriteNullableString(p.committed_metadata, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

void OffsetCommitResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= OffsetCommitRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 3 ? r.ReadInt32() : 0;
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topics, [&](Topic& t) {
    t.name = r.ReadString(flex);
    ReadArray(r, flex, 6 + TagMin(flex), t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      p.error_code = r.ReadInt16();
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void OffsetCommitResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= OffsetCommitRequest::kFirstFlexibleVersion;
  if (version >= 3) w.WriteInt32(throttle_time_ms);
  WriteArray(w, flex, topics, [&](const Topic& t) {
    w.WriteString(t.name, flex);
    WriteArray(w, flex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      w.WriteInt16(p.error_code);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
