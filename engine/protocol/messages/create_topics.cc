#include "engine/protocol/messages/create_topics.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void CreateTopicsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + 4 + 2 + 2 * ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    t.num_partitions = r.ReadInt32();
    t.replication_factor = r.ReadInt16();
    int32_t na = ReadCount(r, flex, 4 + ArrMin(flex) + TagMin(flex));
    t.assignments.reserve(static_cast<size_t>(na));
    for (int32_t j = 0; j < na && r.ok(); ++j) {
      Assignment& a = t.assignments.emplace_back();
      a.partition_index = r.ReadInt32();
      ReadInt32Array(r, flex, a.broker_ids);
      if (flex) r.SkipTaggedFields();
    }
    int32_t nc = ReadCount(r, flex, StrMin(flex) + (flex ? 1 : 2) + TagMin(flex));
    t.configs.reserve(static_cast<size_t>(nc));
    for (int32_t j = 0; j < nc && r.ok(); ++j) {
      Config& c = t.configs.emplace_back();
      c.name = r.ReadString(flex);
      c.value = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  timeout_ms = r.ReadInt32();
  validate_only = version >= 1 ? r.ReadBool() : false;
  if (flex) r.SkipTaggedFields();
}

void CreateTopicsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    w.WriteInt32(t.num_partitions);
    w.WriteInt16(t.replication_factor);
    WriteCount(w, t.assignments.size(), flex);
    for (const auto& a : t.assignments) {
      w.WriteInt32(a.partition_index);
      WriteInt32Array(w, a.broker_ids, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
    WriteCount(w, t.configs.size(), flex);
    for (const auto& c : t.configs) {
      w.WriteString(c.name, flex);
      w.WriteNullableString(c.value, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  w.WriteInt32(timeout_ms);
  if (version >= 1) w.WriteBool(validate_only);
  if (flex) w.WriteEmptyTaggedFields();
}

// Reads a tagged-field section, keeping tag 0 (topic_config_error_code) and skipping the rest.
static void ReadTopicTags(Reader& r, int16_t& topic_config_error_code) {
  uint32_t count = r.ReadUnsignedVarint();
  if (count > r.remaining()) {
    r.Fail("tagged field count exceeds the frame");
    return;
  }
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    uint32_t tag = r.ReadUnsignedVarint();
    uint32_t size = r.ReadUnsignedVarint();
    if (tag == 0) {
      if (size != 2) {
        r.Fail("bad size for topic_config_error_code");
        return;
      }
      topic_config_error_code = r.ReadInt16();
    } else {
      r.Skip(size);
    }
  }
}

void CreateTopicsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= CreateTopicsRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 2 ? r.ReadInt32() : 0;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + 2 + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.name = r.ReadString(flex);
    if (version >= 7) t.topic_id = r.ReadUuid();
    t.error_code = r.ReadInt16();
    if (version >= 1) t.error_message = r.ReadNullableString(flex);
    if (version >= 5) {
      t.num_partitions = r.ReadInt32();
      t.replication_factor = r.ReadInt16();
      int32_t nc = r.ReadArrayLength(flex, StrMin(flex) + (flex ? 1 : 2) + 3 + TagMin(flex));
      if (nc >= 0) {
        t.configs.emplace();
        t.configs->reserve(static_cast<size_t>(nc));
        for (int32_t j = 0; j < nc && r.ok(); ++j) {
          Config& c = t.configs->emplace_back();
          c.name = r.ReadString(flex);
          c.value = r.ReadNullableString(flex);
          c.read_only = r.ReadBool();
          c.config_source = r.ReadInt8();
          c.is_sensitive = r.ReadBool();
          if (flex) r.SkipTaggedFields();
        }
      }
    }
    if (flex) ReadTopicTags(r, t.topic_config_error_code);
  }
  if (flex) r.SkipTaggedFields();
}

void CreateTopicsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= CreateTopicsRequest::kFirstFlexibleVersion;
  if (version >= 2) w.WriteInt32(throttle_time_ms);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.name, flex);
    if (version >= 7) w.WriteUuid(t.topic_id);
    w.WriteInt16(t.error_code);
    if (version >= 1) w.WriteNullableString(t.error_message, flex);
    if (version >= 5) {
      w.WriteInt32(t.num_partitions);
      w.WriteInt16(t.replication_factor);
      if (!t.configs) {
        w.WriteArrayLength(-1, flex);
      } else {
        WriteCount(w, t.configs->size(), flex);
        for (const auto& c : *t.configs) {
          w.WriteString(c.name, flex);
          w.WriteNullableString(c.value, flex);
          w.WriteBool(c.read_only);
          w.WriteInt8(c.config_source);
          w.WriteBool(c.is_sensitive);
          if (flex) w.WriteEmptyTaggedFields();
        }
      }
    }
    if (flex) {
      if (t.topic_config_error_code != 0) {
        w.WriteUnsignedVarint(1);  // one tagged field
        w.WriteUnsignedVarint(0);  // tag
        w.WriteUnsignedVarint(2);  // size
        w.WriteInt16(t.topic_config_error_code);
      } else {
        w.WriteEmptyTaggedFields();
      }
    }
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
