#include "engine/protocol/messages/list_offsets.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void ListOffsetsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  replica_id = r.ReadInt32();
  isolation_level = version >= 2 ? r.ReadInt8() : 0;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 8 + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.partition_index = r.ReadInt32();
      if (version >= 4) p.current_leader_epoch = r.ReadInt32();
      p.timestamp = r.ReadInt64();
      if (version == 0) p.max_num_offsets = r.ReadInt32();
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void ListOffsetsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteInt32(replica_id);
  if (version >= 2) w.WriteInt8(isolation_level);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition_index);
      if (version >= 4) w.WriteInt32(p.current_leader_epoch);
      w.WriteInt64(p.timestamp);
      if (version == 0) w.WriteInt32(p.max_num_offsets);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

void ListOffsetsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= ListOffsetsRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 2 ? r.ReadInt32() : 0;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 2 + TagMin(flex) + (version == 0 ? 4 : 16));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.partition_index = r.ReadInt32();
      p.error_code = r.ReadInt16();
      if (version == 0) ReadInt64Array(r, flex, p.old_style_offsets);
      if (version >= 1) {
        p.timestamp = r.ReadInt64();
        p.offset = r.ReadInt64();
      }
      if (version >= 4) p.leader_epoch = r.ReadInt32();
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void ListOffsetsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= ListOffsetsRequest::kFirstFlexibleVersion;
  if (version >= 2) w.WriteInt32(throttle_time_ms);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition_index);
      w.WriteInt16(p.error_code);
      if (version == 0) WriteInt64Array(w, p.old_style_offsets, flex);
      if (version >= 1) {
        w.WriteInt64(p.timestamp);
        w.WriteInt64(p.offset);
      }
      if (version >= 4) w.WriteInt32(p.leader_epoch);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
