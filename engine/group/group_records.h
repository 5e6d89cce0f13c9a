// Record encodings of the __consumer_offsets topic (Kafka's group-coordinator schemas OffsetCommitKey,
// OffsetCommitValue, GroupMetadataKey, GroupMetadataValue), and the consumer protocol's subscription
// metadata, which the coordinator parses to know which topics a group is subscribed to.
//
// Keys start with an INT16 version that also says which kind of record it is: 0/1 = offset commit,
// 2 = group metadata. We write offset keys v1, offset values v3, group keys v2, group values v3 (the
// non-flexible versions Kafka 3.x writes); decoders accept offset values v0-v3 and group values v0-v3.
// A deleted offset or group is a tombstone (record with the key and a null value).
// Decoders never trust the bytes: they return Status errors on truncation, bad versions or trailing bytes.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/common/status.h"

namespace partita::group {

struct OffsetCommitKey {
  std::string group;
  std::string topic;
  int32_t partition = 0;
  bool operator==(const OffsetCommitKey&) const = default;
};

struct OffsetCommitValue {
  int64_t offset = 0;
  int32_t leader_epoch = -1;  // v3+
  std::string metadata;
  int64_t commit_timestamp = 0;
  int64_t expire_timestamp = -1;  // v1 only; read, never written
  bool operator==(const OffsetCommitValue&) const = default;
};

struct GroupMetadataKey {
  std::string group;
  bool operator==(const GroupMetadataKey&) const = default;
};

struct GroupMemberRecord {
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;  // v1+
  int32_t session_timeout_ms = 0;
  std::vector<uint8_t> subscription;  // the selected protocol's member metadata
  std::vector<uint8_t> assignment;
  bool operator==(const GroupMemberRecord&) const = default;
};

struct GroupMetadataValue {
  std::string protocol_type;
  int32_t generation = 0;
  std::optional<std::string> protocol;
  std::optional<std::string> leader;
  int64_t current_state_timestamp = -1;  // v2+
  std::vector<GroupMemberRecord> members;
  bool operator==(const GroupMetadataValue&) const = default;
};

constexpr int16_t kOffsetCommitKeyVersion = 1;
constexpr int16_t kOffsetCommitValueVersion = 3;
constexpr int16_t kGroupMetadataKeyVersion = 2;
constexpr int16_t kGroupMetadataValueVersion = 3;

std::vector<uint8_t> EncodeOffsetCommitKey(const OffsetCommitKey& key);
std::vector<uint8_t> EncodeOffsetCommitValue(const OffsetCommitValue& value);
std::vector<uint8_t> EncodeGroupMetadataKey(const GroupMetadataKey& key);
std::vector<uint8_t> EncodeGroupMetadataValue(const GroupMetadataValue& value);

// A decoded __consumer_offsets key: which kind of record it is follows from its version.
using ConsumerOffsetsKey = std::variant<OffsetCommitKey, GroupMetadataKey>;
Result<ConsumerOffsetsKey> DecodeConsumerOffsetsKey(std::span<const uint8_t> bytes);
Result<OffsetCommitValue> DecodeOffsetCommitValue(std::span<const uint8_t> bytes);
Result<GroupMetadataValue> DecodeGroupMetadataValue(std::span<const uint8_t> bytes);

// The consumer protocol ("consumer" protocol type) subscription: version INT16, topics [STRING], then
// user data and (v1+) owned partitions, which we do not need. Returns the topics.
Result<std::vector<std::string>> ParseConsumerSubscriptionTopics(std::span<const uint8_t> metadata);

}  // namespace partita::group
