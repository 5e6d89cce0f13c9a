#include "engine/protocol/messages/offset_fetch.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

namespace {

void ReadRequestTopics(Reader& r, bool flex, bool nullable, std::optional<std::vector<OffsetFetchRequest::Topic>>& out) {
  auto read_topic = [&](OffsetFetchRequest::Topic& t) {
    t.name = r.ReadString(flex);
    ReadInt32Array(r, flex, t.partition_indexes);
    if (flex) r.SkipTaggedFields();
  };
  const size_t min = StrMin(flex) + ArrMin(flex) + TagMin(flex);
  if (nullable) {
    ReadNullableArray(r, flex, min, out, read_topic);
  } else {
    out.emplace();
    ReadArray(r, flex, min, *out, read_topic);
  }
}

void WriteRequestTopics(Writer& w, bool flex, const std::optional<std::vector<OffsetFetchRequest::Topic>>& v) {
  WriteNullableArray(w, flex, v, [&](const OffsetFetchRequest::Topic& t) {
    w.WriteString(t.name, flex);
    WriteInt32Array(w, t.partition_indexes, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
}

void ReadResponseTopics(Reader& r, bool flex, int16_t version, std::vector<OffsetFetchResponse::Topic>& out) {
  const size_t partition_min = 14 + (version >= 5 ? 4 : 0) + (flex ? 1 : 2) + TagMin(flex);
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), out, [&](OffsetFetchResponse::Topic& t) {
    t.name = r.ReadString(flex);
    ReadArray(r, flex, partition_min, t.partitions, [&](OffsetFetchResponse::Partition& p) {
      p.partition_index = r.ReadInt32();
      p.committed_offset = r.ReadInt64();
      p.committed_leader_epoch = version >= 5 ? r.ReadInt32() : -1;
      p.metadata = r.ReadNullableString(flex);
      p.error_code = r.ReadInt16();
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
}

void WriteResponseTopics(Writer& w, bool flex, int16_t version, const std::vector<OffsetFetchResponse::Topic>& v) {
  WriteArray(w, flex, v, [&](const OffsetFetchResponse::Topic& t) {
    w.WriteString(t.name, flex);
    WriteArray(w, flex, t.partitions, [&](const OffsetFetchResponse::Partition& p) {
      w.WriteInt32(p.partition_index);
      w.WriteInt64(p.committed_offset);
      if (version >= 5) w.WriteInt32(p.committed_leader_epoch);
      w.WriteNullableString(p.metadata, flex);
      w.WriteInt16(p.error_code);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
}

}  // namespace

void OffsetFetchRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  group_id.clear();
  topics.reset();
  groups.clear();
  if (version < kFirstBatchedVersion) {
    group_id = r.ReadString(flex);
    ReadRequestTopics(r, flex, version >= 2, topics);
  } else {
    ReadArray(r, flex, StrMin(flex) + 1 + TagMin(flex), groups, [&](Group& g) {
      g.group_id = r.ReadString(flex);
      ReadRequestTopics(r, flex, true, g.topics);
      if (flex) r.SkipTaggedFields();
    });
  }
  require_stable = version >= 7 ? r.ReadBool() : false;
  if (flex) r.SkipTaggedFields();
}

void OffsetFetchRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version < kFirstBatchedVersion) {
    w.WriteString(group_id, flex);
    if (version < 2 && !topics) {
      WriteCount(w, 0, flex);
    } else {
      WriteRequestTopics(w, flex, topics);
    }
  } else {
    WriteArray(w, flex, groups, [&](const Group& g) {
      w.WriteString(g.group_id, flex);
      WriteRequestTopics(w, flex, g.topics);
      if (flex) w.WriteEmptyTaggedFields();
    });
  }
  if (version >= 7) w.WriteBool(require_stable);
  if (flex) w.WriteEmptyTaggedFields();
}

void OffsetFetchResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= OffsetFetchRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 3 ? r.ReadInt32() : 0;
  topics.clear();
  error_code = 0;
  groups.clear();
  if (version < OffsetFetchRequest::kFirstBatchedVersion) {
    ReadResponseTopics(r, flex, version, topics);
    if (version >= 2) error_code = r.ReadInt16();
  } else {
    ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + 2 + TagMin(flex), groups, [&](Group& g) {
      g.group_id = r.ReadString(flex);
      ReadResponseTopics(r, flex, version, g.topics);
      g.error_code = r.ReadInt16();
      if (flex) r.SkipTaggedFields();
    });
  }
  if (flex) r.SkipTaggedFields();
}

void OffsetFetchResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= OffsetFetchRequest::kFirstFlexibleVersion;
  if (version >= 3) w.WriteInt32(throttle_time_ms);
  if (version < OffsetFetchRequest::kFirstBatchedVersion) {
    WriteResponseTopics(w, flex, version, topics);
    if (version >= 2) w.WriteInt16(error_code);
  } else {
    WriteArray(w, flex, groups, [&](const Group& g) {
      w.WriteString(g.group_id, flex);
      WriteResponseTopics(w, flex, version, g.topics);
      w.WriteInt16(g.error_code);
      if (flex) w.WriteEmptyTaggedFields();
    });
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
