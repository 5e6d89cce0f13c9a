// Kafka's default partitioner for keyed records, bit for bit as the Java client computes it
// (org.apache.kafka.common.utils.Utils.murmur2 and BuiltInPartitioner.partitionForKey):
//   partition = toPositive(murmur2(keyBytes)) % numPartitions, toPositive(x) = x & 0x7fffffff.
// librdkafka's "murmur2_random" partitioner and kafka-python's DefaultPartitioner agree with it, so a key
// search reads only the partition every standard producer wrote that key to.
// Thread safety: pure functions.
#pragma once

#include <QByteArray>
#include <cstdint>

namespace partita::app {

// Java's Utils.murmur2 (seed 0x9747b28c) as a signed 32-bit value, e.g. "foobar" -> -790332482.
int32_t murmur2(const QByteArray& data);

// The partition of a non-null key among numPartitions (> 0); -1 when numPartitions <= 0.
int partitionForKey(const QByteArray& key, int numPartitions);

// librdkafka's default partitioner is not murmur2 but "consistent_random": a keyed record goes to
// rd_crc32(key) % partition_cnt (rdkafka_msg.c, rd_kafka_msg_partitioner_consistent), with rd_crc32 the
// IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, as zlib's crc32). kcat and confluent-kafka use it
// unless "partitioner" is set, so a key search that assumes murmur2 misses their keys.
uint32_t crc32(const QByteArray& data);

// The partition librdkafka's consistent / consistent_random partitioner gives a non-null key; -1 when
// numPartitions <= 0.
int crc32PartitionForKey(const QByteArray& key, int numPartitions);

}  // namespace partita::app
