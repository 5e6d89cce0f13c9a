// Consumer protocol Subscription / Assignment decoding (see consumer_protocol.h).
#include "engine/client/consumer_protocol.h"

#include "engine/protocol/reader.h"

namespace partita::client {

namespace {

std::optional<std::string> ReadUserData(protocol::Reader& r) {
  auto b = r.ReadNullableBytes();
  if (!b) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(b->data()), b->size());
}

// [Topic string, Partitions []int32]: each entry takes at least 2 + 4 bytes.
std::vector<TopicPartition> ReadTopicPartitions(protocol::Reader& r) {
  std::vector<TopicPartition> out;
  const int32_t topics = r.ReadInt32ArrayLength(6);
  for (int32_t i = 0; i < topics && r.ok(); ++i) {
    std::string topic = r.ReadString();
    const int32_t n = r.ReadInt32ArrayLength(4);
    for (int32_t j = 0; j < n && r.ok(); ++j) out.push_back({topic, PartitionId(r.ReadInt32())});
  }
  return out;
}

Status Check(const protocol::Reader& r, const char* what) {
  if (r.ok()) return Status::Ok();
  return Status::Corruption(std::string("consumer protocol ") + what + " does not decode: " + r.status().message());
}

}  // namespace

Result<ConsumerAssignment> DecodeConsumerAssignment(std::span<const uint8_t> bytes) {
  ConsumerAssignment a;
  if (bytes.empty()) return a;
  protocol::Reader r(bytes);
  a.version = r.ReadInt16();
  if (r.ok() && a.version < 0) r.Fail("negative version " + std::to_string(a.version));
  a.partitions = ReadTopicPartitions(r);
  // Some old clients end the assignment after the partitions; user data is then absent.
  if (r.ok() && r.remaining() > 0) a.user_data = ReadUserData(r);
  PARTITA_RETURN_IF_ERROR(Check(r, "assignment"));
  return a;
}

Result<ConsumerSubscription> DecodeConsumerSubscription(std::span<const uint8_t> bytes) {
  ConsumerSubscription s;
  if (bytes.empty()) return s;
  protocol::Reader r(bytes);
  s.version = r.ReadInt16();
  if (r.ok() && s.version < 0) r.Fail("negative version " + std::to_string(s.version));
  const int32_t n = r.ReadInt32ArrayLength(2);
  for (int32_t i = 0; i < n && r.ok(); ++i) s.topics.push_back(r.ReadString());
  if (r.ok() && r.remaining() > 0) s.user_data = ReadUserData(r);
  // The later fields are "ignorable": a writer of version >= 1 may still stop early.
  if (s.version >= 1 && r.ok() && r.remaining() > 0) s.owned_partitions = ReadTopicPartitions(r);
  if (s.version >= 2 && r.ok() && r.remaining() > 0) s.generation_id = r.ReadInt32();
  if (s.version >= 3 && r.ok() && r.remaining() > 0) s.rack_id = r.ReadNullableString();
  PARTITA_RETURN_IF_ERROR(Check(r, "subscription"));
  return s;
}

}  // namespace partita::client
