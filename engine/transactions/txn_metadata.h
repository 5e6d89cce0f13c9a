// TransactionMetadata: what the transaction coordinator knows of one transactional id — Kafka's
// TransactionMetadata (KIP-98): the producer id and epoch handed to the current incarnation of the producer, the
// previous ones (KIP-360: a producer retrying InitProducerId after an epoch bump is recognised), the transaction
// timeout, the state and the partitions of the ongoing transaction. Plain values; no thread safety of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace partita::transactions {

// Kafka's TransactionState ids (the byte stored in __transaction_state values).
enum class TxnState : int8_t {
  kEmpty = 0,
  kOngoing = 1,
  kPrepareCommit = 2,
  kPrepareAbort = 3,
  kCompleteCommit = 4,
  kCompleteAbort = 5,
  kDead = 6,
  kPrepareEpochFence = 7,
};

// Kafka's state names ("Empty", "Ongoing", "PrepareCommit", ...), as DescribeTransactions/ListTransactions send.
std::string_view TxnStateName(TxnState state);
std::optional<TxnState> TxnStateFromName(std::string_view name);  // case-insensitive
std::optional<TxnState> TxnStateFromId(int8_t id);

// One partition of a transaction, ordered by topic then partition.
using TxnPartition = std::pair<std::string, int32_t>;

inline constexpr int64_t kNoProducerId = -1;
inline constexpr int16_t kNoProducerEpoch = -1;

struct TransactionMetadata {
  std::string transactional_id;
  int64_t producer_id = kNoProducerId;
  int64_t last_producer_id = kNoProducerId;  // the id before the last id change (KIP-360), not persisted
  int16_t producer_epoch = kNoProducerEpoch;
  int16_t last_producer_epoch = kNoProducerEpoch;  // the epoch before the last bump (KIP-360), not persisted
  int32_t timeout_ms = 0;
  TxnState state = TxnState::kEmpty;
  std::set<TxnPartition> partitions;
  int64_t start_ms = -1;  // when the ongoing transaction began (-1: none)
  int64_t last_update_ms = 0;

  bool operator==(const TransactionMetadata&) const = default;
};

}  // namespace partita::transactions
