#include "engine/transactions/transaction_coordinator.h"

#include <limits>

namespace partita::transactions {

namespace {

// Kafka's TransactionMetadata.isEpochExhausted: the epoch cannot be bumped any more, a new producer id is due.
bool EpochExhausted(int16_t epoch) { return epoch >= std::numeric_limits<int16_t>::max() - 1; }

bool Completing(TxnState s) { return s == TxnState::kPrepareCommit || s == TxnState::kPrepareAbort; }

}  // namespace

TransactionCoordinator::TransactionCoordinator(int32_t partition, int32_t coordinator_epoch, TxnConfig config,
                                               std::function<int64_t()> now_ms, std::shared_ptr<TxnLog> log,
                                               std::shared_ptr<TxnMarkerWriter> markers,
                                               std::shared_ptr<ProducerIdSource> ids)
    : partition_(partition),
      coordinator_epoch_(coordinator_epoch),
      config_(config),
      now_ms_(std::move(now_ms)),
      log_(std::move(log)),
      markers_(std::move(markers)),
      ids_(std::move(ids)) {}

void TransactionCoordinator::Run(Actions& actions, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  for (auto& a : actions) a();
  actions.clear();
}

void TransactionCoordinator::Transit(Entry& e, TransactionMetadata next, std::function<void(ErrorCode)> then,
                                     Actions& actions) {
  e.pending = next;
  std::optional<TransactionMetadata> value;
  if (next.state != TxnState::kDead) value = next;
  actions.push_back([self = shared_from_this(), id = next.transactional_id, value, then = std::move(then)]() mutable {
    self->log_->Append(id, value, [self, id, then = std::move(then)](ErrorCode error) mutable {
      self->OnWritten(id, error, std::move(then));
    });
  });
}

void TransactionCoordinator::OnWritten(const std::string& id, ErrorCode error, std::function<void(ErrorCode)> then) {
  std::unique_lock<std::mutex> lock(mu_);
  if (unloaded_) {
    lock.unlock();
    if (then) then(ErrorCode::kNotCoordinator);
    return;
  }
  auto it = entries_.find(id);
  if (it != entries_.end() && it->second.pending) {
    Entry& e = it->second;
    if (error == ErrorCode::kNone) {
      e.current = *e.pending;
      e.persisted = true;
    }
    e.pending.reset();
    if (error == ErrorCode::kNone && e.current.state == TxnState::kDead) entries_.erase(it);
  }
  lock.unlock();
  if (then) then(error);
}

void TransactionCoordinator::InitProducerId(const std::string& id, int32_t timeout_ms, int64_t expected_producer_id,
                                            int16_t expected_epoch, InitDone done) {
  if (id.empty()) return done({ErrorCode::kInvalidRequest});
  // Kafka's validateTransactionTimeoutMs: (0, transaction.max.timeout.ms].
  if (timeout_ms <= 0 || timeout_ms > config_.max_timeout_ms) return done({ErrorCode::kInvalidTransactionTimeout});
  std::unique_lock<std::mutex> lock(mu_);
  if (unloaded_) {
    lock.unlock();
    return done({ErrorCode::kNotCoordinator});
  }
  auto it = entries_.find(id);
  if (it == entries_.end()) {
    lock.unlock();
    auto pid = ids_->Next();  // outside the lock: may reserve a block in ZooKeeper
    if (!pid.ok()) return done({ErrorCode::kCoordinatorNotAvailable});
    lock.lock();
    if (unloaded_) {
      lock.unlock();
      return done({ErrorCode::kNotCoordinator});
    }
    it = entries_.find(id);
    if (it == entries_.end()) {
      Entry e;
      e.current.transactional_id = id;
      e.current.producer_id = *pid;
      e.current.timeout_ms = timeout_ms;
      e.current.last_update_ms = now_ms_();
      it = entries_.emplace(id, std::move(e)).first;
    }
  }
  Entry& e = it->second;
  const TransactionMetadata& cur = e.current;
  Actions actions;
  if (e.pending || Completing(cur.state)) {
    lock.unlock();
    return done({ErrorCode::kConcurrentTransactions});
  }
  if (expected_producer_id != kNoProducerId) {
    // KIP-360: a retry of an InitProducerId that already bumped the epoch gets the same answer again.
    const bool retry = (expected_producer_id == cur.producer_id && cur.last_producer_epoch != kNoProducerEpoch &&
                        expected_epoch == cur.last_producer_epoch) ||
                       (expected_producer_id == cur.last_producer_id && cur.last_producer_id != kNoProducerId &&
                        cur.producer_epoch == 0);
    if (retry && cur.state != TxnState::kOngoing) {
      InitProducerIdResult r{ErrorCode::kNone, cur.producer_id, cur.producer_epoch};
      lock.unlock();
      return done(r);
    }
    if (expected_producer_id != cur.producer_id || expected_epoch != cur.producer_epoch) {
      lock.unlock();
      return done({ErrorCode::kProducerFenced});
    }
  }
  if (cur.state == TxnState::kOngoing) {
    // A new incarnation while a transaction is open: fence the old one (bumped epoch) and abort its
    // transaction; the client retries on CONCURRENT_TRANSACTIONS and gets the next epoch once it completed.
    BeginCompletion(e, /*commit=*/false, /*bump_epoch=*/true,
                    [done](ErrorCode) { done({ErrorCode::kConcurrentTransactions}); }, actions);
    return Run(actions, lock);
  }
  TransactionMetadata next = cur;
  if (EpochExhausted(cur.producer_epoch)) {
    lock.unlock();
    auto pid = ids_->Next();
    if (!pid.ok()) return done({ErrorCode::kCoordinatorNotAvailable});
    lock.lock();
    it = entries_.find(id);
    if (unloaded_ || it == entries_.end() || it->second.pending || it->second.current != next) {
      lock.unlock();
      return done({ErrorCode::kConcurrentTransactions});
    }
    next.last_producer_id = cur.producer_id;
    next.producer_id = *pid;
    next.last_producer_epoch = kNoProducerEpoch;
    next.producer_epoch = 0;
  } else {
    next.last_producer_epoch = cur.producer_epoch;
    next.producer_epoch = static_cast<int16_t>(cur.producer_epoch + 1);
  }
  next.timeout_ms = timeout_ms;
  next.state = TxnState::kEmpty;
  next.partitions.clear();
  next.start_ms = -1;
  next.last_update_ms = now_ms_();
  Transit(it->second, next, [done, next](ErrorCode error) {
    if (error != ErrorCode::kNone) return done({error});
    done({ErrorCode::kNone, next.producer_id, next.producer_epoch});
  }, actions);
  Run(actions, lock);
}

ErrorCode TransactionCoordinator::CheckProducer(const Entry* e, int64_t producer_id, int16_t producer_epoch) {
  if (!e || e->current.producer_id != producer_id) return ErrorCode::kInvalidProducerIdMapping;
  if (e->current.producer_epoch != producer_epoch) return ErrorCode::kProducerFenced;
  return ErrorCode::kNone;
}

std::map<TxnPartition, ErrorCode> TransactionCoordinator::VerifyPartitions(
    const std::string& id, int64_t producer_id, int16_t producer_epoch, const std::vector<TxnPartition>& partitions) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  ErrorCode error = unloaded_ ? ErrorCode::kNotCoordinator
                              : CheckProducer(it == entries_.end() ? nullptr : &it->second, producer_id, producer_epoch);
  if (error == ErrorCode::kNone && Completing(it->second.current.state)) error = ErrorCode::kConcurrentTransactions;
  std::map<TxnPartition, ErrorCode> result;
  for (const auto& p : partitions) {
    if (error != ErrorCode::kNone) {
      result[p] = error;
    } else {
      const TransactionMetadata& cur = it->second.current;
      const bool in_txn = cur.state == TxnState::kOngoing && cur.partitions.count(p);
      result[p] = in_txn ? ErrorCode::kNone : ErrorCode::kTransactionAbortable;
    }
  }
  return result;
}

void TransactionCoordinator::AddPartitions(const std::string& id, int64_t producer_id, int16_t producer_epoch,
                                           const std::vector<TxnPartition>& partitions, Done done) {
  std::unique_lock<std::mutex> lock(mu_);
  if (unloaded_) {
    lock.unlock();
    return done(ErrorCode::kNotCoordinator);
  }
  auto it = entries_.find(id);
  ErrorCode error = CheckProducer(it == entries_.end() ? nullptr : &it->second, producer_id, producer_epoch);
  if (error == ErrorCode::kNone && (it->second.pending || Completing(it->second.current.state))) {
    error = ErrorCode::kConcurrentTransactions;
  }
  if (error != ErrorCode::kNone) {
    lock.unlock();
    return done(error);
  }
  Entry& e = it->second;
  const TransactionMetadata& cur = e.current;
  if (cur.state == TxnState::kOngoing) {
    bool all_known = true;
    for (const auto& p : partitions) all_known = all_known && cur.partitions.count(p);
    if (all_known) {
      lock.unlock();
      return done(ErrorCode::kNone);
    }
  }
  TransactionMetadata next = cur;
  if (cur.state != TxnState::kOngoing) {
    next.partitions.clear();
    next.start_ms = now_ms_();
  }
  next.state = TxnState::kOngoing;
  next.partitions.insert(partitions.begin(), partitions.end());
  next.last_update_ms = now_ms_();
  Actions actions;
  Transit(e, std::move(next), std::move(done), actions);
  Run(actions, lock);
}

void TransactionCoordinator::EndTxn(const std::string& id, int64_t producer_id, int16_t producer_epoch, bool commit,
                                    Done done) {
  std::unique_lock<std::mutex> lock(mu_);
  if (unloaded_) {
    lock.unlock();
    return done(ErrorCode::kNotCoordinator);
  }
  auto it = entries_.find(id);
  ErrorCode error = CheckProducer(it == entries_.end() ? nullptr : &it->second, producer_id, producer_epoch);
  if (error == ErrorCode::kNone && it->second.pending) {
    error = ErrorCode::kConcurrentTransactions;
  } else if (error == ErrorCode::kNone) {
    // Kafka's handleEndTransaction: a retried EndTxn of a completed or completing transaction is answered as
    // the first one was; the opposite request is INVALID_TXN_STATE.
    switch (it->second.current.state) {
      case TxnState::kOngoing: break;
      case TxnState::kCompleteCommit: error = commit ? ErrorCode::kNone : ErrorCode::kInvalidTxnState; break;
      case TxnState::kCompleteAbort: error = commit ? ErrorCode::kInvalidTxnState : ErrorCode::kNone; break;
      case TxnState::kPrepareCommit:
        error = commit ? ErrorCode::kConcurrentTransactions : ErrorCode::kInvalidTxnState;
        break;
      case TxnState::kPrepareAbort:
        error = commit ? ErrorCode::kInvalidTxnState : ErrorCode::kConcurrentTransactions;
        break;
      default: error = ErrorCode::kInvalidTxnState; break;
    }
    if (error == ErrorCode::kNone && it->second.current.state != TxnState::kOngoing) {
      lock.unlock();
      return done(ErrorCode::kNone);
    }
  }
  if (error != ErrorCode::kNone) {
    lock.unlock();
    return done(error);
  }
  Actions actions;
  BeginCompletion(it->second, commit, /*bump_epoch=*/false, std::move(done), actions);
  Run(actions, lock);
}

void TransactionCoordinator::BeginCompletion(Entry& e, bool commit, bool bump_epoch, Done answer, Actions& actions) {
  TransactionMetadata next = e.current;
  if (bump_epoch && !EpochExhausted(next.producer_epoch)) {
    next.last_producer_epoch = next.producer_epoch;
    next.producer_epoch = static_cast<int16_t>(next.producer_epoch + 1);
  }
  next.state = commit ? TxnState::kPrepareCommit : TxnState::kPrepareAbort;
  next.last_update_ms = now_ms_();
  const std::string id = next.transactional_id;
  Transit(e, std::move(next), [self = shared_from_this(), id, answer = std::move(answer)](ErrorCode error) {
    if (answer) answer(error);
    if (error != ErrorCode::kNone) return;
    std::unique_lock<std::mutex> lock(self->mu_);
    auto it = self->entries_.find(id);
    if (self->unloaded_ || it == self->entries_.end() || !Completing(it->second.current.state)) return;
    Actions actions;
    self->SendMarkers(it->second.current, actions);
    it->second.markers_in_flight = true;
    self->Run(actions, lock);
  }, actions);
}

void TransactionCoordinator::SendMarkers(const TransactionMetadata& m, Actions& actions) {
  MarkerJob job;
  job.transactional_id = m.transactional_id;
  job.producer_id = m.producer_id;
  job.producer_epoch = m.producer_epoch;
  job.commit = m.state == TxnState::kPrepareCommit;
  job.coordinator_epoch = coordinator_epoch_;
  job.partitions = m.partitions;
  actions.push_back([self = shared_from_this(), job] {
    self->markers_->Write(job, [self, id = job.transactional_id, epoch = job.producer_epoch] {
      self->OnMarkersWritten(id, epoch);
    });
  });
}

void TransactionCoordinator::OnMarkersWritten(const std::string& id, int16_t epoch) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (unloaded_ || it == entries_.end()) return;
  Entry& e = it->second;
  e.markers_in_flight = false;
  if (e.pending || !Completing(e.current.state) || e.current.producer_epoch != epoch) return;
  TransactionMetadata next = e.current;
  next.state = next.state == TxnState::kPrepareCommit ? TxnState::kCompleteCommit : TxnState::kCompleteAbort;
  next.partitions.clear();
  next.last_update_ms = now_ms_();
  Actions actions;
  // A failed write leaves Prepare*: Tick writes the markers again and retries.
  Transit(e, std::move(next), nullptr, actions);
  Run(actions, lock);
}

void TransactionCoordinator::Load(const std::string& id, std::optional<TransactionMetadata> value) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!value) {
    entries_.erase(id);
    return;
  }
  Entry e;
  e.current = std::move(*value);
  e.current.transactional_id = id;
  e.persisted = true;
  entries_[id] = std::move(e);
}

void TransactionCoordinator::CompleteLoad() {
  std::unique_lock<std::mutex> lock(mu_);
  Actions actions;
  for (auto& [id, e] : entries_) {
    if (Completing(e.current.state) && !e.pending && !e.markers_in_flight) {
      e.markers_in_flight = true;
      SendMarkers(e.current, actions);
    }
  }
  Run(actions, lock);
}

void TransactionCoordinator::Unload() {
  std::lock_guard<std::mutex> lock(mu_);
  unloaded_ = true;
  entries_.clear();
}

void TransactionCoordinator::Tick() {
  std::unique_lock<std::mutex> lock(mu_);
  if (unloaded_) return;
  const int64_t now = now_ms_();
  Actions actions;
  for (auto& [id, e] : entries_) {
    if (e.pending) continue;
    const TransactionMetadata& m = e.current;
    if (m.state == TxnState::kOngoing && m.start_ms >= 0 && now - m.start_ms > m.timeout_ms) {
      // Kafka's abortTimedOutTransactions: fence the producer (bumped epoch) and abort.
      BeginCompletion(e, /*commit=*/false, /*bump_epoch=*/true, nullptr, actions);
    } else if (Completing(m.state) && !e.markers_in_flight) {
      e.markers_in_flight = true;  // a Complete* write failed earlier: write the markers again
      SendMarkers(m, actions);
    } else if ((m.state == TxnState::kEmpty || m.state == TxnState::kCompleteCommit ||
                m.state == TxnState::kCompleteAbort) &&
               e.persisted && now - m.last_update_ms >= config_.id_expiration_ms) {
      TransactionMetadata dead = m;
      dead.state = TxnState::kDead;
      Transit(e, std::move(dead), nullptr, actions);
    }
  }
  Run(actions, lock);
}

std::optional<TransactionMetadata> TransactionCoordinator::Describe(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.persisted) return std::nullopt;
  return it->second.current;
}

std::vector<TransactionMetadata> TransactionCoordinator::List() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TransactionMetadata> out;
  for (const auto& [id, e] : entries_) {
    if (e.persisted) out.push_back(e.current);
  }
  return out;
}

}  // namespace partita::transactions
