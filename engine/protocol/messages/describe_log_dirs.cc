#include "engine/protocol/messages/describe_log_dirs.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void DescribeLogDirsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  ReadNullableArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topics, [&](Topic& t) {
    t.topic = r.ReadString(flex);
    ReadInt32Array(r, flex, t.partitions);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void DescribeLogDirsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteNullableArray(w, flex, topics, [&](const Topic& t) {
    w.WriteString(t.topic, flex);
    WriteInt32Array(w, t.partitions, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

void DescribeLogDirsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DescribeLogDirsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  error_code = version >= 3 ? r.ReadInt16() : int16_t(0);
  const size_t result_min = 2 + StrMin(flex) + ArrMin(flex) + (version >= 4 ? 16 : 0) + TagMin(flex);
  ReadArray(r, flex, result_min, results, [&](Result& res) {
    res.error_code = r.ReadInt16();
    res.log_dir = r.ReadString(flex);
    ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), res.topics, [&](Topic& t) {
      t.name = r.ReadString(flex);
      ReadArray(r, flex, 21 + TagMin(flex), t.partitions, [&](Partition& p) {
        p.partition_index = r.ReadInt32();
        p.partition_size = r.ReadInt64();
        p.offset_lag = r.ReadInt64();
        p.is_future_key = r.ReadBool();
        if (flex) r.SkipTaggedFields();
      });
      if (flex) r.SkipTaggedFields();
    });
    if (version >= 4) {
      res.total_bytes = r.ReadInt64();
      res.usable_bytes = r.ReadInt64();
    }
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void DescribeLogDirsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DescribeLogDirsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  if (version >= 3) w.WriteInt16(error_code);
  WriteArray(w, flex, results, [&](const Result& res) {
    w.WriteInt16(res.error_code);
    w.WriteString(res.log_dir, flex);
    WriteArray(w, flex, res.topics, [&](const Topic& t) {
      w.WriteString(t.name, flex);
      WriteArray(w, flex, t.partitions, [&](const Partition& p) {
        w.WriteInt32(p.partition_index);
        w.WriteInt64(p.partition_size);
        w.WriteInt64(p.offset_lag);
        w.WriteBool(p.is_future_key);
        if (flex) w.WriteEmptyTaggedFields();
      });
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (version >= 4) {
      w.WriteInt64(res.total_bytes);
      w.WriteInt64(res.usable_bytes);
    }
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
