#include "engine/protocol/messages/create_partitions.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void CreatePartitionsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  int32_t n = ReadCount(r, flex, StrMin(flex) + 4 + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    t.count = r.ReadInt32();
    int32_t na = r.ReadArrayLength(flex, ArrMin(flex) + TagMin(flex));
    if (na >= 0) {
      t.assignments.emplace();
      t.assignments->reserve(static_cast<size_t>(na));
      for (int32_t j = 0; j < na && r.ok(); ++j) {
        Assignment& a = t.assignments->emplace_back();
        ReadInt32Array(r, flex, a.broker_ids);
        if (flex) r.SkipTaggedFields();
      }
    }
    if (flex) r.SkipTaggedFields();
  }
  timeout_ms = r.ReadInt32();
  validate_only = r.ReadBool();
  if (flex) r.SkipTaggedFields();
}

void CreatePartitionsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    w.WriteInt32(t.count);
    if (!t.assignments) {
      w.WriteArrayLength(-1, flex);
    } else {
      WriteCount(w, t.assignments->size(), flex);
      for (const auto& a : *t.assignments) {
        WriteInt32Array(w, a.broker_ids, flex);
        if (flex) w.WriteEmptyTaggedFields();
      }
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  w.WriteInt32(timeout_ms);
  w.WriteBool(validate_only);
  if (flex) w.WriteEmptyTaggedFields();
}

void CreatePartitionsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= CreatePartitionsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  int32_t n = ReadCount(r, flex, StrMin(flex) + 2 + (flex ? 1 : 2) + TagMin(flex));
  results.clear();
  results.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    Result& res = results.emplace_back();
    res.name = r.ReadString(flex);
    res.error_code = r.ReadInt16();
    res.error_message = r.ReadNullableString(flex);
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void CreatePartitionsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= CreatePartitionsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  WriteCount(w, results.size(), flex);
  for (const auto& res : results) {
    w.WriteString(res.name, flex);
    w.WriteInt16(res.error_code);
    w.WriteNullableString(res.error_message, flex);
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
