#include "engine/protocol/messages/delete_records.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void DeleteRecordsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
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
      p.offset = r.ReadInt64();
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  timeout_ms = r.ReadInt32();
  if (flex) r.SkipTaggedFields();
}

void DeleteRecordsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition_index);
      w.WriteInt64(p.offset);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  w.WriteInt32(timeout_ms);
  if (flex) w.WriteEmptyTaggedFields();
}

void DeleteRecordsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DeleteRecordsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 8 + 2 + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.partition_index = r.ReadInt32();
      p.low_watermark = r.ReadInt64();
      p.error_code = r.ReadInt16();
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void DeleteRecordsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DeleteRecordsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition_index);
      w.WriteInt64(p.low_watermark);
      w.WriteInt16(p.error_code);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
