#include "engine/broker/producer_state.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include <spdlog/spdlog.h>

#include "engine/storage/batch_scanner.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"

namespace partita::broker {

using protocol::ErrorCode;

int32_t DecrementSequence(int32_t sequence, int32_t decrement) {
  if (decrement <= 0) return sequence;
  if (sequence < decrement) return INT32_MAX - (decrement - sequence) + 1;
  return sequence - decrement;
}

namespace {

// Kafka's inSequence: next follows last, with INT32_MAX followed by 0.
bool InSequence(int32_t last, int32_t next) {
  return static_cast<int64_t>(next) == static_cast<int64_t>(last) + 1 || (next == 0 && last == INT32_MAX);
}

AppendCheck Error(ErrorCode code, std::string message) {
  AppendCheck c;
  c.kind = AppendCheck::Kind::kError;
  c.error = code;
  c.message = std::move(message);
  return c;
}

std::string Describe(const protocol::BatchHeader& h) {
  return "producer " + std::to_string(h.producer_id) + " epoch " + std::to_string(h.producer_epoch) +
         " sequence " + std::to_string(h.base_sequence);
}

}  // namespace

ProducerStateManager::ProducerStateManager(std::string partition_dir, ProducerStateOptions options)
    : dir_(std::move(partition_dir)), options_(options) {}

Result<AppendCheck> ProducerStateManager::CheckBatch(const protocol::BatchHeader& h, bool from_coordinator) const {
  if (h.magic != 2) return Status::InvalidArgument("producer state checks only v2 batches");
  // Not idempotent, or a transaction marker (written by the coordinator path, never by a producer).
  if (h.producer_id < 0 || h.control()) return AppendCheck{};
  if (from_coordinator) {
    // Kafka's AppendOrigin.COORDINATOR (transactional offset commits): no sequence numbers, only the epoch fence.
    const auto it = producers_.find(h.producer_id);
    if (it != producers_.end() && h.producer_epoch < it->second.epoch)
      return Error(ErrorCode::kInvalidProducerEpoch, "epoch " + std::to_string(h.producer_epoch) + " of producer " +
                                                         std::to_string(h.producer_id) + " is older than current epoch " +
                                                         std::to_string(it->second.epoch) + " (fenced)");
    return AppendCheck{};
  }
  if (h.base_sequence < 0)
    return Error(ErrorCode::kInvalidRecord, "idempotent batch from " + Describe(h) + " has no sequence number");
  const int32_t first = h.base_sequence;
  const int32_t last = IncrementSequence(first, h.last_offset_delta);

  const auto it = producers_.find(h.producer_id);
  if (it == producers_.end()) {
    if (first == 0) return AppendCheck{};
    return Error(ErrorCode::kUnknownProducerId,
                 "no state for " + Describe(h) + " on this partition (expired or never written); expected sequence 0");
  }
  const ProducerStateEntry& e = it->second;
  // Kafka's ProducerAppendInfo: data outside the transaction a producer has open is refused.
  if (!h.transactional() && e.current_txn_first_offset >= 0)
    return Error(ErrorCode::kInvalidTxnState, "non-transactional batch from " + Describe(h) +
                                                  " while its transaction from offset " +
                                                  std::to_string(e.current_txn_first_offset) + " is open");
  if (h.producer_epoch < e.epoch)
    return Error(ErrorCode::kInvalidProducerEpoch, "epoch " + std::to_string(h.producer_epoch) + " of producer " +
                                                       std::to_string(h.producer_id) + " is older than current epoch " +
                                                       std::to_string(e.epoch) + " (fenced)");
  if (h.producer_epoch == e.epoch) {
    for (const ProducerBatchMetadata& b : e.batches) {
      if (b.first_sequence == first && b.last_sequence == last) {
        AppendCheck c;
        c.kind = AppendCheck::Kind::kDuplicate;
        c.duplicate_base_offset = b.first_offset();
        c.duplicate_last_offset = b.last_offset;
        c.duplicate_timestamp = b.timestamp;
        return c;
      }
    }
    // An entry without batches (only a marker survived, or the epoch is unknown) starts like a new epoch.
    if (e.epoch < 0 && e.batches.empty()) return AppendCheck{};
    if (InSequence(e.last_sequence(), first)) return AppendCheck{};
    return Error(ErrorCode::kOutOfOrderSequenceNumber,
                 "out of order sequence for " + Describe(h) + ": expected " +
                     std::to_string(IncrementSequence(e.last_sequence(), 1)) + " (last appended " +
                     std::to_string(e.last_sequence()) + ")");
  }
  // A newer epoch: the producer restarted its sequence numbering.
  if (first == 0) return AppendCheck{};
  if (e.epoch < 0)
    return Error(ErrorCode::kUnknownProducerId, "no epoch known for " + Describe(h) + "; expected sequence 0");
  return Error(ErrorCode::kOutOfOrderSequenceNumber,
               "new epoch " + std::to_string(h.producer_epoch) + " of producer " + std::to_string(h.producer_id) +
                   " must start at sequence 0, got " + std::to_string(first));
}

AppendCheck ProducerStateManager::CheckMarker(int64_t producer_id, int16_t producer_epoch,
                                              int32_t coordinator_epoch) const {
  const auto it = producers_.find(producer_id);
  if (it == producers_.end()) return AppendCheck{};
  const ProducerStateEntry& e = it->second;
  // Kafka's ProducerAppendInfo.checkProducerEpoch (InvalidProducerEpochException for non-replication origins).
  if (producer_epoch < e.epoch)
    return Error(ErrorCode::kInvalidProducerEpoch, "transaction marker epoch " + std::to_string(producer_epoch) +
                                                       " of producer " + std::to_string(producer_id) +
                                                       " is older than current epoch " + std::to_string(e.epoch));
  // Kafka's checkCoordinatorEpoch: a marker from a coordinator older than the last one that wrote here.
  if (coordinator_epoch < e.coordinator_epoch)
    return Error(ErrorCode::kTransactionCoordinatorFenced,
                 "transaction marker of producer " + std::to_string(producer_id) + " has coordinator epoch " +
                     std::to_string(coordinator_epoch) + ", older than " + std::to_string(e.coordinator_epoch));
  return AppendCheck{};
}

std::optional<CompletedTxn> ProducerStateManager::AppendBatch(const protocol::BatchHeader& h, int64_t last_offset,
                                                              int64_t timestamp, const protocol::EndTxnMarker* marker) {
  if (h.producer_id < 0) return std::nullopt;
  auto [it, inserted] = producers_.try_emplace(h.producer_id);
  ProducerStateEntry& e = it->second;
  if (inserted) e.producer_id = h.producer_id;
  if (h.producer_epoch != e.epoch) {
    // Kafka's maybeUpdateProducerEpoch: sequences of another epoch mean nothing to this one.
    e.epoch = h.producer_epoch;
    e.batches.clear();
  }
  e.last_timestamp = timestamp;
  if (h.control()) {
    // A commit/abort marker ends the producer's transaction; it has no sequence numbers. Only a transaction
    // with data completes (Kafka's appendEndTxnMarker); an unreadable marker ends it without a .txnindex entry.
    e.current_txn_first_offset = -1;
    if (marker != nullptr) e.coordinator_epoch = marker->coordinator_epoch;
    CompletedTxn txn;
    const bool aborted = marker != nullptr && !marker->commit();
    if (open_txns_.Complete(h.producer_id, last_offset, aborted, &txn)) return txn;
    return std::nullopt;
  }
  ProducerBatchMetadata b;
  b.offset_delta = std::max<int32_t>(h.last_offset_delta, 0);
  b.first_sequence = h.base_sequence;
  b.last_sequence = IncrementSequence(h.base_sequence, b.offset_delta);
  b.last_offset = last_offset;
  b.timestamp = timestamp;
  e.batches.push_back(b);
  while (e.batches.size() > kProducerBatchesToRetain) e.batches.pop_front();
  if (h.transactional() && e.current_txn_first_offset < 0) {
    e.current_txn_first_offset = b.first_offset();
    open_txns_.Begin(h.producer_id, e.current_txn_first_offset);
  }
  return std::nullopt;
}

std::optional<CompletedTxn> ProducerStateManager::OnAppended(const protocol::BatchHeader& h, int64_t last_offset,
                                                             int64_t timestamp, const protocol::EndTxnMarker* marker) {
  return AppendBatch(h, last_offset, timestamp, marker);
}

std::optional<CompletedTxn> ProducerStateManager::OnFollowerAppend(const protocol::BatchHeader& h,
                                                                   const protocol::EndTxnMarker* marker) {
  return AppendBatch(h, h.last_offset(), h.max_timestamp, marker);
}

void ProducerStateManager::ClearState() {
  producers_.clear();
  open_txns_.Clear();
}

namespace {

// A control batch is one small record; anything bigger than this is not a marker we wrote or replicated.
constexpr size_t kMaxControlBatchBytes = 4096;

// Reads the marker of the control batch at `position` (nullopt, logged, when it cannot be read).
std::optional<protocol::EndTxnMarker> ReadMarkerAt(int fd, int64_t position, const protocol::BatchHeader& h,
                                                   const std::string& dir) {
  if (h.total_size() > kMaxControlBatchBytes) {
    spdlog::warn("{}: control batch at offset {} is {} bytes; not read as a transaction marker", dir, h.base_offset,
                 h.total_size());
    return std::nullopt;
  }
  std::vector<uint8_t> bytes(h.total_size());
  Status st = storage::PreadFully(fd, bytes, position, dir);
  auto marker = st.ok() ? protocol::ReadEndTxnMarker(bytes) : Result<protocol::EndTxnMarker>(st);
  if (!marker.ok()) {
    spdlog::warn("{}: transaction marker at offset {} unreadable: {}", dir, h.base_offset, marker.status().ToString());
    return std::nullopt;
  }
  return *marker;
}

}  // namespace

Status ProducerStateManager::RebuildFromLog(storage::Log& log, int64_t from_offset, int64_t txn_index_from) {
  int64_t offset = std::max(from_offset, log.LogStartOffset().value);
  const bool write_txn_index = txn_index_from >= 0;
  if (write_txn_index) PARTITA_RETURN_IF_ERROR(log.TruncateAbortedTxnsFrom(Offset(txn_index_from)));
  while (offset < log.LogEndOffset().value) {
    // Regions are only scanned for headers (BatchScanner preads 61 bytes per batch), so read a whole segment.
    auto read = log.Read(Offset(offset), INT32_MAX, log.LogEndOffset(), /*min_one_batch=*/true);
    if (!read.ok()) return read.status();
    if (read->offset_out_of_range)
      return Status::NotFound("producer state rebuild: offset " + std::to_string(offset) + " is outside the log [" +
                              std::to_string(read->log_start_offset.value) + ", " +
                              std::to_string(read->log_end_offset.value) + "]");
    int64_t next = offset;
    for (const FileRegion& region : read->regions) {
      storage::BatchScanner scanner(region.file->fd(), region.position, region.position + region.length);
      while (scanner.Next()) {
        const protocol::BatchHeader& h = scanner.header();
        if (h.last_offset() >= offset) {
          std::optional<protocol::EndTxnMarker> marker;
          if (h.control() && h.producer_id >= 0) marker = ReadMarkerAt(region.file->fd(), scanner.position(), h, dir_);
          const auto completed = OnFollowerAppend(h, marker ? &*marker : nullptr);
          if (write_txn_index && completed && completed->aborted && completed->last_offset >= txn_index_from) {
            PARTITA_RETURN_IF_ERROR(log.AppendAbortedTxn(
                {storage::kAbortedTxnVersion, completed->producer_id, completed->first_offset,
                 completed->last_offset, completed->last_stable_offset}));
          }
        }
        next = std::max(next, h.last_offset() + 1);
      }
      if (!scanner.status().ok()) return scanner.status();
    }
    if (next <= offset) {
      spdlog::warn("producer state rebuild of {} stopped at offset {}: the log returned no batch there", dir_, offset);
      break;
    }
    offset = next;
  }
  return Status::Ok();
}

Status ProducerStateManager::TakeSnapshot(int64_t log_end_offset) {
  if (log_end_offset < 0) return Status::InvalidArgument("snapshot offset must not be negative");
  std::vector<ProducerSnapshotEntry> entries;
  entries.reserve(producers_.size());
  for (const auto& [id, e] : producers_) {
    ProducerSnapshotEntry s;
    s.producer_id = id;
    s.epoch = e.epoch;
    s.timestamp = e.last_timestamp;
    s.coordinator_epoch = e.coordinator_epoch;
    s.current_txn_first_offset = e.current_txn_first_offset;
    if (!e.batches.empty()) {
      s.last_sequence = e.batches.back().last_sequence;
      s.last_offset = e.batches.back().last_offset;
      s.offset_delta = e.batches.back().offset_delta;
    }
    entries.push_back(s);
  }
  // Deterministic files: equal state gives equal bytes.
  std::sort(entries.begin(), entries.end(),
            [](const ProducerSnapshotEntry& a, const ProducerSnapshotEntry& b) { return a.producer_id < b.producer_id; });
  return storage::WriteFileAtomically(ProducerSnapshotPath(dir_, log_end_offset), EncodeProducerSnapshot(entries));
}

void ProducerStateManager::LoadEntry(const ProducerSnapshotEntry& s) {
  if (s.current_txn_first_offset >= 0) open_txns_.Begin(s.producer_id, s.current_txn_first_offset);
  ProducerStateEntry e;
  e.producer_id = s.producer_id;
  e.epoch = s.epoch;
  e.coordinator_epoch = s.coordinator_epoch;
  e.last_timestamp = s.timestamp;
  e.current_txn_first_offset = s.current_txn_first_offset;
  if (s.last_offset >= 0) {
    ProducerBatchMetadata b;
    b.offset_delta = std::max<int32_t>(s.offset_delta, 0);
    b.last_sequence = s.last_sequence;
    b.first_sequence = DecrementSequence(s.last_sequence, b.offset_delta);
    b.last_offset = s.last_offset;
    b.timestamp = s.timestamp;
    e.batches.push_back(b);
  }
  producers_[s.producer_id] = std::move(e);
}

Result<int64_t> ProducerStateManager::LoadLatestSnapshot(int64_t now_ms) {
  ClearState();
  const std::vector<int64_t> offsets = ListProducerSnapshots(dir_);
  for (auto it = offsets.rbegin(); it != offsets.rend(); ++it) {
    const std::string path = ProducerSnapshotPath(dir_, *it);
    auto bytes = storage::ReadWholeFile(path);
    if (!bytes.ok()) {
      // Unreadable (not corrupt): keep the file, fall back to an older snapshot or the log.
      spdlog::warn("cannot read producer snapshot {}: {}; trying an older one", path, bytes.status().ToString());
      continue;
    }
    auto entries = DecodeProducerSnapshot(*bytes);
    if (!entries.ok()) {
      spdlog::warn("ignoring corrupt producer snapshot {}: {}; deleting it and using an older snapshot or the log", path,
                   entries.status().ToString());
      const Status st = DeleteSnapshot(*it);
      if (!st.ok()) spdlog::warn("cannot delete corrupt producer snapshot {}: {}", path, st.ToString());
      continue;
    }
    for (const ProducerSnapshotEntry& s : *entries) {
      const bool expired = s.current_txn_first_offset < 0 && now_ms - s.timestamp >= options_.producer_id_expiration_ms;
      if (s.producer_id >= 0 && !expired) LoadEntry(s);
    }
    return *it;
  }
  return int64_t{-1};
}

Status ProducerStateManager::Recover(storage::Log& log, int64_t now_ms) {
  const int64_t end = log.LogEndOffset().value;
  // A snapshot past the log end describes batches that are gone (unclean shutdown, truncation).
  for (int64_t offset : ListProducerSnapshots(dir_))
    if (offset > end) PARTITA_RETURN_IF_ERROR(DeleteSnapshot(offset));
  if (log.txn_index_lost()) {
    // A .txnindex was corrupt: re-derive every aborted transaction from the whole log with a scratch state
    // (the snapshot cannot say where transactions that ended before it started).
    ProducerStateManager scratch(dir_, options_);
    PARTITA_RETURN_IF_ERROR(scratch.RebuildFromLog(log, log.LogStartOffset().value, log.LogStartOffset().value));
    log.ClearTxnIndexLost();
  }
  auto loaded = LoadLatestSnapshot(now_ms);
  if (!loaded.ok()) return loaded.status();
  const int64_t replay_from = std::max<int64_t>(*loaded, 0);
  PARTITA_RETURN_IF_ERROR(RebuildFromLog(log, replay_from, std::max(replay_from, log.RecoveryPoint().value)));
  RemoveExpiredProducers(now_ms);
  return Status::Ok();
}

Result<int64_t> ProducerStateManager::TruncateTo(int64_t offset, int64_t now_ms) {
  for (int64_t snapshot : ListProducerSnapshots(dir_))
    if (snapshot > offset) PARTITA_RETURN_IF_ERROR(DeleteSnapshot(snapshot));
  return LoadLatestSnapshot(now_ms);
}

Status ProducerStateManager::TruncateFully() {
  ClearState();
  for (int64_t snapshot : ListProducerSnapshots(dir_)) PARTITA_RETURN_IF_ERROR(DeleteSnapshot(snapshot));
  return Status::Ok();
}

Status ProducerStateManager::DeleteSnapshotsBelow(int64_t offset) {
  for (int64_t snapshot : ListProducerSnapshots(dir_))
    if (snapshot < offset) PARTITA_RETURN_IF_ERROR(DeleteSnapshot(snapshot));
  return Status::Ok();
}

Status ProducerStateManager::DeleteSnapshot(int64_t offset) {
  const std::string path = ProducerSnapshotPath(dir_, offset);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path);
  return Status::Ok();
}

size_t ProducerStateManager::RemoveExpiredProducers(int64_t now_ms) {
  return std::erase_if(producers_, [&](const auto& kv) {
    const ProducerStateEntry& e = kv.second;
    return e.current_txn_first_offset < 0 && now_ms - e.last_timestamp >= options_.producer_id_expiration_ms;
  });
}

std::vector<ProducerStateEntry> ProducerStateManager::Entries() const {
  std::vector<ProducerStateEntry> out;
  out.reserve(producers_.size());
  for (const auto& [id, e] : producers_) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.producer_id < b.producer_id; });
  return out;
}

const ProducerStateEntry* ProducerStateManager::Find(int64_t producer_id) const {
  const auto it = producers_.find(producer_id);
  return it == producers_.end() ? nullptr : &it->second;
}

}  // namespace partita::broker
