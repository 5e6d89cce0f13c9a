// Kafka's default partitioner for keyed records, bit for bit as the Java client computes it
// (org.apache.kafka.common.utils.Utils.murmur2 and BuiltInPartitioner.partitionForKey):
//   partition = toPositive(murmur2(keyBytes)) % numPartitions, toPositive(x) = x & 0x7fffffff.
// Used by partita-cli console-producer and (through app/bridge/kafka_partitioner.h) the desktop app.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace partita::client {

// Java's Utils.murmur2 (seed 0x9747b28c) as a signed 32-bit value, e.g. "foobar" -> -790332482.
int32_t Murmur2(std::string_view data);

// The partition of a non-null key among num_partitions (> 0); -1 when num_partitions <= 0.
int32_t PartitionForKey(std::string_view key, int32_t num_partitions);

}  // namespace partita::client
