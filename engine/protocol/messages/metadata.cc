#include "engine/protocol/messages/metadata.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void MetadataRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  int32_t n = r.ReadArrayLength(flex, StrMin(flex) + TagMin(flex));
  if (n < 0 && version < 1 && r.ok()) r.Fail("null topics array in Metadata v0");
  if (n < 0 || (version == 0 && n == 0)) {
    topics.reset();
  } else {
    topics.emplace();
    topics->reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n && r.ok(); ++i) {
      Topic& t = topics->emplace_back();
      t.name = r.ReadString(flex);
      if (flex) r.SkipTaggedFields();
    }
  }
  allow_auto_topic_creation = version >= 4 ? r.ReadBool() : true;
  if (version >= 8) {
    include_cluster_authorized_operations = r.ReadBool();
    include_topic_authorized_operations = r.ReadBool();
  }
  if (flex) r.SkipTaggedFields();
}

void MetadataRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (!topics) {
    w.WriteArrayLength(version >= 1 ? -1 : 0, flex);
  } else {
    WriteCount(w, topics->size(), flex);
    for (const auto& t : *topics) {
      w.WriteString(t.name, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
  }
  if (version >= 4) w.WriteBool(allow_auto_topic_creation);
  if (version >= 8) {
    w.WriteBool(include_cluster_authorized_operations);
    w.WriteBool(include_topic_authorized_operations);
  }
  if (flex) w.WriteEmptyTaggedFields();
}

void MetadataResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= MetadataRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 3 ? r.ReadInt32() : 0;
  int32_t nb = ReadCount(r, flex, 4 + StrMin(flex) + 4);
  brokers.clear();
  brokers.reserve(static_cast<size_t>(nb));
  for (int32_t i = 0; i < nb && r.ok(); ++i) {
    Broker& b = brokers.emplace_back();
    b.node_id = r.ReadInt32();
    b.host = r.ReadString(flex);
    b.port = r.ReadInt32();
    if (version >= 1) b.rack = r.ReadNullableString(flex);
    if (flex) r.SkipTaggedFields();
  }
  cluster_id = version >= 2 ? r.ReadNullableString(flex) : std::nullopt;
  controller_id = version >= 1 ? r.ReadInt32() : -1;
  int32_t nt = ReadCount(r, flex, 2 + StrMin(flex) + ArrMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.error_code = r.ReadInt16();
    t.name = r.ReadString(flex);
    if (version >= 1) t.is_internal = r.ReadBool();
    int32_t np = ReadCount(r, flex, 2 + 4 + 4 + 2 * ArrMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.error_code = r.ReadInt16();
      p.partition_index = r.ReadInt32();
      p.leader_id = r.ReadInt32();
      if (version >= 7) p.leader_epoch = r.ReadInt32();
      ReadInt32Array(r, flex, p.replica_nodes);
      ReadInt32Array(r, flex, p.isr_nodes);
      if (version >= 5) ReadInt32Array(r, flex, p.offline_replicas);
      if (flex) r.SkipTaggedFields();
    }
    if (version >= 8) t.topic_authorized_operations = r.ReadInt32();
    if (flex) r.SkipTaggedFields();
  }
  cluster_authorized_operations = version >= 8 ? r.ReadInt32() : INT32_MIN;
  if (flex) r.SkipTaggedFields();
}

void MetadataResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= MetadataRequest::kFirstFlexibleVersion;
  if (version >= 3) w.WriteInt32(throttle_time_ms);
  WriteCount(w, brokers.size(), flex);
  for (const auto& b : brokers) {
    w.WriteInt32(b.node_id);
    w.WriteString(b.host, flex);
    w.WriteInt32(b.port);
    if (version >= 1) w.WriteNullableString(b.rack, flex);
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (version >= 2) w.WriteNullableString(cluster_id, flex);
  if (version >= 1) w.WriteInt32(controller_id);
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteInt16(t.error_code);
    w.WriteString(t.name, flex);
    if (version >= 1) w.WriteBool(t.is_internal);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt16(p.error_code);
      w.WriteInt32(p.partition_index);
      w.WriteInt32(p.leader_id);
      if (version >= 7) w.WriteInt32(p.leader_epoch);
      WriteInt32Array(w, p.replica_nodes, flex);
      WriteInt32Array(w, p.isr_nodes, flex);
      if (version >= 5) WriteInt32Array(w, p.offline_replicas, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (version >= 8) w.WriteInt32(t.topic_authorized_operations);
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (version >= 8) w.WriteInt32(cluster_authorized_operations);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
