// Values of ClusterClient's transaction admin calls (kafka-transactions.sh, KIP-664): listings, descriptions,
// the producer states of a partition and the hanging transactions found among them. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"

namespace partita::client {

// One entry of ListTransactions, with the broker that coordinates it.
struct TransactionListing {
  std::string transactional_id;
  int32_t coordinator = -1;
  int64_t producer_id = -1;
  std::string state;  // Kafka's names: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, ...
};

// DescribeTransactions of one transactional id.
struct TransactionDescription {
  std::string transactional_id;
  int32_t coordinator = -1;
  std::string state;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t timeout_ms = 0;
  int64_t start_time_ms = -1;  // -1: no transaction open
  std::vector<TopicPartition> partitions;
};

// One active producer of a partition (DescribeProducers).
struct ProducerStateInfo {
  int64_t producer_id = -1;
  int32_t producer_epoch = -1;
  int32_t last_sequence = -1;
  int64_t last_timestamp = -1;
  int32_t coordinator_epoch = -1;
  int64_t current_txn_start_offset = -1;  // -1: no transaction open on this partition
};

// A transaction open on a partition that no coordinator has as ongoing with that partition, older than the
// maximum transaction timeout: it holds the partition's LSO (and every read_committed consumer) back for good.
struct HangingTransaction {
  TopicPartition tp;
  ProducerStateInfo producer;
};

}  // namespace partita::client
