// Which __consumer_offsets partition holds a group: Kafka's
//   Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions
// with Java's String.hashCode over UTF-16 code units (the group id arrives as UTF-8 and is decoded here;
// invalid UTF-8 bytes count as U+FFFD, as Java's decoder replaces them) and Utils.abs mapping
// Integer.MIN_VALUE to 0. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace partita::group {

inline constexpr std::string_view kConsumerOffsetsTopic = "__consumer_offsets";

int32_t JavaStringHashCode(std::string_view utf8);
// partitions must be >= 1.
int32_t OffsetsPartitionFor(std::string_view group_id, int32_t partitions);

}  // namespace partita::group
