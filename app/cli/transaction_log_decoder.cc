// --transaction-log-decoder of partita-cli dump-log: __transaction_state records as the JSON of Kafka's
// DumpLogSegments.TransactionLogMessageParser: key {"type":"<key version>","data":{"transactionalId":...}},
// payload {"version":"<value version>","data":{...}} with the field names of Kafka's TransactionLogValue schema
// (transactionStatus is the state's byte, as stored), or <DELETE> for the tombstone of an expired id.
#include <map>
#include <nlohmann/json.hpp>

#include "app/cli/dump_log.h"
#include "engine/transactions/txn_log_records.h"

namespace partita::cli {

std::string DecodeTransactionLogRecord(std::span<const uint8_t> key,
                                       const std::optional<std::span<const uint8_t>>& value) {
  using Json = nlohmann::ordered_json;
  auto id = transactions::DecodeTxnLogKey(key);
  if (!id.ok()) return "key: (not a __transaction_state key: " + id.status().message() + ")";
  const auto version_of = [](std::span<const uint8_t> b) {
    return std::to_string(b.size() >= 2 ? static_cast<int16_t>((b[0] << 8) | b[1]) : -1);
  };
  std::string out = "key: " + Json{{"type", version_of(key)}, {"data", {{"transactionalId", *id}}}}.dump() +
                    " payload: ";
  if (!value) return out + "<DELETE>";
  auto m = transactions::DecodeTxnLogValue(*value);
  if (!m.ok()) return out + "(unreadable: " + m.status().message() + ")";
  // Kafka groups the partitions by topic, in the order they are stored (here: sorted).
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const auto& [topic, partition] : m->partitions) by_topic[topic].push_back(partition);
  Json partitions = Json::array();
  for (const auto& [topic, ids] : by_topic) partitions.push_back(Json{{"topic", topic}, {"partitionIds", ids}});
  Json data{{"producerId", m->producer_id},
            {"producerEpoch", m->producer_epoch},
            {"transactionTimeoutMs", m->timeout_ms},
            {"transactionStatus", static_cast<int>(m->state)},
            {"transactionPartitions", partitions},
            {"transactionLastUpdateTimestampMs", m->last_update_ms},
            {"transactionStartTimestampMs", m->start_ms}};
  return out + Json{{"version", version_of(*value)}, {"data", data}}.dump();
}

}  // namespace partita::cli
