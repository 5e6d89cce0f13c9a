// Strong id types: an Offset is not a PartitionId is not a BrokerId, even though all are integers.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace partita {

template <class Tag, class Rep>
struct StrongInt {
  Rep value{};
  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep v) : value(v) {}
  constexpr auto operator<=>(const StrongInt&) const = default;
  constexpr StrongInt operator+(Rep d) const { return StrongInt(value + d); }
  constexpr StrongInt operator-(Rep d) const { return StrongInt(value - d); }
  constexpr Rep operator-(StrongInt o) const { return value - o.value; }
  constexpr StrongInt& operator+=(Rep d) { value += d; return *this; }
};

using Offset = StrongInt<struct OffsetTag, int64_t>;
using PartitionId = StrongInt<struct PartitionIdTag, int32_t>;
using BrokerId = StrongInt<struct BrokerIdTag, int32_t>;
using LeaderEpoch = StrongInt<struct LeaderEpochTag, int32_t>;
using ProducerId = StrongInt<struct ProducerIdTag, int64_t>;

// Milliseconds since the Unix epoch, as Kafka timestamps are.
using TimestampMs = int64_t;

// A topic partition, Kafka's unit of ordering and replication.
struct TopicPartition {
  std::string topic;
  PartitionId partition;
  auto operator<=>(const TopicPartition&) const = default;
  // "<topic>-<partition>", the name of its log directory.
  std::string DirName() const { return topic + "-" + std::to_string(partition.value); }
};

}  // namespace partita

template <class Tag, class Rep>
struct std::hash<partita::StrongInt<Tag, Rep>> {
  size_t operator()(const partita::StrongInt<Tag, Rep>& v) const noexcept { return std::hash<Rep>()(v.value); }
};

template <>
struct std::hash<partita::TopicPartition> {
  size_t operator()(const partita::TopicPartition& tp) const noexcept {
    return std::hash<std::string>()(tp.topic) * 31 + std::hash<int32_t>()(tp.partition.value);
  }
};
