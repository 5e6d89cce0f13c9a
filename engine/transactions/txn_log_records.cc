#include "engine/transactions/txn_log_records.h"

#include <map>

#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::transactions {

using protocol::Reader;
using protocol::Writer;

namespace {

std::vector<uint8_t> Take(const Writer& w) { return std::vector<uint8_t>(w.bytes().begin(), w.bytes().end()); }

// Kafka's Topic.MAX_NAME_LENGTH. A flexible (v1) value's compact strings could carry longer names, which no topic
// has and which the v0 value we write back could not hold (its strings are int16-length): refused as corruption.
constexpr size_t kMaxTopicNameLength = 249;

Status Finish(const Reader& r, const char* what) {
  if (!r.ok()) return Status::Corruption(std::string(what) + ": " + r.status().message());
  if (r.remaining() != 0) return Status::Corruption(std::string(what) + ": trailing bytes");
  return Status::Ok();
}

}  // namespace

std::vector<uint8_t> EncodeTxnLogKey(const std::string& transactional_id) {
  Writer w;
  w.WriteInt16(kTxnLogKeyVersion);
  w.WriteString(transactional_id);
  return Take(w);
}

std::vector<uint8_t> EncodeTxnLogValue(const TransactionMetadata& m) {
  Writer w;
  w.WriteInt16(kTxnLogValueVersion);
  w.WriteInt64(m.producer_id);
  w.WriteInt16(m.producer_epoch);
  w.WriteInt32(m.timeout_ms);
  w.WriteInt8(static_cast<int8_t>(m.state));
  if (m.state == TxnState::kEmpty) {
    w.WriteArrayLength(-1);
  } else {
    std::map<std::string, std::vector<int32_t>> by_topic;
    for (const auto& [topic, partition] : m.partitions) by_topic[topic].push_back(partition);
    w.WriteArrayLength(static_cast<int32_t>(by_topic.size()));
    for (const auto& [topic, partitions] : by_topic) {
      w.WriteString(topic);
      w.WriteArrayLength(static_cast<int32_t>(partitions.size()));
      for (int32_t p : partitions) w.WriteInt32(p);
    }
  }
  w.WriteInt64(m.last_update_ms);
  w.WriteInt64(m.start_ms);
  return Take(w);
}

Result<std::string> DecodeTxnLogKey(std::span<const uint8_t> key) {
  Reader r(key);
  const int16_t version = r.ReadInt16();
  if (r.ok() && version != kTxnLogKeyVersion) {
    return Status::Corruption("transaction log key: unknown version " + std::to_string(version));
  }
  std::string id = r.ReadString();
  PARTITA_RETURN_IF_ERROR(Finish(r, "transaction log key"));
  return id;
}

Result<TransactionMetadata> DecodeTxnLogValue(std::span<const uint8_t> value) {
  Reader r(value);
  const int16_t version = r.ReadInt16();
  if (r.ok() && (version < 0 || version > 1)) {
    return Status::Corruption("transaction log value: unknown version " + std::to_string(version));
  }
  const bool flexible = version >= 1;
  TransactionMetadata m;
  m.producer_id = r.ReadInt64();
  m.producer_epoch = r.ReadInt16();
  m.timeout_ms = r.ReadInt32();
  const int8_t status = r.ReadInt8();
  auto state = TxnStateFromId(status);
  if (r.ok() && !state) return Status::Corruption("transaction log value: unknown state " + std::to_string(status));
  if (state) m.state = *state;
  const int32_t topics = r.ReadArrayLength(flexible, 2);
  for (int32_t t = 0; t < topics && r.ok(); ++t) {
    std::string topic = r.ReadString(flexible);
    if (r.ok() && topic.size() > kMaxTopicNameLength) {
      return Status::Corruption("transaction log value: a topic name of " + std::to_string(topic.size()) +
                                " bytes (at most " + std::to_string(kMaxTopicNameLength) + ")");
    }
    const int32_t n = r.ReadArrayLength(flexible, 4);
    for (int32_t i = 0; i < n && r.ok(); ++i) m.partitions.emplace(topic, r.ReadInt32());
    if (flexible) r.SkipTaggedFields();
  }
  m.last_update_ms = r.ReadInt64();
  m.start_ms = r.ReadInt64();
  if (flexible) r.SkipTaggedFields();
  PARTITA_RETURN_IF_ERROR(Finish(r, "transaction log value"));
  return m;
}

}  // namespace partita::transactions
