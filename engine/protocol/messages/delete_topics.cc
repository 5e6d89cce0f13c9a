#include "engine/protocol/messages/delete_topics.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void DeleteTopicsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  topics.clear();
  topic_names.clear();
  if (version >= 6) {
    int32_t n = ReadCount(r, flex, 1 + 16 + TagMin(flex));
    topics.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n && r.ok(); ++i) {
      Topic& t = topics.emplace_back();
      t.name = r.ReadNullableString(flex);
      t.topic_id = r.ReadUuid();
      if (flex) r.SkipTaggedFields();
    }
  } else {
    ReadStringArray(r, flex, topic_names);
  }
  timeout_ms = r.ReadInt32();
  if (flex) r.SkipTaggedFields();
}

void DeleteTopicsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version >= 6) {
    WriteCount(w, topics.size(), flex);
    for (const auto& t : topics) {
      w.WriteNullableString(t.name, flex);
      w.WriteUuid(t.topic_id);
      if (flex) w.WriteEmptyTaggedFields();
    }
  } else {
    WriteStringArray(w, topic_names, flex);
  }
  w.WriteInt32(timeout_ms);
  if (flex) w.WriteEmptyTaggedFields();
}

void DeleteTopicsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DeleteTopicsRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  int32_t n = ReadCount(r, flex, 1 + 2 + TagMin(flex));
  responses.clear();
  responses.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    Result& res = responses.emplace_back();
    if (version >= 6) {
      res.name = r.ReadNullableString(flex);
      res.topic_id = r.ReadUuid();
    } else {
      res.name = r.ReadString(flex);
    }
    res.error_code = r.ReadInt16();
    if (version >= 5) res.error_message = r.ReadNullableString(flex);
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void DeleteTopicsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DeleteTopicsRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  WriteCount(w, responses.size(), flex);
  for (const auto& res : responses) {
    if (version >= 6) {
      w.WriteNullableString(res.name, flex);
      w.WriteUuid(res.topic_id);
    } else {
      w.WriteString(res.name ? std::string_view(*res.name) : std::string_view(), flex);
    }
    w.WriteInt16(res.error_code);
    if (version >= 5) w.WriteNullableString(res.error_message, flex);
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
