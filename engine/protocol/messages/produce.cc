#include "engine/protocol/messages/produce.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void ProduceRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  transactional_id = version >= 3 ? r.ReadNullableString(flex) : std::nullopt;
  acks = r.ReadInt16();
  timeout_ms = r.ReadInt32();
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    // Each partition: index + records length (compact: 1 byte) + tags.
    int32_t np = ReadCount(r, flex, 4 + (flex ? 1 : 4) + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.index = r.ReadInt32();
      p.records.Decode(r, flex);
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void ProduceRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version >= 3) w.WriteNullableString(transactional_id, flex);
  w.WriteInt16(acks);
  w.WriteInt32(timeout_ms);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.index);
      p.records.Encode(w, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

void ProduceResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= ProduceRequest::kFirstFlexibleVersion;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  responses.clear();
  responses.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = responses.emplace_back();
    t.name = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 2 + 8 + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.index = r.ReadInt32();
      p.error_code = r.ReadInt16();
      p.base_offset = r.ReadInt64();
      if (version >= 2) p.log_append_time_ms = r.ReadInt64();
      if (version >= 5) p.log_start_offset = r.ReadInt64();
      if (version >= 8) {
        int32_t ne = ReadCount(r, flex, 4 + (flex ? 1 : 2) + TagMin(flex));
        p.record_errors.reserve(static_cast<size_t>(ne));
        for (int32_t k = 0; k < ne && r.ok(); ++k) {
          RecordError& e = p.record_errors.emplace_back();
          e.batch_index = r.ReadInt32();
          e.batch_index_error_message = r.ReadNullableString(flex);
          if (flex) r.SkipTaggedFields();
        }
        p.error_message = r.ReadNullableString(flex);
      }
      if (flex) r.SkipTaggedFields();  // current_leader (v10+) would live here
    }
    if (flex) r.SkipTaggedFields();
  }
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  if (flex) r.SkipTaggedFields();
}

void ProduceResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= ProduceRequest::kFirstFlexibleVersion;
  WriteCount(w, responses.size(), flex);
  for (const auto& t : responses) {
    w.WriteString(t.name, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.index);
      w.WriteInt16(p.error_code);
      w.WriteInt64(p.base_offset);
      if (version >= 2) w.WriteInt64(p.log_append_time_ms);
      if (version >= 5) w.WriteInt64(p.log_start_offset);
      if (version >= 8) {
        WriteCount(w, p.record_errors.size(), flex);
        for (const auto& e : p.record_errors) {
          w.WriteInt32(e.batch_index);
          w.WriteNullableString(e.batch_index_error_message, flex);
          if (flex) w.WriteEmptyTaggedFields();
        }
        w.WriteNullableString(p.error_message, flex);
      }
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
