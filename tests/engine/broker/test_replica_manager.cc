// Unit tests of ReplicaManager's leader/follower transitions with the real purgatory: what happens to requests
// that still hold a partition (an acks=all produce parked until the high watermark passes its batch) when the
// partition stops being led here.
// Regression (issue 11, reassignmentUnderLoad): a reassignment [1,2] -> [2,3] completed while leader 1 had an
// acks=all produce parked; broker 1 dropped the replica (StopReplica) without it ceasing to lead, so the parked
// produce waited for a high watermark that could no longer move until its 30 s request timeout, and the
// idempotent producer (one request in flight) stalled that long.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

#include "engine/broker/replica_manager.h"
#include "engine/common/clock.h"
#include "engine/storage/log_manager.h"
#include "tests/engine/broker/partition_fixture.h"

using namespace partita;
using namespace partita::broker;
using namespace partita::broker::testing;
using protocol::ErrorCode;

namespace {

// What the produce handler's DelayedProduce waits for: CheckEnoughReplicasReachOffset leaving
// REQUEST_TIMED_OUT ("still waiting"). Records the answer it completed with.
class ParkedAcksAll : public DelayedOperation {
 public:
  ParkedAcksAll(std::shared_ptr<Partition> partition, int64_t required, int64_t deadline_ms)
      : DelayedOperation(deadline_ms), partition_(std::move(partition)), required_(required) {}
  std::atomic<bool> expired{false};
  std::atomic<ErrorCode> answer{ErrorCode::kRequestTimedOut};

 protected:
  bool CanComplete() override {
    return partition_->CheckEnoughReplicasReachOffset(required_) != ErrorCode::kRequestTimedOut;
  }
  void OnComplete(bool timed_out) override {
    expired = timed_out;
    answer = partition_->CheckEnoughReplicasReachOffset(required_);
  }

 private:
  std::shared_ptr<Partition> partition_;
  const int64_t required_;
};

}  // namespace

class TestReplicaManager : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    storage::LogManagerConfig cfg;
    cfg.log_dirs = {tmp_->path().toStdString() + "/logs"};
    cfg.broker_id = 1;
    cfg.cluster_id = "cluster";
    auto logs = storage::LogManager::Open(cfg);
    QVERIFY2(logs.ok(), logs.status().ToString().c_str());
    logs_ = std::move(*logs);
    replicas_ = std::make_unique<ReplicaManager>(BrokerId(1), logs_.get(), cfg.log_dirs);
  }
  void cleanup() {
    replicas_.reset();
    logs_.reset();
    tmp_.reset();
  }

  // Broker 1 leads t-0 with ISR [1,2]; an acks=all produce is parked (broker 2 has not fetched it). The
  // reassignment completes elsewhere (leader 2, replicas [2,3]) and broker 1 drops its replica: the parked
  // produce must answer NOT_LEADER_OR_FOLLOWER at once (Kafka's ReplicaManager.stopPartitions completes delayed
  // produces after Partition.delete), so that the producer retries at the new leader, not after its timeout.
  void stoppedLeaderAnswersParkedAcksAllAtOnce() {
    const TopicPartition tp{"t", PartitionId(0)};
    PartitionLeadership leadership{tp, LeaderEpoch(1), 1, 1, {1, 2}, {1, 2}, 0};
    QVERIFY(replicas_->BecomeLeader(leadership, TopicSettings{}).ok());
    std::shared_ptr<Partition> held = replicas_->Get(tp);  // what the produce handler keeps while it waits
    QVERIFY(held);
    QCOMPARE(Produce(*held, Values("a", 3)), ErrorCode::kNone);
    const int64_t required = held->LogEndOffset().value;
    QCOMPARE(held->CheckEnoughReplicasReachOffset(required), ErrorCode::kRequestTimedOut);

    auto parked = std::make_shared<ParkedAcksAll>(held, required, MonotonicMs() + 60000);
    replicas_->produce_purgatory().Watch(parked, {tp});
    QVERIFY(!parked->completed());

    replicas_->StopReplica(tp, /*delete_log=*/true);
    QVERIFY2(parked->completed(), "the parked acks=all produce still waits on a replica this broker dropped");
    QVERIFY(!parked->expired);
    QCOMPARE(parked->answer.load(), ErrorCode::kNotLeaderOrFollower);
    // A produce that fetched the partition before it was dropped is refused too.
    QCOMPARE(Produce(*held, Values("b", 1)), ErrorCode::kNotLeaderOrFollower);
    QVERIFY(!held->IsLeader());
  }

  // The same when the partition stays hosted but another broker leads (BecomeFollower): already the case, kept
  // so that both ways of losing leadership are pinned.
  void demotedLeaderAnswersParkedAcksAllAtOnce() {
    const TopicPartition tp{"t", PartitionId(0)};
    PartitionLeadership leadership{tp, LeaderEpoch(1), 1, 1, {1, 2}, {1, 2}, 0};
    QVERIFY(replicas_->BecomeLeader(leadership, TopicSettings{}).ok());
    std::shared_ptr<Partition> held = replicas_->Get(tp);
    QCOMPARE(Produce(*held, Values("a", 3)), ErrorCode::kNone);
    auto parked = std::make_shared<ParkedAcksAll>(held, held->LogEndOffset().value, MonotonicMs() + 60000);
    replicas_->produce_purgatory().Watch(parked, {tp});
    QVERIFY(!parked->completed());

    PartitionLeadership follower{tp, LeaderEpoch(2), 2, 1, {1, 2}, {2}, 1};
    QVERIFY(replicas_->BecomeFollower(follower, TopicSettings{}).ok());
    QVERIFY(parked->completed());
    QVERIFY(!parked->expired);
    QCOMPARE(parked->answer.load(), ErrorCode::kNotLeaderOrFollower);
  }

 private:
  std::unique_ptr<QTemporaryDir> tmp_;
  std::unique_ptr<storage::LogManager> logs_;
  std::unique_ptr<ReplicaManager> replicas_;
};

QTEST_GUILESS_MAIN(TestReplicaManager)
#include "test_replica_manager.moc"
