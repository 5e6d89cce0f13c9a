#include "engine/group/group_records.h"

#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::group {

using protocol::Reader;
using protocol::Writer;

namespace {

std::vector<uint8_t> Take(Writer& w) { return std::vector<uint8_t>(w.bytes().begin(), w.bytes().end()); }

Status Finish(const Reader& r, const char* what) {
  if (!r.ok()) return Status::Corruption(std::string(what) + ": " + r.status().message());
  if (r.remaining() != 0) return Status::Corruption(std::string(what) + ": trailing bytes");
  return Status::Ok();
}

std::vector<uint8_t> ToVector(std::span<const uint8_t> s) { return std::vector<uint8_t>(s.begin(), s.end()); }

}  // namespace

std::vector<uint8_t> EncodeOffsetCommitKey(const OffsetCommitKey& key) {
  Writer w;
  w.WriteInt16(kOffsetCommitKeyVersion);
  w.WriteString(key.group);
  w.WriteString(key.topic);
  w.WriteInt32(key.partition);
  return Take(w);
}

std::vector<uint8_t> EncodeOffsetCommitValue(const OffsetCommitValue& value) {
  Writer w;
  w.WriteInt16(kOffsetCommitValueVersion);
  w.WriteInt64(value.offset);
  w.WriteInt32(value.leader_epoch);
  w.WriteString(value.metadata);
  w.WriteInt64(value.commit_timestamp);
  return Take(w);
}

std::vector<uint8_t> EncodeGroupMetadataKey(const GroupMetadataKey& key) {
  Writer w;
  w.WriteInt16(kGroupMetadataKeyVersion);
  w.WriteString(key.group);
  return Take(w);
}

std::vector<uint8_t> EncodeGroupMetadataValue(const GroupMetadataValue& value) {
  Writer w;
  w.WriteInt16(kGroupMetadataValueVersion);
  w.WriteString(value.protocol_type);
  w.WriteInt32(value.generation);
  w.WriteNullableString(value.protocol);
  w.WriteNullableString(value.leader);
  w.WriteInt64(value.current_state_timestamp);
  w.WriteArrayLength(static_cast<int32_t>(value.members.size()));
  for (const GroupMemberRecord& m : value.members) {
    w.WriteString(m.member_id);
    w.WriteNullableString(m.group_instance_id);
    w.WriteString(m.client_id);
    w.WriteString(m.client_host);
    w.WriteInt32(m.rebalance_timeout_ms);
    w.WriteInt32(m.session_timeout_ms);
    w.WriteBytes(m.subscription);
    w.WriteBytes(m.assignment);
  }
  return Take(w);
}

Result<ConsumerOffsetsKey> DecodeConsumerOffsetsKey(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  const int16_t version = r.ReadInt16();
  if (!r.ok()) return Status::Corruption("__consumer_offsets key: truncated");
  if (version == 0 || version == 1) {
    OffsetCommitKey key;
    key.group = r.ReadString();
    key.topic = r.ReadString();
    key.partition = r.ReadInt32();
    PARTITA_RETURN_IF_ERROR(Finish(r, "offset commit key"));
    return ConsumerOffsetsKey(std::move(key));
  }
  if (version == 2) {
    GroupMetadataKey key;
    key.group = r.ReadString();
    PARTITA_RETURN_IF_ERROR(Finish(r, "group metadata key"));
    return ConsumerOffsetsKey(std::move(key));
  }
  return Status::Unsupported("__consumer_offsets key version " + std::to_string(version));
}

Result<OffsetCommitValue> DecodeOffsetCommitValue(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  const int16_t version = r.ReadInt16();
  if (!r.ok()) return Status::Corruption("offset commit value: truncated");
  // v4 is flexible (tagged fields); Kafka 3.x does not write it yet.
  if (version < 0 || version > 3) return Status::Unsupported("offset commit value version " + std::to_string(version));
  OffsetCommitValue v;
  v.offset = r.ReadInt64();
  if (version >= 3) v.leader_epoch = r.ReadInt32();
  v.metadata = r.ReadString();
  v.commit_timestamp = r.ReadInt64();
  if (version == 1) v.expire_timestamp = r.ReadInt64();
  PARTITA_RETURN_IF_ERROR(Finish(r, "offset commit value"));
  return v;
}

Result<GroupMetadataValue> DecodeGroupMetadataValue(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  const int16_t version = r.ReadInt16();
  if (!r.ok()) return Status::Corruption("group metadata value: truncated");
  if (version < 0 || version > 3) return Status::Unsupported("group metadata value version " + std::to_string(version));
  GroupMetadataValue v;
  v.protocol_type = r.ReadString();
  v.generation = r.ReadInt32();
  v.protocol = r.ReadNullableString();
  v.leader = r.ReadNullableString();
  if (version >= 2) v.current_state_timestamp = r.ReadInt64();
  // Smallest member: 2+2+2+4+4+4 bytes (v0) — enough to refuse absurd counts before reserving.
  const int32_t n = r.ReadInt32ArrayLength(18);
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    GroupMemberRecord m;
    m.member_id = r.ReadString();
    if (version >= 3) m.group_instance_id = r.ReadNullableString();
    m.client_id = r.ReadString();
    m.client_host = r.ReadString();
    m.rebalance_timeout_ms = version >= 1 ? r.ReadInt32() : 0;
    m.session_timeout_ms = r.ReadInt32();
    m.subscription = ToVector(r.ReadBytes());
    m.assignment = ToVector(r.ReadBytes());
    if (version < 1) m.rebalance_timeout_ms = m.session_timeout_ms;  // v0 had one timeout for both
    v.members.push_back(std::move(m));
  }
  PARTITA_RETURN_IF_ERROR(Finish(r, "group metadata value"));
  return v;
}

Result<std::vector<std::string>> ParseConsumerSubscriptionTopics(std::span<const uint8_t> metadata) {
  Reader r(metadata);
  const int16_t version = r.ReadInt16();
  if (r.ok() && version < 0) return Status::Corruption("consumer subscription: negative version");
  const int32_t n = r.ReadInt32ArrayLength(2);
  std::vector<std::string> topics;
  for (int32_t i = 0; i < n && r.ok(); ++i) topics.push_back(r.ReadString());
  // User data and owned partitions follow; a newer version may add more, so trailing bytes are fine.
  if (!r.ok()) return Status::Corruption("consumer subscription: " + r.status().message());
  return topics;
}

}  // namespace partita::group
