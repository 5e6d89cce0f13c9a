#include "engine/broker/partition.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"

namespace partita::broker {

using protocol::ErrorCode;

Partition::Partition(TopicPartition tp, BrokerId self, std::shared_ptr<storage::Log> log, TopicSettings settings,
                     const Clock& clock)
    : tp_(std::move(tp)),
      self_(self),
      log_(std::move(log)),
      clock_(clock),
      producers_(log_->dir()),
      settings_(std::move(settings)) {
  RecoverProducerState();
}

void Partition::RecoverProducerState() {
  if (auto st = producers_.Recover(*log_, clock_.WallMs()); !st.ok()) {
    spdlog::warn("{}: producer state not recovered ({}); idempotent producers may see UNKNOWN_PRODUCER_ID",
                 tp_.DirName(), st.ToString());
  }
}

namespace {

bool Contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

void Partition::BecomeLeader(LeaderEpoch epoch, int32_t controller_epoch, std::vector<int32_t> replicas,
                             std::vector<int32_t> isr, int32_t zk_version, Offset checkpointed_hw) {
  // A role change waits for the append in flight, as Kafka's leaderIsrUpdateLock makes it (see AppendAsLeader).
  std::lock_guard<std::mutex> append_lock(append_mu_);
  std::lock_guard<std::mutex> lock(mu_);
  const bool new_epoch = !is_leader_ || epoch != leader_epoch_;
  // Markers may have been written under another leader meanwhile: verifications start over.
  if (new_epoch) txn_verification_guards_.clear();
  is_leader_ = true;
  leader_ = self_.value;
  leader_epoch_ = epoch;
  controller_epoch_ = controller_epoch;
  replicas_ = std::move(replicas);
  isr_ = std::move(isr);
  zk_version_ = zk_version;
  isr_change_pending_ = false;
  if (new_epoch) {
    const int64_t leo = log_->LogEndOffset().value;
    // Batches appended from now on carry this epoch; the cache maps it to its first offset (KIP-101). Written to
    // the checkpoint with the first of them (leader_epoch_cache.h): taking over thousands of partitions costs no
    // fsync each.
    if (auto st = log_->leader_epochs().Assign(epoch.value, leo, /*write_now=*/false); !st.ok()) {
      spdlog::warn("{}: cannot record leader epoch {}: {}", tp_.DirName(), epoch.value, st.ToString());
    }
    leader_epoch_start_offset_ = leo;
    // Followers in the ISR get a full lag window to show up before they can be dropped.
    const int64_t now = clock_.MonotonicMs();
    followers_.clear();
    for (int32_t r : replicas_) {
      if (r != self_.value) followers_[r].last_caught_up_ms = now;
    }
    int64_t hw = high_watermark_.load();
    if (checkpointed_hw.value >= 0) hw = std::max(hw, checkpointed_hw.value);
    hw = std::min(hw, leo);
    StoreHighWatermark(std::max(hw, log_->LogStartOffset().value));
  }
  MaybeAdvanceHighWatermarkLocked();
  Changed();
}

void Partition::BecomeFollower(int32_t leader, LeaderEpoch epoch, std::vector<int32_t> replicas,
                               Offset checkpointed_hw) {
  std::lock_guard<std::mutex> append_lock(append_mu_);  // see BecomeLeader
  std::lock_guard<std::mutex> lock(mu_);
  const bool first = leader_epoch_.value < 0;
  is_leader_ = false;
  leader_ = leader;
  leader_epoch_ = epoch;
  replicas_ = std::move(replicas);
  isr_.clear();
  followers_.clear();
  isr_change_pending_ = false;
  if (first && checkpointed_hw.value >= 0) {
    StoreHighWatermark(std::min(checkpointed_hw.value, log_->LogEndOffset().value));
  }
  Changed();
}

void Partition::UpdateLeaderState(std::vector<int32_t> replicas, std::vector<int32_t> isr, int32_t zk_version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!is_leader_) return;
  // The assignment comes from the topic znode and may arrive after the state it belongs to: always take it.
  replicas_ = std::move(replicas);
  if (zk_version > zk_version_) {
    isr_ = std::move(isr);
    zk_version_ = zk_version;
    isr_change_pending_ = false;
  }
  for (int32_t r : replicas_) {
    if (r != self_.value && !followers_.count(r)) followers_[r].last_caught_up_ms = clock_.MonotonicMs();
  }
  MaybeAdvanceHighWatermarkLocked();
}

void Partition::ApplyIsr(const IsrChange& committed, int32_t new_zk_version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!is_leader_ || committed.leader_epoch != leader_epoch_.value) return;
  isr_ = committed.isr;
  zk_version_ = new_zk_version;
  isr_change_pending_ = false;
  MaybeAdvanceHighWatermarkLocked();
}

void Partition::AbandonIsrChange() {
  std::lock_guard<std::mutex> lock(mu_);
  isr_change_pending_ = false;
}

void Partition::Stop() {
  std::lock_guard<std::mutex> append_lock(append_mu_);  // see BecomeLeader
  std::lock_guard<std::mutex> lock(mu_);
  is_leader_ = false;
  leader_ = -1;
  isr_.clear();
  followers_.clear();
  isr_change_pending_ = false;
  Changed();
}

bool Partition::StillLeaderAt(LeaderEpoch epoch) const {
  std::lock_guard<std::mutex> lock(mu_);
  return is_leader_ && leader_epoch_ == epoch;
}

void Partition::UpdateSettings(TopicSettings settings) {
  log_->UpdateConfig(settings.log);
  std::lock_guard<std::mutex> lock(mu_);
  settings_ = std::move(settings);
}

bool Partition::IsLeader() const { return is_leader_.load(std::memory_order_acquire); }

int32_t Partition::leader() const {
  std::lock_guard<std::mutex> lock(mu_);
  return leader_;
}

LeaderEpoch Partition::leader_epoch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return leader_epoch_;
}

std::vector<int32_t> Partition::isr() const {
  std::lock_guard<std::mutex> lock(mu_);
  return isr_;
}

bool Partition::IsInIsr(int32_t replica) const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::find(isr_.begin(), isr_.end(), replica) != isr_.end();
}

std::vector<int32_t> Partition::replicas() const {
  std::lock_guard<std::mutex> lock(mu_);
  return replicas_;
}

TopicSettings Partition::settings() const {
  std::lock_guard<std::mutex> lock(mu_);
  return settings_;
}

bool Partition::MaybeAdvanceHighWatermarkLocked() {
  if (!is_leader_) return false;
  int64_t hw = log_->LogEndOffset().value;
  auto include = [&](int32_t replica) {
    if (replica == self_.value) return;
    auto it = followers_.find(replica);
    hw = std::min(hw, it == followers_.end() || it->second.log_end_offset < 0 ? high_watermark_.load()
                                                                                : it->second.log_end_offset);
  };
  for (int32_t replica : isr_) include(replica);
  if (isr_change_pending_) {
    for (int32_t replica : pending_isr_)
      if (!Contains(isr_, replica)) include(replica);
  }
  if (hw > high_watermark_.load()) {
    StoreHighWatermark(hw);
    return true;
  }
  return false;
}

IsrChange Partition::ProposalLocked(std::vector<int32_t> isr) const {
  IsrChange c;
  c.tp = tp_;
  c.leader = self_.value;
  c.leader_epoch = leader_epoch_.value;
  c.controller_epoch = controller_epoch_;
  c.isr = std::move(isr);
  c.zk_version = zk_version_;
  return c;
}

int64_t Partition::LastCaughtUpMs(const FollowerState& f) {
  if (!f.session || !f.caught_up_at_last_fetch) return f.last_caught_up_ms;
  return std::max(f.last_caught_up_ms, f.session->last_fetch_ms.load(std::memory_order_acquire));
}

std::optional<IsrChange> Partition::OnFollowerFetch(int32_t replica, Offset fetch_offset, int64_t now_ms,
                                                    bool* hw_moved,
                                                    const std::shared_ptr<const FollowerSessionClock>& session,
                                                    int64_t session_previous_fetch_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  *hw_moved = false;
  if (!is_leader_ || !Contains(replicas_, replica) || replica == self_.value) return std::nullopt;
  const int64_t leo = log_->LogEndOffset().value;
  FollowerState& f = followers_[replica];
  // The session's fetches since the last one here skipped this partition, unchanged: replay the last of them.
  if (session && f.session == session && session_previous_fetch_ms > f.last_fetch_ms) {
    if (f.caught_up_at_last_fetch) f.last_caught_up_ms = std::max(f.last_caught_up_ms, session_previous_fetch_ms);
    f.last_fetch_ms = session_previous_fetch_ms;
  }
  // Kafka's lastCaughtUpTime: now if the follower asked for our log end; otherwise the time of its previous
  // fetch if it has since reached the log end we had then.
  if (fetch_offset.value >= leo) {
    f.last_caught_up_ms = now_ms;
  } else if (f.last_fetch_leader_leo >= 0 && fetch_offset.value >= f.last_fetch_leader_leo) {
    f.last_caught_up_ms = std::max(f.last_caught_up_ms, f.last_fetch_ms);
  }
  f.last_fetch_leader_leo = leo;
  f.last_fetch_ms = now_ms;
  f.log_end_offset = fetch_offset.value;
  f.session = session;
  f.caught_up_at_last_fetch = fetch_offset.value >= leo;
  *hw_moved = MaybeAdvanceHighWatermarkLocked();
  if (!Contains(isr_, replica) && !isr_change_pending_ && fetch_offset.value >= high_watermark_.load() &&
      fetch_offset.value >= leader_epoch_start_offset_) {
    std::vector<int32_t> expanded = isr_;
    expanded.push_back(replica);
    isr_change_pending_ = true;
    pending_isr_ = expanded;
    return ProposalLocked(std::move(expanded));
  }
  return std::nullopt;
}

std::optional<IsrChange> Partition::MaybeShrinkIsr(int64_t now_ms, int64_t max_lag_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!is_leader_ || isr_change_pending_) return std::nullopt;
  std::vector<int32_t> kept;
  for (int32_t replica : isr_) {
    if (replica == self_.value) {
      kept.push_back(replica);
      continue;
    }
    // A replica reassigned away leaves the ISR at once; the others after max_lag_ms without catching up.
    if (!Contains(replicas_, replica)) continue;
    auto it = followers_.find(replica);
    const int64_t caught_up = it == followers_.end() ? 0 : LastCaughtUpMs(it->second);
    if (now_ms - caught_up <= max_lag_ms) kept.push_back(replica);
  }
  if (kept.size() == isr_.size()) return std::nullopt;
  isr_change_pending_ = true;
  pending_isr_ = kept;
  return ProposalLocked(std::move(kept));
}

void Partition::UpdateFollowerHighWatermark(Offset leader_hw) {
  const int64_t hw = std::min(leader_hw.value, log_->LogEndOffset().value);
  StoreHighWatermark(std::max<int64_t>(hw, 0));
}

void Partition::StoreHighWatermark(int64_t hw) {
  high_watermark_.store(hw, std::memory_order_release);
  producers_.open_transactions().OnHighWatermark(hw);
  Changed();
}

Offset Partition::LastStableOffset() const {
  return Offset(producers_.open_transactions().LastStableOffset(high_watermark_.load(std::memory_order_acquire)));
}

Status Partition::RecordCompletedTxn(const std::optional<CompletedTxn>& txn) {
  if (!txn || !txn->aborted) return Status::Ok();
  return log_->AppendAbortedTxn(
      {storage::kAbortedTxnVersion, txn->producer_id, txn->first_offset, txn->last_offset, txn->last_stable_offset});
}

ErrorCode Partition::CheckLeaderEpoch(int32_t current_leader_epoch) const {
  std::lock_guard<std::mutex> lock(mu_);
  return CheckLeaderEpochLocked(current_leader_epoch);
}

ErrorCode Partition::CheckServesAsLeader(int32_t current_leader_epoch) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!is_leader_) return ErrorCode::kNotLeaderOrFollower;
  return CheckLeaderEpochLocked(current_leader_epoch);
}

ErrorCode Partition::CheckLeaderEpochLocked(int32_t current_leader_epoch) const {
  if (current_leader_epoch < 0) return ErrorCode::kNone;
  if (current_leader_epoch > leader_epoch_.value) return ErrorCode::kUnknownLeaderEpoch;
  if (current_leader_epoch < leader_epoch_.value) return ErrorCode::kFencedLeaderEpoch;
  return ErrorCode::kNone;
}

static ErrorCode ToErrorCode(protocol::BatchError e) {
  switch (e) {
    case protocol::BatchError::kNone: return ErrorCode::kNone;
    case protocol::BatchError::kCorrupt: return ErrorCode::kCorruptMessage;
    case protocol::BatchError::kTooLarge: return ErrorCode::kMessageTooLarge;
    case protocol::BatchError::kUnsupportedMagic: return ErrorCode::kUnsupportedVersion;
    case protocol::BatchError::kInvalidRecord: return ErrorCode::kInvalidRecord;
    case protocol::BatchError::kInvalidTimestamp: return ErrorCode::kInvalidTimestamp;
  }
  return ErrorCode::kCorruptMessage;
}

std::optional<uint64_t> Partition::StartTxnVerification(int64_t producer_id, int16_t producer_epoch) {
  std::lock_guard<std::mutex> append_lock(append_mu_);
  const ProducerStateEntry* entry = producers_.Find(producer_id);
  if (entry && entry->current_txn_first_offset >= 0 && entry->epoch == producer_epoch) return std::nullopt;
  // Concurrent produces of one producer share a guard (Kafka's VerificationStateEntry): either may append first.
  auto [it, added] = txn_verification_guards_.try_emplace(producer_id, 0);
  if (added) it->second = ++last_txn_verification_guard_;
  return it->second;
}

PartitionAppend Partition::AppendAsLeader(std::span<const uint8_t> records, int16_t acks, AppendOrigin origin,
                                          std::optional<uint64_t> txn_verification) {
  PartitionAppend out;
  TopicSettings settings;
  LeaderEpoch epoch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!is_leader_) {
      out.error = ErrorCode::kNotLeaderOrFollower;
      return out;
    }
    if (acks == -1 && static_cast<int32_t>(isr_.size()) < settings_.min_insync_replicas) {
      out.error = ErrorCode::kNotEnoughReplicas;
      out.message = "ISR has " + std::to_string(isr_.size()) + " replicas, min.insync.replicas is " +
                    std::to_string(settings_.min_insync_replicas);
      return out;
    }
    settings = settings_;
    epoch = leader_epoch_;
  }

  protocol::ValidationOptions options;
  options.max_batch_bytes = settings.max_message_bytes;
  options.require_keys = settings.compact;
  // message.timestamp.before.max.ms / after.max.ms (KIP-937): CreateTime timestamps too far from the broker's
  // clock are INVALID_TIMESTAMP. The validator skips LogAppendTime batches; for LogAppendTime topics Kafka
  // does not check either, as the broker's own time replaces the producer's.
  if (settings.log.message_timestamp_type == storage::TimestampType::kCreateTime &&
      (settings.timestamp_before_max_ms != INT64_MAX || settings.timestamp_after_max_ms != INT64_MAX)) {
    options.now_ms = WallClockMs();
    options.timestamp_before_max_ms = settings.timestamp_before_max_ms;
    options.timestamp_after_max_ms = settings.timestamp_after_max_ms;
  }
  // Records are iterated (compressed ones decompressed into a scratch buffer) as Kafka's LogValidator does;
  // the batch is still appended as sent.
  auto check = protocol::ValidateRecordSet(records, options);
  std::vector<uint8_t> converted_legacy;
  if (check.error == protocol::BatchError::kUnsupportedMagic) {
    // Old producers (Produce v0-2) send magic 0/1 message sets: they are converted to one v2 batch, as Kafka
    // does when its log format is v2.
    auto converted = protocol::ConvertLegacyToV2(records);
    if (!converted.ok()) {
      out.error = ErrorCode::kCorruptMessage;
      out.message = converted.status().message();
      return out;
    }
    converted_legacy = std::move(*converted);
    records = converted_legacy;
    check = protocol::ValidateRecordSet(records, options);
  }
  if (!check.ok()) {
    out.error = ToErrorCode(check.error);
    out.message = check.message;
    return out;
  }
  if (check.batches.empty()) {
    out.error = ErrorCode::kCorruptMessage;
    out.message = "the request holds no record batch";
    return out;
  }

  std::vector<uint8_t> recompressed;
  if (!settings.keep_producer_compression) {
    // compression.type names a codec: batches sent with another codec are rewritten (Kafka does the same).
    for (const auto& b : check.batches) {
      auto batch = records.subspan(b.position, b.header.total_size());
      if (b.header.compression() == settings.compression) {
        recompressed.insert(recompressed.end(), batch.begin(), batch.end());
        continue;
      }
      auto converted = protocol::RecompressBatch(batch, settings.compression, protocol::kDefaultMaxDecompressedBytes,
                                                 settings.compression_level);
      if (!converted.ok()) {
        out.error = ErrorCode::kCorruptMessage;
        out.message = converted.status().message();
        return out;
      }
      recompressed.insert(recompressed.end(), converted->begin(), converted->end());
    }
    records = recompressed;
  }

  // Idempotent producers (KAFKA-FACTS §6): duplicates are answered with their original offsets and not
  // appended again; gaps and stale epochs are refused. The check and the append form one step per partition.
  std::lock_guard<std::mutex> append_lock(append_mu_);
  // The role was read before validation, without append_mu_: a leader change may have come in between. Every
  // batch must carry the epoch of the leader that appended it, and a replica that is no longer leader must not
  // append at all (KIP-101/KIP-279 truncation relies on both). Role changes take append_mu_, so this check holds
  // until the append below is done.
  if (!StillLeaderAt(epoch)) {
    out.error = ErrorCode::kNotLeaderOrFollower;
    return out;
  }
  const protocol::BatchHeader& first = check.batches.front().header;
  const bool idempotent = first.producer_id >= 0;
  if (first.transactional() && !idempotent) {
    out.error = ErrorCode::kInvalidRecord;  // Kafka's LogValidator: a transactional batch needs a producer id
    out.message = "transactional batch without a producer id";
    return out;
  }
  if (idempotent) {
    if (check.batches.size() != 1) {
      out.error = ErrorCode::kInvalidRecord;
      out.message = "an idempotent producer sends one batch per partition per request";
      return out;
    }
    auto verdict = producers_.CheckBatch(first, origin == AppendOrigin::kCoordinator);
    if (!verdict.ok()) {
      out.error = ErrorCode::kCorruptMessage;
      out.message = verdict.status().message();
      return out;
    }
    if (verdict->kind == AppendCheck::Kind::kError) {
      out.error = verdict->error;
      out.message = verdict->message;
      return out;
    }
    if (verdict->kind == AppendCheck::Kind::kDuplicate) {
      out.info.first_offset = Offset(verdict->duplicate_base_offset);
      out.info.last_offset = Offset(verdict->duplicate_last_offset);
      out.info.max_timestamp = verdict->duplicate_timestamp;
      return out;
    }
  }
  if (first.transactional() && txn_verification) {
    const ProducerStateEntry* entry = producers_.Find(first.producer_id);
    const bool ongoing = entry && entry->current_txn_first_offset >= 0 && entry->epoch == first.producer_epoch;
    auto guard = txn_verification_guards_.find(first.producer_id);
    if (!ongoing && (guard == txn_verification_guards_.end() || guard->second != *txn_verification)) {
      out.error = ErrorCode::kInvalidTxnState;  // Kafka's UnifiedLog: "not part of an ongoing transaction"
      out.message = "the record was not part of an ongoing transaction (the partition was not added to it, or it "
                    "ended meanwhile)";
      return out;
    }
  }
  auto appended = log_->AppendAsLeader(records, epoch);
  if (!appended.ok()) {
    const Status& st = appended.status();
    if (st.code() == Status::Code::kInvalidArgument) {
      out.error = ErrorCode::kRecordListTooLarge;
    } else {
      out.error = ErrorCode::kKafkaStorageError;
      spdlog::error("append to {} failed: {}", tp_.DirName(), st.ToString());
    }
    out.message = st.message();
    return out;
  }
  out.info = *appended;
  Changed();
  if (idempotent) {
    const int64_t timestamp =
        appended->log_append_time_ms >= 0 ? appended->log_append_time_ms : appended->max_timestamp;
    producers_.OnAppended(first, appended->last_offset.value, timestamp);
  }
  // The transaction is open here now (or was already): its guard has served.
  if (first.transactional()) txn_verification_guards_.erase(first.producer_id);
  std::lock_guard<std::mutex> lock(mu_);
  MaybeAdvanceHighWatermarkLocked();
  return out;
}

std::vector<ProducerStateEntry> Partition::ActiveProducers() const {
  std::lock_guard<std::mutex> lock(append_mu_);
  return producers_.Entries();
}

PartitionAppend Partition::AppendTxnMarker(int64_t producer_id, int16_t producer_epoch, int32_t coordinator_epoch,
                                           bool commit) {
  PartitionAppend out;
  LeaderEpoch epoch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!is_leader_) {
      out.error = ErrorCode::kNotLeaderOrFollower;
      return out;
    }
    if (static_cast<int32_t>(isr_.size()) < settings_.min_insync_replicas) {
      out.error = ErrorCode::kNotEnoughReplicas;
      out.message = "ISR has " + std::to_string(isr_.size()) + " replicas, min.insync.replicas is " +
                    std::to_string(settings_.min_insync_replicas);
      return out;
    }
    epoch = leader_epoch_;
  }
  if (producer_id < 0) {
    out.error = ErrorCode::kInvalidProducerIdMapping;
    out.message = "a transaction marker needs a producer id";
    return out;
  }
  const protocol::EndTxnMarker marker{commit ? protocol::ControlRecordType::kCommit : protocol::ControlRecordType::kAbort,
                                      coordinator_epoch};
  auto batch = protocol::BuildEndTxnMarkerBatch(producer_id, producer_epoch, marker, clock_.WallMs());
  if (!batch.ok()) {
    out.error = ErrorCode::kUnknownServerError;
    out.message = batch.status().message();
    return out;
  }
  std::lock_guard<std::mutex> append_lock(append_mu_);
  if (!StillLeaderAt(epoch)) {  // as in AppendAsLeader
    out.error = ErrorCode::kNotLeaderOrFollower;
    return out;
  }
  if (AppendCheck verdict = producers_.CheckMarker(producer_id, producer_epoch, coordinator_epoch);
      verdict.kind == AppendCheck::Kind::kError) {
    out.error = verdict.error;
    out.message = verdict.message;
    return out;
  }
  auto appended = log_->AppendAsLeader(*batch, epoch);
  if (!appended.ok()) {
    out.error = ErrorCode::kKafkaStorageError;
    out.message = appended.status().message();
    spdlog::error("transaction marker append to {} failed: {}", tp_.DirName(), appended.status().ToString());
    return out;
  }
  out.info = *appended;
  Changed();
  txn_verification_guards_.erase(producer_id);  // a verification that raced with this marker must not append
  protocol::BatchHeader h = protocol::ReadBatchHeader(batch->data());
  h.base_offset = appended->first_offset.value;
  const int64_t timestamp = appended->log_append_time_ms >= 0 ? appended->log_append_time_ms : appended->max_timestamp;
  if (Status st = RecordCompletedTxn(producers_.OnAppended(h, appended->last_offset.value, timestamp, &marker));
      !st.ok()) {
    // The marker is in the log; the index entry is re-derived from it on the next recovery.
    spdlog::error("{}: aborted transaction of producer {} not indexed: {}", tp_.DirName(), producer_id, st.ToString());
  }
  std::lock_guard<std::mutex> lock(mu_);
  MaybeAdvanceHighWatermarkLocked();
  return out;
}

Result<storage::AppendInfo> Partition::AppendAsFollower(std::span<const uint8_t> batches) {
  std::lock_guard<std::mutex> append_lock(append_mu_);
  auto appended = log_->AppendAsFollower(batches);
  if (!appended.ok()) return appended;
  Changed();
  // The log accepted the framing; walk the headers to keep the producers' sequences for a later leadership.
  for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= batches.size();) {
    protocol::BatchHeader h = protocol::ReadBatchHeader(batches.data() + pos);
    if (h.batch_length < 0 || h.total_size() > batches.size() - pos) break;
    std::optional<protocol::EndTxnMarker> marker;
    if (h.control() && h.producer_id >= 0) {
      auto read = protocol::ReadEndTxnMarker(batches.subspan(pos, h.total_size()));
      if (read.ok()) {
        marker = *read;
      } else {
        spdlog::warn("{}: replicated transaction marker at offset {} unreadable: {}", tp_.DirName(), h.base_offset,
                     read.status().ToString());
      }
    }
    // The follower keeps the same .txnindex as the leader, so it can serve read_committed after a failover.
    if (Status st = RecordCompletedTxn(producers_.OnFollowerAppend(h, marker ? &*marker : nullptr)); !st.ok())
      return st;
    pos += h.total_size();
  }
  return appended;
}

Status Partition::TruncateTo(Offset offset) {
  std::lock_guard<std::mutex> append_lock(append_mu_);
  const Offset leo = log_->LogEndOffset();
  if (offset >= leo) {
    // Nothing to cut, but an epoch we assigned as leader and never wrote in starts at the log end: drop it, as
    // Kafka's UnifiedLog.truncateTo does, or OffsetForLeaderEpoch would keep asking about it.
    return log_->leader_epochs().TruncateFromEnd(leo.value);
  }
  PARTITA_RETURN_IF_ERROR(log_->TruncateTo(offset));  // also drops the epoch entries starting at or after it
  RecoverProducerState();
  // The high watermark never points past the log end.
  int64_t hw = high_watermark_.load();
  while (hw > offset.value && !high_watermark_.compare_exchange_weak(hw, offset.value)) {
  }
  producers_.open_transactions().OnHighWatermark(high_watermark_.load());
  Changed();
  return Status::Ok();
}

Status Partition::TruncateFullyAndStartAt(Offset offset) {
  std::lock_guard<std::mutex> append_lock(append_mu_);
  PARTITA_RETURN_IF_ERROR(log_->TruncateFullyAndStartAt(offset));
  if (auto st = producers_.TruncateFully(); !st.ok()) return st;
  StoreHighWatermark(offset.value);  // within [log start, log end] = offset
  return Status::Ok();
}

std::optional<replication::EpochEndOffset> Partition::EndOffsetForEpoch(int32_t epoch) const {
  auto [found, end] = log_->leader_epochs().EndOffsetForEpoch(epoch, log_->LogEndOffset().value);
  if (end == replication::kUndefinedEpochOffset) return std::nullopt;
  return replication::EpochEndOffset{found, end};
}

EpochEndOffsetAnswer Partition::LastOffsetForLeaderEpoch(int32_t current_leader_epoch, int32_t leader_epoch) const {
  EpochEndOffsetAnswer out;
  out.error = CheckServesAsLeader(current_leader_epoch);
  if (out.error != ErrorCode::kNone) return out;
  // Kafka's LeaderEpochFileCache.endOffsetFor: undefined (-1, -1) below our first epoch or above our latest.
  if (auto found = EndOffsetForEpoch(leader_epoch)) out.epoch_end = *found;
  return out;
}

ErrorCode Partition::CheckEnoughReplicasReachOffset(int64_t required_offset) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!is_leader_) return ErrorCode::kNotLeaderOrFollower;
  if (high_watermark_.load() < required_offset) return ErrorCode::kRequestTimedOut;
  // Replicated to the ISR, but the ISR shrank below min.insync.replicas meanwhile (it may have shrunk so the HW
  // could pass): the write is not as durable as acks=all promised. The maximal ISR counts, as in Kafka.
  size_t maximal_isr = isr_.size();
  if (isr_change_pending_) {
    for (int32_t replica : pending_isr_)
      if (!Contains(isr_, replica)) ++maximal_isr;
  }
  if (static_cast<int32_t>(maximal_isr) < settings_.min_insync_replicas) return ErrorCode::kNotEnoughReplicasAfterAppend;
  return ErrorCode::kNone;
}

Status Partition::SnapshotProducerState() {
  std::lock_guard<std::mutex> append_lock(append_mu_);
  return producers_.TakeSnapshot(log_->LogEndOffset().value);
}

PartitionRead Partition::Read(Offset offset, int32_t max_bytes, bool from_follower, bool min_one_batch,
                              int32_t current_leader_epoch, IsolationLevel isolation) const {
  PartitionRead out;
  out.error = CheckServesAsLeader(current_leader_epoch);
  if (out.error != ErrorCode::kNone) return out;
  out.high_watermark = HighWatermark();
  out.last_stable_offset = Offset(producers_.open_transactions().LastStableOffset(out.high_watermark.value));
  out.log_start_offset = log_->LogStartOffset();
  out.log_end_offset = log_->LogEndOffset();
  const bool read_committed = !from_follower && isolation == IsolationLevel::kReadCommitted;
  Offset limit = from_follower ? out.log_end_offset : read_committed ? out.last_stable_offset : out.high_watermark;
  auto read = log_->Read(offset, max_bytes, limit, min_one_batch);
  if (!read.ok()) {
    out.error = ErrorCode::kKafkaStorageError;
    return out;
  }
  if (read->offset_out_of_range) {
    out.error = ErrorCode::kOffsetOutOfRange;
    return out;
  }
  out.data = std::move(*read);
  // Kafka's LocalLog.addAbortedTransactions: the transactions overlapping [offset, end of the returned data).
  if (read_committed && out.data.bytes > 0 && out.data.next_offset > offset)
    out.aborted_transactions = log_->CollectAbortedTxns(offset, out.data.next_offset);
  return out;
}

bool Partition::HasDataAfter(Offset offset, bool from_follower, IsolationLevel isolation) const {
  Offset limit = from_follower                                 ? log_->LogEndOffset()
                 : isolation == IsolationLevel::kReadCommitted ? LastStableOffset()
                                                               : HighWatermark();
  return limit > offset;
}

}  // namespace partita::broker
