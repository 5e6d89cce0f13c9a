#include "engine/broker/txn_log_store.h"

#include <map>

#include <spdlog/spdlog.h>

#include "engine/broker/log_scan.h"
#include "engine/broker/replica_manager.h"
#include "engine/broker/replication_waiter.h"
#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"
#include "engine/transactions/txn_log_records.h"

namespace partita::broker {

using protocol::ErrorCode;

namespace {

ErrorCode ToCoordinatorError(ErrorCode e) {
  switch (e) {
    case ErrorCode::kNone: return ErrorCode::kNone;
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kKafkaStorageError: return ErrorCode::kNotCoordinator;
    case ErrorCode::kMessageTooLarge:
    case ErrorCode::kRecordListTooLarge: return ErrorCode::kUnknownServerError;
    default: return ErrorCode::kCoordinatorNotAvailable;
  }
}

}  // namespace

void TxnLogStore::Append(const std::string& transactional_id,
                         const std::optional<transactions::TransactionMetadata>& value,
                         std::function<void(ErrorCode)> done) {
  if (!partition_->IsLeader() || partition_->leader_epoch().value != coordinator_epoch_) {
    return done(ErrorCode::kNotCoordinator);
  }
  const auto key = transactions::EncodeTxnLogKey(transactional_id);
  std::optional<std::vector<uint8_t>> encoded;
  if (value) encoded = transactions::EncodeTxnLogValue(*value);
  protocol::BatchBuilder builder(protocol::BatchBuilder::Options{});
  std::optional<std::span<const uint8_t>> v;
  if (encoded) v = std::span<const uint8_t>(*encoded);
  builder.Append(WallClockMs(), std::span<const uint8_t>(key), v);
  auto batch = builder.Build();
  if (!batch.ok()) return done(ErrorCode::kUnknownServerError);
  PartitionAppend appended = partition_->AppendAsLeader(*batch, -1);
  if (appended.error != ErrorCode::kNone) {
    spdlog::warn("{}: transaction state of '{}' not appended: {} {}", partition_->topic_partition().DirName(),
                 transactional_id, protocol::ErrorCodeName(appended.error), appended.message);
    return done(ToCoordinatorError(appended.error));
  }
  WhenReplicated(*replicas_, {{partition_, appended.info.last_offset.value + 1}}, timeout_ms_,
                 [done = std::move(done)](std::vector<ErrorCode> errors) { done(ToCoordinatorError(errors.front())); });
}

Status LoadTxnPartition(const Partition& partition, transactions::TransactionCoordinator& coordinator) {
  const std::string name = partition.topic_partition().DirName();
  std::map<std::string, std::optional<transactions::TransactionMetadata>> latest;
  size_t skipped = 0;
  std::vector<uint8_t> scratch;
  const storage::Log& log = *partition.log();
  PARTITA_RETURN_IF_ERROR(ScanLogBatches(log, log.LogStartOffset(), log.LogEndOffset(), name, [&](const protocol::BatchHeader& h, std::span<const uint8_t> batch) {
    if (h.magic != 2 || h.control()) return;
    Status st = protocol::ForEachRecord(batch, &scratch, [&](const protocol::Record& r) {
      if (!r.key) return true;
      auto id = transactions::DecodeTxnLogKey(*r.key);
      if (!id.ok()) {
        ++skipped;
        return true;
      }
      if (!r.value) {
        latest[*id] = std::nullopt;
        return true;
      }
      auto m = transactions::DecodeTxnLogValue(*r.value);
      if (!m.ok()) {
        ++skipped;
        return true;
      }
      latest[*id] = std::move(*m);
      return true;
    });
    if (!st.ok()) ++skipped;
  }).status());
  if (skipped) spdlog::warn("{}: {} undecodable transaction state record(s) skipped while loading", name, skipped);
  size_t loaded = 0;
  for (auto& [id, value] : latest) {
    if (!value) continue;
    coordinator.Load(id, std::move(value));
    ++loaded;
  }
  spdlog::info("{}: loaded {} transactional id(s) up to offset {}", name, loaded, partition.LogEndOffset().value);
  return Status::Ok();
}

}  // namespace partita::broker
