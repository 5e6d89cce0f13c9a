// The records of __transaction_state, in Kafka's format (TransactionLogKey / TransactionLogValue schemas of
// Kafka 3.8, version-prefixed as MessageUtil.toVersionPrefixedBytes writes them):
//   key   (version 0):   int16 version, string transactional_id
//   value (version 0/1): int16 version, int64 producer_id, int16 producer_epoch, int32 transaction_timeout_ms,
//                        int8 transaction_status, nullable [] { string topic, [] int32 partition_ids },
//                        int64 last_update_timestamp_ms, int64 start_timestamp_ms
// Version 1 is the flexible form (compact strings/arrays and tagged fields). We write version 0, which every
// Kafka since 0.11 reads; both are read. A null value is a tombstone (the transactional id expired).
// Decoders never trust the bytes: truncation, unknown versions and trailing bytes are Corruption errors.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/transactions/txn_metadata.h"

namespace partita::transactions {

inline constexpr int16_t kTxnLogKeyVersion = 0;
inline constexpr int16_t kTxnLogValueVersion = 0;

std::vector<uint8_t> EncodeTxnLogKey(const std::string& transactional_id);
// Kafka writes null partitions for an Empty transaction; so do we.
std::vector<uint8_t> EncodeTxnLogValue(const TransactionMetadata& metadata);

Result<std::string> DecodeTxnLogKey(std::span<const uint8_t> key);
// Fills everything except transactional_id and the KIP-360 "last" producer id/epoch (not stored).
Result<TransactionMetadata> DecodeTxnLogValue(std::span<const uint8_t> value);

}  // namespace partita::transactions
