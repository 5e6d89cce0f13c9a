#include "engine/broker/offsets_log.h"

#include <map>
#include <variant>

#include <spdlog/spdlog.h>

#include "engine/broker/log_scan.h"
#include "engine/common/clock.h"
#include "engine/group/group_records.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/control_record.h"

namespace partita::broker {

using group::GroupMetadataSnapshot;

namespace {

group::GroupMetadataValue ToValue(const GroupMetadataSnapshot& g) {
  group::GroupMetadataValue v;
  v.protocol_type = g.protocol_type;
  v.generation = g.generation;
  v.protocol = g.protocol;
  v.leader = g.leader;
  v.current_state_timestamp = g.current_state_timestamp_ms;
  for (const auto& m : g.members) {
    v.members.push_back({m.member_id, m.group_instance_id, m.client_id, m.client_host, m.rebalance_timeout_ms,
                         m.session_timeout_ms, m.subscription, m.assignment});
  }
  return v;
}

GroupMetadataSnapshot FromValue(const std::string& group_id, const group::GroupMetadataValue& v) {
  GroupMetadataSnapshot g;
  g.group_id = group_id;
  g.protocol_type = v.protocol_type;
  g.generation = v.generation;
  g.protocol = v.protocol;
  g.leader = v.leader;
  g.current_state_timestamp_ms = v.current_state_timestamp;
  for (const auto& m : v.members) {
    g.members.push_back({m.member_id, m.group_instance_id, m.client_id, m.client_host, m.rebalance_timeout_ms,
                         m.session_timeout_ms, m.subscription, m.assignment});
  }
  return g;
}

}  // namespace

void OffsetsLogStore::Append(const std::vector<Entry>& entries) {
  if (entries.empty()) return;
  protocol::BatchBuilder builder(protocol::BatchBuilder::Options{});
  const int64_t now = WallClockMs();
  for (const auto& e : entries) {
    std::optional<std::span<const uint8_t>> value;
    if (e.value) value = std::span<const uint8_t>(*e.value);
    builder.Append(now, std::span<const uint8_t>(e.key), value);
  }
  auto batch = builder.Build();
  if (!batch.ok()) {
    spdlog::error("{}: cannot build a group record batch: {}", partition_->topic_partition().DirName(),
                  batch.status().ToString());
    return;
  }
  PartitionAppend result = partition_->AppendAsLeader(*batch, -1);
  if (result.error != protocol::ErrorCode::kNone) {
    // Not leader any more (the coordinator is being unloaded) or the disk failed: the waiting commit times out
    // or sees the lost leadership; nothing is acknowledged without the record.
    spdlog::warn("{}: group record not appended: {} {}", partition_->topic_partition().DirName(),
                 protocol::ErrorCodeName(result.error), result.message);
    return;
  }
  if (on_appended_) on_appended_();
}

void OffsetsLogStore::OnOffsetsCommitted(const std::string& group_id,
                                         const std::vector<group::OffsetCommitRecord>& offsets) {
  std::vector<Entry> entries;
  for (const auto& o : offsets) {
    group::OffsetCommitValue v;
    v.offset = o.value.offset;
    v.leader_epoch = o.value.leader_epoch;
    v.metadata = o.value.metadata;
    v.commit_timestamp = o.value.commit_timestamp_ms;
    entries.push_back({group::EncodeOffsetCommitKey({group_id, o.topic, o.partition}),
                       group::EncodeOffsetCommitValue(v)});
  }
  Append(entries);
}

void OffsetsLogStore::OnOffsetsDeleted(const std::string& group_id,
                                       const std::vector<group::TopicPartitionKey>& partitions) {
  std::vector<Entry> entries;
  for (const auto& tp : partitions) {
    entries.push_back({group::EncodeOffsetCommitKey({group_id, tp.topic, tp.partition}), std::nullopt});
  }
  Append(entries);
}

void OffsetsLogStore::OnGroupMetadataChanged(const GroupMetadataSnapshot& group) {
  Append({{group::EncodeGroupMetadataKey({group.group_id}), group::EncodeGroupMetadataValue(ToValue(group))}});
}

void OffsetsLogStore::OnGroupDeleted(const std::string& group_id) {
  Append({{group::EncodeGroupMetadataKey({group_id}), std::nullopt}});
}

PartitionAppend AppendTxnOffsets(Partition& partition, const std::string& group_id, int64_t producer_id,
                                 int16_t producer_epoch, const std::vector<group::OffsetCommitRecord>& offsets,
                                 std::optional<uint64_t> txn_verification) {
  protocol::BatchBuilder::Options options;
  options.producer_id = producer_id;
  options.producer_epoch = producer_epoch;
  options.transactional = true;
  protocol::BatchBuilder builder(options);
  const int64_t now = WallClockMs();
  for (const auto& o : offsets) {
    group::OffsetCommitValue v;
    v.offset = o.value.offset;
    v.leader_epoch = o.value.leader_epoch;
    v.metadata = o.value.metadata;
    v.commit_timestamp = o.value.commit_timestamp_ms;
    auto key = group::EncodeOffsetCommitKey({group_id, o.topic, o.partition});
    auto value = group::EncodeOffsetCommitValue(v);
    builder.Append(now, std::span<const uint8_t>(key), std::span<const uint8_t>(value));
  }
  PartitionAppend out;
  auto batch = builder.Build();
  if (!batch.ok()) {
    out.error = protocol::ErrorCode::kUnknownServerError;
    out.message = batch.status().message();
    return out;
  }
  return partition.AppendAsLeader(*batch, -1, AppendOrigin::kCoordinator, txn_verification);
}

Status LoadOffsetsPartition(const Partition& partition, group::GroupCoordinator& coordinator,
                            group::PendingTxnOffsets* pending) {
  const std::string name = partition.topic_partition().DirName();
  using OffsetSlot = std::pair<std::string, group::TopicPartitionKey>;
  std::map<OffsetSlot, std::optional<group::CommittedOffset>> offsets;
  // Transactional offset commits by producer id, until their marker (KIP-98).
  std::map<int64_t, std::map<OffsetSlot, group::CommittedOffset>> txn_offsets;
  std::map<std::string, std::optional<GroupMetadataSnapshot>> groups;
  size_t skipped = 0;

  const auto apply = [&](const protocol::Record& r, int64_t txn_producer) {
    if (!r.key) return;
    auto key = group::DecodeConsumerOffsetsKey(*r.key);
    if (!key.ok()) {
      ++skipped;
      return;
    }
    if (auto* ok = std::get_if<group::OffsetCommitKey>(&*key)) {
      auto slot = std::make_pair(ok->group, group::TopicPartitionKey{ok->topic, ok->partition});
      if (!r.value) {
        offsets[slot] = std::nullopt;
        return;
      }
      auto v = group::DecodeOffsetCommitValue(*r.value);
      if (!v.ok()) {
        ++skipped;
        return;
      }
      group::CommittedOffset value{v->offset, v->leader_epoch, v->metadata, v->commit_timestamp};
      if (txn_producer >= 0) {
        txn_offsets[txn_producer][slot] = value;
      } else {
        offsets[slot] = value;
      }
    } else {
      const auto& gk = std::get<group::GroupMetadataKey>(*key);
      if (!r.value) {
        groups[gk.group] = std::nullopt;
        return;
      }
      auto v = group::DecodeGroupMetadataValue(*r.value);
      if (!v.ok()) {
        ++skipped;
        return;
      }
      groups[gk.group] = FromValue(gk.group, *v);
    }
  };

  std::vector<uint8_t> scratch;
  storage::Log* log = partition.log();
  const Offset end = log->LogEndOffset();
  PARTITA_RETURN_IF_ERROR(ScanLogBatches(*log, log->LogStartOffset(), end, name, [&](const protocol::BatchHeader& h, std::span<const uint8_t> batch) {
    if (h.magic != 2) return;
    if (h.control()) {
      auto marker = protocol::ReadEndTxnMarker(batch);
      auto it = txn_offsets.find(h.producer_id);
      if (!marker.ok() || it == txn_offsets.end()) return;
      if (marker->type == protocol::ControlRecordType::kCommit) {
        for (auto& [slot, value] : it->second) offsets[slot] = value;
      }
      txn_offsets.erase(it);
      return;
    }
    const int64_t txn_producer = h.transactional() ? h.producer_id : -1;
    Status st = protocol::ForEachRecord(batch, &scratch, [&](const protocol::Record& r) {
      apply(r, txn_producer);
      return true;
    });
    if (!st.ok()) ++skipped;
  }).status());
  if (skipped) spdlog::warn("{}: {} undecodable group record(s) skipped while loading", name, skipped);

  size_t loaded_groups = 0, loaded_offsets = 0;
  for (auto& [slot, value] : offsets) {
    if (!value) continue;
    coordinator.LoadOffset(slot.first, slot.second, std::move(value));
    ++loaded_offsets;
  }
  for (auto& [id, snapshot] : groups) {
    if (!snapshot) continue;
    coordinator.LoadGroup(*snapshot);
    ++loaded_groups;
  }
  for (const auto& [producer_id, slots] : txn_offsets) {
    if (!pending) break;
    for (const auto& [slot, value] : slots) {
      pending->Add(producer_id, slot.first, {{slot.second.topic, slot.second.partition, value}});
    }
  }
  spdlog::info("{}: loaded {} group(s), {} committed offset(s) and {} open transactional commit(s) up to offset {}",
               name, loaded_groups, loaded_offsets, txn_offsets.size(), end.value);
  return Status::Ok();
}

}  // namespace partita::broker
