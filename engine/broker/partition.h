// Partition: this broker's replica of one topic partition — its log plus the replication state Kafka keeps
// per partition: as leader, the leader epoch, replicas, ISR, each follower's log end offset and the high
// watermark (HW = min LEO over the ISR, never moving back); as follower, the leader to fetch from and the HW
// the leader last reported. Produce appends and consumer reads are served only by the leader.
// ISR changes are decided here but written to ZooKeeper by the owner (an IsrChange is returned to the caller,
// who commits it and calls ApplyIsr): until committed, a shrink does not lower the set the HW waits for and an
// expansion already counts the joining replica (Kafka's "maximal ISR"), so the HW never passes an offset that
// the committed ISR has not replicated.
// Transactions (KIP-98): transactional batches open a transaction in the producer state; AppendTxnMarker (the
// WriteTxnMarkers path) appends a COMMIT/ABORT control batch that closes it, fenced on producer and coordinator
// epochs; an ABORT writes a .txnindex entry. Followers learn both through AppendAsFollower, which does the same
// bookkeeping. The last stable offset LastStableOffset() = min(HW, first offset of every open or not yet
// replicated transaction) bounds read_committed reads, which also get the aborted transactions of their range.
// As a follower it is the replica fetcher's FollowerLog. Time comes from an injected Clock (replica.lag.time.max.ms
// windows, producer expiry), so every rule here is unit-tested step by step.
// Thread safety: thread-safe. The log serializes its own writes; replication state is guarded by mu_ and the
// high watermark is also published atomically for lock-free reads.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/broker/producer_state.h"
#include "engine/broker/topic_settings.h"
#include "engine/common/clock.h"
#include "engine/common/types.h"
#include "engine/protocol/error_code.h"
#include "engine/replication/follower_log.h"
#include "engine/storage/log.h"

namespace partita::broker {

struct PartitionAppend {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  std::string message;
  storage::AppendInfo info;
};

// Who appends: a client's Produce, or the broker's own coordinator (transactional offset commits carry a
// producer id and epoch but no sequence numbers; Kafka's AppendOrigin).
enum class AppendOrigin { kClient, kCoordinator };

enum class IsolationLevel : int8_t { kReadUncommitted = 0, kReadCommitted = 1 };  // Fetch/ListOffsets wire values

struct PartitionRead {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  storage::ReadResult data;
  Offset high_watermark{0};
  Offset last_stable_offset{0};
  // read_committed only: the aborted transactions overlapping the returned batches (Kafka's
  // collectAbortedTransactions); empty for read_uncommitted and follower reads.
  std::vector<storage::AbortedTxn> aborted_transactions;
  Offset log_start_offset{0};
  Offset log_end_offset{0};
};

// A proposed ISR for the partition state in ZooKeeper (written conditionally on zk_version).
struct IsrChange {
  TopicPartition tp;
  int32_t leader = -1;
  int32_t leader_epoch = 0;
  int32_t controller_epoch = 0;
  std::vector<int32_t> isr;
  int32_t zk_version = -1;
};

// The leader's answer to OffsetForLeaderEpoch for one partition.
struct EpochEndOffsetAnswer {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  replication::EpochEndOffset epoch_end;
};

// A follower's fetch session as its leader sees it (issue 11): a session fetch reads only the partitions that
// changed, so the follower's latest fetch time is kept once per session instead of in every partition. Written
// by the fetch handler when a fetch of the session begins; read by the ISR shrink check.
struct FollowerSessionClock {
  std::atomic<int64_t> last_fetch_ms{0};
};

class Partition final : public replication::FollowerLog {
 public:
  // `clock` must outlive the partition.
  Partition(TopicPartition tp, BrokerId self, std::shared_ptr<storage::Log> log, TopicSettings settings,
            const Clock& clock = SystemClock());

  const TopicPartition& topic_partition() const override { return tp_; }
  storage::Log* log() const { return log_.get(); }

  // Makes this replica the leader at `epoch` (state read from ZooKeeper at `zk_version`). The HW starts at the
  // checkpointed value (bounded by the log end) and only advances from there.
  void BecomeLeader(LeaderEpoch epoch, int32_t controller_epoch, std::vector<int32_t> replicas,
                    std::vector<int32_t> isr, int32_t zk_version, Offset checkpointed_hw);
  // Makes this replica a follower of `leader` at `epoch`.
  void BecomeFollower(int32_t leader, LeaderEpoch epoch, std::vector<int32_t> replicas, Offset checkpointed_hw);
  // The state node changed at the same leader epoch (our own ISR write, or a reassignment's replica list).
  void UpdateLeaderState(std::vector<int32_t> replicas, std::vector<int32_t> isr, int32_t zk_version);
  // An ISR change was committed to ZooKeeper.
  void ApplyIsr(const IsrChange& committed, int32_t new_zk_version);
  // A proposed change failed (fenced or stale): forget it so it can be proposed again.
  void AbandonIsrChange();
  // This broker no longer hosts the replica (reassigned away, topic deleted; Kafka's Partition.delete): it
  // neither leads nor follows from now on, so whoever still holds it — an acks=all produce parked in the
  // purgatory, a produce between its leader check and its append — gets NOT_LEADER_OR_FOLLOWER, and the
  // client retries at the new leader at once instead of waiting for its request timeout.
  void Stop();
  void UpdateSettings(TopicSettings settings);

  bool IsLeader() const;
  int32_t leader() const;
  LeaderEpoch leader_epoch() const;
  std::vector<int32_t> isr() const;
  bool IsInIsr(int32_t replica) const;  // leader's committed ISR
  std::vector<int32_t> replicas() const;
  TopicSettings settings() const;

  // Validates and appends a produce request's records as the leader. `acks` is -1, 0 or 1. acks=all is refused
  // with NOT_ENOUGH_REPLICAS while the ISR is smaller than min.insync.replicas.
  // txn_verification (KIP-890, see StartTxnVerification): nullopt appends without verification (it is off, or
  // the writer is a coordinator); otherwise a producer's transactional batch that opens a transaction here is
  // appended only with the guard its verification got — else INVALID_TXN_STATE, nothing appended.
  PartitionAppend AppendAsLeader(std::span<const uint8_t> records, int16_t acks,
                                 AppendOrigin origin = AppendOrigin::kClient,
                                 std::optional<uint64_t> txn_verification = std::nullopt);
  // Leader, KIP-890 part 1 (transaction verification): a transactional batch that would open a transaction on
  // this partition — its producer has none here at that epoch — may only be appended once the transaction
  // coordinator confirmed that the partition is in the producer's ongoing transaction. Without that, a batch
  // delayed past its transaction's abort marker opens a transaction no coordinator knows of, and the LSO hangs
  // there for good. Returns nullopt when no verification is needed, else the guard to verify with and to pass to
  // AppendAsLeader. Appending any transactional batch or marker of that producer voids the guard, so a marker
  // written between the coordinator's answer and the append makes the append fail instead of hang.
  std::optional<uint64_t> StartTxnVerification(int64_t producer_id, int16_t producer_epoch);
  // Leader, WriteTxnMarkers: appends the COMMIT (commit = true) or ABORT marker of producer_id's transaction
  // (Kafka's appendRecordsToLeader with origin COORDINATOR, as with acks=all: NOT_ENOUGH_REPLICAS below
  // min.insync.replicas). Fencing as Kafka's ProducerAppendInfo: INVALID_PRODUCER_EPOCH for an epoch older than
  // the producer's, TRANSACTION_COORDINATOR_FENCED for an older coordinator epoch. A marker for a producer
  // without an open transaction is appended too (the coordinator may retry), and changes nothing but epochs.
  // The caller waits for the HW to pass info.last_offset (CheckEnoughReplicasReachOffset) before answering.
  PartitionAppend AppendTxnMarker(int64_t producer_id, int16_t producer_epoch, int32_t coordinator_epoch,
                                  bool commit);
  // Leader, acks=all: has the batch ending before `required_offset` been replicated? kNone: yes (the HW passed
  // it); kRequestTimedOut: not yet; NOT_ENOUGH_REPLICAS_AFTER_APPEND: the HW passed it but the ISR is now
  // below min.insync.replicas; NOT_LEADER_OR_FOLLOWER: leadership moved. Kafka's checkEnoughReplicasReachOffset.
  protocol::ErrorCode CheckEnoughReplicasReachOffset(int64_t required_offset) const;

  // Leader: OffsetForLeaderEpoch — the largest epoch <= `leader_epoch` in our log and where it ends (KIP-101/279),
  // after checking the caller's current_leader_epoch (-1: not given).
  EpochEndOffsetAnswer LastOffsetForLeaderEpoch(int32_t current_leader_epoch, int32_t leader_epoch) const;

  // Follower: appends batches fetched from the leader (offsets kept) and records their producers.
  Result<storage::AppendInfo> AppendAsFollower(std::span<const uint8_t> batches);
  // replication::FollowerLog. Truncation rebuilds the producer state to match.
  Status TruncateTo(Offset offset) override;
  Status TruncateFullyAndStartAt(Offset offset) override;
  Status AppendFetched(std::span<const uint8_t> batches) override { return AppendAsFollower(batches).status(); }
  std::optional<int32_t> LatestEpoch() const override { return log_->leader_epochs().LatestEpoch(); }
  std::optional<replication::EpochEndOffset> EndOffsetForEpoch(int32_t epoch) const override;
  // Writes the producer-state snapshot at the log end (clean shutdown), so a restart need not re-read the log.
  Status SnapshotProducerState();

  // Reads for a consumer (up to the HW, or the LSO for read_committed) or a follower (up to the LEO, isolation
  // ignored as in Kafka), starting at `offset`.
  PartitionRead Read(Offset offset, int32_t max_bytes, bool from_follower, bool min_one_batch,
                     int32_t current_leader_epoch,
                     IsolationLevel isolation = IsolationLevel::kReadUncommitted) const;

  // Leader: follower `replica` fetched at `fetch_offset` (its log end offset). Records its progress, advances
  // the HW, and returns an ISR expansion to commit when the follower caught up. `hw_moved` tells the caller to
  // wake requests waiting on the HW.
  // `session`: the follower's fetch session, whose fetches skip this partition while its change_stamp() stays
  // put; `session_previous_fetch_ms` is when the session fetched before this fetch. The follower was then at the
  // same offset and this log at the same end, so Kafka's per-fetch bookkeeping (lastFetchTimeMs, and
  // lastCaughtUpTimeMs while caught up) is exactly what it would have been had every fetch come here.
  std::optional<IsrChange> OnFollowerFetch(int32_t replica, Offset fetch_offset, int64_t now_ms, bool* hw_moved,
                                           const std::shared_ptr<const FollowerSessionClock>& session = nullptr,
                                           int64_t session_previous_fetch_ms = -1);
  // Leader: followers in the ISR that have not caught up to the leader's log end for max_lag_ms (Kafka's
  // replica.lag.time.max.ms) — the ISR shrink to commit, if any.
  std::optional<IsrChange> MaybeShrinkIsr(int64_t now_ms, int64_t max_lag_ms);

  // Follower: the leader's high watermark from a fetch response, bounded by our log end.
  void UpdateFollowerHighWatermark(Offset leader_hw) override;

  // Bumps on every change a read can see: the log end (appends, truncation), the high watermark (and with it the
  // last stable offset), leadership. Equal stamps: a fetch would read what it read before, apart from the log
  // start offset (retention moves it inside the log). A fetch session skips partitions whose stamp stayed put.
  uint64_t change_stamp() const { return change_stamp_.load(std::memory_order_acquire); }

  // True if a consumer (up to HW, or LSO for read_committed) or follower (up to LEO) would get data from `offset`.
  bool HasDataAfter(Offset offset, bool from_follower,
                    IsolationLevel isolation = IsolationLevel::kReadUncommitted) const;
  // A client's current_leader_epoch (-1: not given) against ours: FENCED_LEADER_EPOCH if older,
  // UNKNOWN_LEADER_EPOCH if newer (our metadata lags), NONE if equal.
  protocol::ErrorCode CheckLeaderEpoch(int32_t current_leader_epoch) const;

  Offset HighWatermark() const override { return Offset(high_watermark_.load(std::memory_order_acquire)); }
  // min(HW, first offset of every open or unreplicated transaction) — leader and follower alike.
  Offset LastStableOffset() const;
  // Open transactions (producer id, first offset), oldest first: DescribeProducers, the desktop app.
  std::vector<OngoingTxn> OngoingTransactions() const { return producers_.open_transactions().Ongoing(); }
  // The producers this replica knows (DescribeProducers, KIP-664), by producer id.
  std::vector<ProducerStateEntry> ActiveProducers() const;
  Offset LogEndOffset() const override { return log_->LogEndOffset(); }
  Offset LogStartOffset() const override { return log_->LogStartOffset(); }

 private:
  // HW = min LEO over the maximal ISR (committed ISR plus a pending expansion); returns true if it moved.
  bool MaybeAdvanceHighWatermarkLocked();
  // NOT_LEADER_OR_FOLLOWER unless this replica leads, then the KIP-320 epoch check of CheckLeaderEpochLocked.
  protocol::ErrorCode CheckServesAsLeader(int32_t current_leader_epoch) const;
  protocol::ErrorCode CheckLeaderEpochLocked(int32_t current_leader_epoch) const;
  IsrChange ProposalLocked(std::vector<int32_t> isr) const;
  void RecoverProducerState();  // append_mu_ held (or construction)
  // True while this replica leads at `epoch` (takes mu_; called with append_mu_ held).
  bool StillLeaderAt(LeaderEpoch epoch) const;
  // Publishes a new HW to the producer state's open transactions (drops those now replicated).
  void StoreHighWatermark(int64_t hw);
  // Writes an aborted transaction a marker completed to the log's .txnindex (append_mu_ held).
  Status RecordCompletedTxn(const std::optional<CompletedTxn>& txn);

  struct FollowerState {
    int64_t log_end_offset = -1;
    int64_t last_caught_up_ms = 0;  // last time its fetch reached the leader's log end (as of its previous fetch)
    int64_t last_fetch_leader_leo = -1;
    int64_t last_fetch_ms = 0;
    // The session of its last fetch here, and whether that fetch reached our log end: while so, each later
    // fetch of the session that skips this partition (nothing changed) finds it caught up again.
    std::shared_ptr<const FollowerSessionClock> session;
    bool caught_up_at_last_fetch = false;
  };
  // Kafka's lastCaughtUpTimeMs, counting the session fetches that skipped this partition.
  static int64_t LastCaughtUpMs(const FollowerState& f);
  void Changed() { change_stamp_.fetch_add(1, std::memory_order_acq_rel); }

  const TopicPartition tp_;
  const BrokerId self_;
  const std::shared_ptr<storage::Log> log_;
  const Clock& clock_;

  // Serializes appends with the idempotence checks that must see every earlier append (lock order: append_mu_
  // before mu_).
  mutable std::mutex append_mu_;
  ProducerStateManager producers_;  // guarded by append_mu_, except its thread-safe open_transactions()
  // KIP-890 verification guards by producer id (guarded by append_mu_); cleared when leadership changes.
  std::unordered_map<int64_t, uint64_t> txn_verification_guards_;
  uint64_t last_txn_verification_guard_ = 0;  // guarded by append_mu_

  mutable std::mutex mu_;
  TopicSettings settings_;
  // Written under mu_; read without it by IsLeader (a fetch checks thousands of partitions per round).
  std::atomic<bool> is_leader_{false};
  std::atomic<uint64_t> change_stamp_{1};  // next to is_leader_: a session fetch reads both for each partition
  int32_t leader_ = -1;
  LeaderEpoch leader_epoch_{-1};
  int32_t controller_epoch_ = 0;
  int64_t leader_epoch_start_offset_ = 0;
  std::vector<int32_t> replicas_;
  std::vector<int32_t> isr_;
  int32_t zk_version_ = -1;
  bool isr_change_pending_ = false;
  std::vector<int32_t> pending_isr_;  // valid while isr_change_pending_
  std::map<int32_t, FollowerState> followers_;
  std::atomic<int64_t> high_watermark_{0};
};

}  // namespace partita::broker
