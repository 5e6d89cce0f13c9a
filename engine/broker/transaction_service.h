// TransactionService: the broker's transaction coordinator component (KIP-98). It hosts one
// transactions::TransactionCoordinator per __transaction_state partition this broker leads, created when the
// broker becomes that partition's leader (the log is replayed first; requests meanwhile get
// COORDINATOR_LOAD_IN_PROGRESS; transactions found in PrepareCommit/PrepareAbort get their markers written
// again) and dropped when leadership moves away (requests then get NOT_COORDINATOR). The coordinator epoch is
// the partition's leader epoch. It creates __transaction_state on first use (FindCoordinator for a
// transactional id) with transaction.state.log.num.partitions / .replication.factor / .min.isr /
// .segment.bytes, compacted. Markers go to the partition leaders through one TxnMarkerChannel.
// One event-loop thread loads/unloads partitions, creates the topic and ticks every coordinator (transaction
// timeouts every transaction.abort.timed.out.transaction.cleanup.interval.ms, id expiry).
// Thread safety: every public method is thread-safe; handlers call them from network threads.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/protocol/error_code.h"
#include "engine/transactions/transaction_coordinator.h"

namespace partita::coordination {
class EventLoop;
}
namespace partita::security {
class TlsContext;
}

namespace partita::broker {

class Broker;
class TxnMarkerChannel;
class TxnVerifier;

class TransactionService {
 public:
  TransactionService(Broker* broker, std::shared_ptr<security::TlsContext> inter_broker_tls);
  ~TransactionService();
  // Stops the loop and the marker sender and unloads every coordinator. Idempotent.
  void Stop();
  TransactionService(const TransactionService&) = delete;
  TransactionService& operator=(const TransactionService&) = delete;

  // FindCoordinator for a transactional id: the broker leading its partition, or COORDINATOR_NOT_AVAILABLE
  // (topic being created — create_topic starts that when it does not exist —, no live leader).
  protocol::ErrorCode FindCoordinator(const std::string& transactional_id, int32_t* node_id, bool create_topic = true);

  // KIP-890 part 1, for a partition leader: asks the transactional id's coordinator whether `partitions` are in
  // producer (id, epoch)'s ongoing transaction (TxnVerifier). Null when
  // transaction.partition.verification.enable=false.
  TxnVerifier* verifier() const { return verifier_.get(); }

  struct Hosted {
    protocol::ErrorCode error = protocol::ErrorCode::kNone;
    std::shared_ptr<transactions::TransactionCoordinator> coordinator;
  };
  // The coordinator of a transactional id hosted here, or NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS /
  // COORDINATOR_NOT_AVAILABLE.
  Hosted CoordinatorFor(const std::string& transactional_id);
  // Every loaded coordinator (ListTransactions). *loading is set if a hosted partition is still loading.
  std::vector<std::shared_ptr<transactions::TransactionCoordinator>> LoadedCoordinators(bool* loading);

  // The broker's view of leadership changed: loads and unloads coordinators (asynchronously).
  void OnLeadershipChanged();

 private:
  struct Slot {
    int32_t leader_epoch = -1;
    std::shared_ptr<Partition> partition;
    std::shared_ptr<transactions::TransactionCoordinator> coordinator;
    bool loaded = false;
  };

  int32_t PartitionCount(bool* exists) const;
  void EnsureTopic();
  void SyncLeadership();                        // loop thread
  void Load(int32_t partition, int32_t epoch);  // loop thread
  void ScheduleTick();                          // loop thread

  Broker* const broker_;
  const transactions::TxnConfig config_;
  const int64_t tick_interval_ms_;
  std::shared_ptr<std::atomic<bool>> creating_topic_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<TxnMarkerChannel> markers_;
  std::unique_ptr<TxnVerifier> verifier_;
  std::shared_ptr<transactions::ProducerIdSource> producer_ids_;
  std::mutex mu_;
  std::map<int32_t, Slot> slots_;  // by __transaction_state partition
  std::unique_ptr<coordination::EventLoop> loop_;  // last: its thread uses the members above
};

}  // namespace partita::broker
