// Unit tests of the partition side of transactions (KIP-98) with real logs, a manual clock and fetch rounds
// done by hand: transactional batches and COMMIT/ABORT markers through Partition::AppendTxnMarker, their
// fencing, the last stable offset on leader and followers, read_committed reads with the aborted-transaction
// list, the .txnindex on leader and follower, and recovery of both after a restart without a snapshot.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"
#include "engine/storage/transaction_index.h"
#include "tests/engine/broker/partition_fixture.h"

using namespace partita;
using namespace partita::broker;
using namespace partita::broker::testing;
using protocol::ErrorCode;

namespace {

std::vector<uint8_t> TxnBatch(int64_t pid, int16_t epoch, int32_t seq, const std::vector<std::string>& values,
                              bool transactional = true) {
  protocol::BatchBuilder::Options o;
  o.producer_id = pid;
  o.producer_epoch = epoch;
  o.base_sequence = seq;
  o.transactional = transactional;
  protocol::BatchBuilder b(o);
  for (const auto& v : values) {
    b.Append(1000, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("k"), 1),
             std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(v.data()), v.size()));
  }
  auto built = b.Build();
  if (!built.ok()) qFatal("build: %s", built.status().ToString().c_str());
  return *built;
}

ErrorCode ProduceTxn(Partition& p, int64_t pid, int16_t epoch, int32_t seq, const std::vector<std::string>& values,
                     bool transactional = true) {
  return p.AppendAsLeader(TxnBatch(pid, epoch, seq, values, transactional), -1).error;
}

std::shared_ptr<Partition> SoleLeader(Replicas& r, int32_t id = 1) {
  auto p = r.Open(id);
  p->BecomeLeader(LeaderEpoch(1), 1, {id}, {id}, 0, Offset(-1));
  return p;
}

std::vector<std::string> CommittedValues(const Partition& p, Offset from = Offset(0)) {
  auto read = p.Read(from, 1 << 20, false, true, -1, IsolationLevel::kReadCommitted);
  std::vector<std::string> out;
  for (const auto& region : read.data.regions) {
    auto bytes = storage::testing::PreadAll(region.file->fd(), region.position, region.length);
    for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= bytes.size();) {
      const auto h = protocol::ReadBatchHeader(bytes.data() + pos);
      if (!h.control()) {
        (void)protocol::ForEachRecord(std::span<const uint8_t>(bytes.data() + pos, h.total_size()), nullptr,
                                      [&](const protocol::Record& rec) {
                                        out.emplace_back(rec.value->begin(), rec.value->end());
                                        return true;
                                      });
      }
      pos += h.total_size();
    }
  }
  return out;
}

std::vector<storage::AbortedTxn> AllAborted(const Partition& p) {
  return p.log()->CollectAbortedTxns(Offset(0), Offset(INT64_MAX));
}

}  // namespace

class TestPartitionTransactions : public QObject {
  Q_OBJECT
 private slots:
  void controlRecordFormatIsKafkas() {
    // Key: version 0, type 1 (COMMIT); value: version 0, coordinator epoch 7 (Kafka's EndTransactionMarker).
    QCOMPARE(protocol::EncodeControlKey(protocol::ControlRecordType::kCommit), (std::vector<uint8_t>{0, 0, 0, 1}));
    QCOMPARE(protocol::EncodeEndTxnMarkerValue(7), (std::vector<uint8_t>{0, 0, 0, 0, 0, 7}));
    auto batch = protocol::BuildEndTxnMarkerBatch(42, 3, {protocol::ControlRecordType::kAbort, 9}, 5000);
    QVERIFY(batch.ok());
    const auto h = protocol::ReadBatchHeader(batch->data());
    QVERIFY(h.control());
    QVERIFY(h.transactional());
    QCOMPARE(h.producer_id, int64_t(42));
    QCOMPARE(h.producer_epoch, int16_t(3));
    QCOMPARE(h.base_sequence, -1);
    QCOMPARE(protocol::ComputeBatchCrc(*batch), h.crc);
    auto marker = protocol::ReadEndTxnMarker(*batch);
    QVERIFY(marker.ok());
    QVERIFY(!marker->commit());
    QCOMPARE(marker->coordinator_epoch, 9);
    // Bad bytes are an error, never a crash.
    const std::vector<uint8_t> short_key{0, 0};
    QVERIFY(!protocol::DecodeEndTxnMarker(std::span<const uint8_t>(short_key), std::nullopt).ok());
    const std::vector<uint8_t> odd_type{0, 0, 0, 5}, value{0, 0, 0, 0, 0, 1};
    QVERIFY(!protocol::DecodeEndTxnMarker(std::span<const uint8_t>(odd_type), std::span<const uint8_t>(value)).ok());
    QVERIFY(!protocol::ReadEndTxnMarker(TxnBatch(1, 0, 0, {"x"})).ok());  // not a control batch
  }

  void commitCompletesTransactionAndMovesLso() {
    Replicas r;
    auto leader = SoleLeader(r);
    QCOMPARE(Produce(*leader, Values("plain", 2)), ErrorCode::kNone);          // offsets 0-1
    QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"t0", "t1"}), ErrorCode::kNone);  // 2-3
    QCOMPARE(Produce(*leader, Values("after", 1)), ErrorCode::kNone);          // 4
    QCOMPARE(leader->HighWatermark().value, 5);
    QCOMPARE(leader->LastStableOffset().value, 2);  // the open transaction holds it
    QCOMPARE(leader->OngoingTransactions().size(), size_t(1));
    QCOMPARE(leader->OngoingTransactions()[0].first_offset, int64_t(2));
    QCOMPARE(CommittedValues(*leader), (std::vector<std::string>{"plain-0", "plain-1"}));
    // Uncommitted readers see everything up to the HW.
    QCOMPARE(leader->Read(Offset(0), 1 << 20, false, true, -1).data.next_offset.value, 5);

    auto marker = leader->AppendTxnMarker(7, 0, 4, /*commit=*/true);
    QCOMPARE(marker.error, ErrorCode::kNone);
    QCOMPARE(marker.info.first_offset.value, 5);
    QCOMPARE(leader->HighWatermark().value, 6);
    QCOMPARE(leader->LastStableOffset().value, 6);
    QVERIFY(leader->OngoingTransactions().empty());
    QCOMPARE(CommittedValues(*leader), (std::vector<std::string>{"plain-0", "plain-1", "t0", "t1", "after-0"}));
    QVERIFY(AllAborted(*leader).empty());  // commits are not indexed
    QCOMPARE(leader->log()->leader_epochs().LatestEpoch().value_or(-1), 1);
  }

  // KIP-890 part 1: a transactional batch that would open its producer's transaction here needs the guard of a
  // verification; a marker written meanwhile voids it, so a batch delayed past its transaction's abort cannot
  // open a transaction no coordinator knows of (a hanging transaction, the LSO stuck for good).
  void transactionVerificationGuardsTheFirstBatch() {
    Replicas r;
    auto leader = SoleLeader(r);
    auto append = [&](int32_t seq, std::optional<uint64_t> guard) {
      return leader->AppendAsLeader(TxnBatch(7, 0, seq, {"t" + std::to_string(seq)}), -1, AppendOrigin::kClient, guard);
    };
    // Without a guard (verification on, none done) the first batch is refused and nothing is written.
    auto refused = append(0, 0);
    QCOMPARE(refused.error, ErrorCode::kInvalidTxnState);
    QCOMPARE(leader->LogEndOffset().value, 0);
    QVERIFY(leader->OngoingTransactions().empty());

    auto guard = leader->StartTxnVerification(7, 0);
    QVERIFY(guard.has_value());
    QCOMPARE(leader->StartTxnVerification(7, 0), guard);  // concurrent produces share it
    QVERIFY(append(0, *guard + 1).error == ErrorCode::kInvalidTxnState);  // another guard does not pass
    QCOMPARE(append(0, guard).error, ErrorCode::kNone);
    QCOMPARE(leader->OngoingTransactions().size(), size_t(1));
    // Inside the open transaction no verification is needed, and none is asked for.
    QVERIFY(!leader->StartTxnVerification(7, 0).has_value());
    QCOMPARE(append(1, 0).error, ErrorCode::kNone);
    // A newer epoch of the producer is a new transaction: verified again.
    QVERIFY(leader->StartTxnVerification(7, 1).has_value());

    // The transaction ends; a verification obtained before the marker does not let a late batch reopen it.
    auto next = leader->StartTxnVerification(7, 0);
    QVERIFY(!next.has_value());  // still open at epoch 0 until the marker
    QCOMPARE(leader->AppendTxnMarker(7, 0, 1, /*commit=*/false).error, ErrorCode::kNone);
    auto late_guard = leader->StartTxnVerification(7, 0);
    QVERIFY(late_guard.has_value());
    QCOMPARE(leader->AppendTxnMarker(7, 0, 1, /*commit=*/false).error, ErrorCode::kNone);  // a retried marker
    const int64_t end = leader->LogEndOffset().value;
    QCOMPARE(append(2, late_guard).error, ErrorCode::kInvalidTxnState);
    QCOMPARE(leader->LogEndOffset().value, end);
    QVERIFY(leader->OngoingTransactions().empty());
    QCOMPARE(leader->LastStableOffset().value, leader->HighWatermark().value);

    // Verification off (nullopt): appended as before.
    QCOMPARE(append(2, std::nullopt).error, ErrorCode::kNone);
    // A leadership change starts verifications over.
    auto before = leader->StartTxnVerification(8, 0);
    leader->BecomeLeader(LeaderEpoch(2), 1, {1}, {1}, 0, Offset(-1));
    QVERIFY(leader->AppendAsLeader(TxnBatch(8, 0, 0, {"x"}), -1, AppendOrigin::kClient, before).error ==
            ErrorCode::kInvalidTxnState);
  }

  void abortIsIndexedAndReportedToReadCommitted() {
    Replicas r;
    auto leader = SoleLeader(r);
    QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0", "a1"}), ErrorCode::kNone);  // 0-1, aborted below
    QCOMPARE(ProduceTxn(*leader, 8, 0, 0, {"b0"}), ErrorCode::kNone);        // 2, still open at the abort
    QCOMPARE(ProduceTxn(*leader, 7, 0, 2, {"a2"}), ErrorCode::kNone);        // 3
    QCOMPARE(leader->AppendTxnMarker(7, 0, 1, /*commit=*/false).error, ErrorCode::kNone);  // 4
    QCOMPARE(leader->LastStableOffset().value, 2);  // producer 8 still open
    const auto aborted = AllAborted(*leader);
    QCOMPARE(aborted.size(), size_t(1));
    // lastStableOffset of the entry: producer 8's open transaction starts at 2 (Kafka's lastStableOffset(txn)).
    QCOMPARE(aborted[0], (storage::AbortedTxn{0, 7, 0, 4, 2}));
    QCOMPARE(leader->AppendTxnMarker(8, 0, 1, /*commit=*/true).error, ErrorCode::kNone);  // 5
    QCOMPARE(leader->LastStableOffset().value, 6);

    auto read = leader->Read(Offset(0), 1 << 20, false, true, -1, IsolationLevel::kReadCommitted);
    QCOMPARE(read.error, ErrorCode::kNone);
    QCOMPARE(read.last_stable_offset.value, 6);
    QCOMPARE(read.aborted_transactions.size(), size_t(1));
    QCOMPARE(read.aborted_transactions[0].producer_id, int64_t(7));
    QCOMPARE(read.aborted_transactions[0].first_offset, int64_t(0));
    // A fetch past the aborted transaction gets no entry; uncommitted readers never get any.
    QVERIFY(leader->Read(Offset(5), 1 << 20, false, true, -1, IsolationLevel::kReadCommitted)
                .aborted_transactions.empty());
    QVERIFY(leader->Read(Offset(0), 1 << 20, false, true, -1).aborted_transactions.empty());
    // The .txnindex is Kafka's file: one 34-byte entry in the segment holding the marker.
    const std::string path = leader->log()->dir() + "/00000000000000000000.txnindex";
    QCOMPARE(std::filesystem::file_size(path), std::uintmax_t(34));
    auto on_disk = storage::ReadTransactionIndexFile(path);
    QVERIFY(on_disk.ok());
    QCOMPARE(*on_disk, aborted);
  }

  void markersAreFencedByEpochs() {
    Replicas r;
    auto leader = SoleLeader(r);
    QCOMPARE(ProduceTxn(*leader, 7, 3, 0, {"x"}), ErrorCode::kNone);
    // Kafka's ProducerAppendInfo: an older producer epoch is INVALID_PRODUCER_EPOCH (KIP-588), nothing appended.
    QCOMPARE(leader->AppendTxnMarker(7, 2, 5, true).error, ErrorCode::kInvalidProducerEpoch);
    QCOMPARE(leader->LogEndOffset().value, 1);
    QCOMPARE(leader->LastStableOffset().value, 0);
    QCOMPARE(leader->AppendTxnMarker(7, 3, 5, false).error, ErrorCode::kNone);
    QCOMPARE(leader->LastStableOffset().value, 2);
    // A later marker from an older coordinator is fenced; a newer producer epoch (the coordinator's bump of
    // a timed-out transaction) is accepted.
    QCOMPARE(leader->AppendTxnMarker(7, 3, 4, false).error, ErrorCode::kTransactionCoordinatorFenced);
    QCOMPARE(leader->AppendTxnMarker(7, 4, 5, false).error, ErrorCode::kNone);
    QCOMPARE(leader->log()->LogEndOffset().value, 3);
    // Data of an older epoch is refused too.
    QCOMPARE(ProduceTxn(*leader, 7, 3, 1, {"y"}), ErrorCode::kInvalidProducerEpoch);
    // Not the leader: nothing appended.
    auto follower = r.Open(2);
    follower->BecomeFollower(1, LeaderEpoch(1), {1, 2}, Offset(-1));
    QCOMPARE(follower->AppendTxnMarker(7, 4, 5, true).error, ErrorCode::kNotLeaderOrFollower);
  }

  void nonTransactionalWriteInsideTransactionIsRefused() {
    Replicas r;
    auto leader = SoleLeader(r);
    QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"x"}), ErrorCode::kNone);
    QCOMPARE(ProduceTxn(*leader, 7, 0, 1, {"y"}, /*transactional=*/false), ErrorCode::kInvalidTxnState);
    // A transactional batch without a producer id is not valid at all.
    QCOMPARE(ProduceTxn(*leader, -1, -1, -1, {"z"}), ErrorCode::kInvalidRecord);
    QCOMPARE(leader->LogEndOffset().value, 1);
  }

  void markerWaitsForMinIsr() {
    Replicas r(/*min_insync=*/2);
    auto leader = r.Open(1);
    leader->BecomeLeader(LeaderEpoch(1), 1, {1, 2}, {1}, 0, Offset(-1));
    QCOMPARE(leader->AppendTxnMarker(7, 0, 0, true).error, ErrorCode::kNotEnoughReplicas);
  }

  void followersLearnTransactionsByReplication() {
    Replicas r;
    auto leader = r.Open(1);
    leader->BecomeLeader(LeaderEpoch(1), 1, {1, 2}, {1, 2}, 0, Offset(-1));
    auto follower = r.Open(2);
    follower->BecomeFollower(1, LeaderEpoch(1), {1, 2}, Offset(-1));
    QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0", "a1"}), ErrorCode::kNone);  // 0-1
    QCOMPARE(leader->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);  // 2
    QCOMPARE(ProduceTxn(*leader, 9, 0, 0, {"c0"}), ErrorCode::kNone);  // 3, open
    // Before the follower has the marker, the HW is below it: the aborted transaction is not stable yet.
    QCOMPARE(leader->HighWatermark().value, 0);
    QCOMPARE(leader->LastStableOffset().value, 0);
    QVERIFY(FetchRound(*leader, *follower, 2, r.clock));  // gets 0-3
    bool moved = false;
    (void)leader->OnFollowerFetch(2, Offset(2), r.clock.MonotonicMs(), &moved);
    QCOMPARE(leader->HighWatermark().value, 2);
    QCOMPARE(leader->LastStableOffset().value, 0);  // the marker (offset 2) is not below the HW yet
    QVERIFY(FetchRound(*leader, *follower, 2, r.clock));
    QCOMPARE(leader->HighWatermark().value, 4);
    QCOMPARE(leader->LastStableOffset().value, 3);  // producer 9's transaction
    QCOMPARE(follower->HighWatermark().value, 4);
    QCOMPARE(follower->LastStableOffset().value, 3);
    QCOMPARE(AllAborted(*follower), AllAborted(*leader));
    QCOMPARE(AllAborted(*follower).size(), size_t(1));
    QCOMPARE(follower->OngoingTransactions(), leader->OngoingTransactions());

    // After a failover the new leader ends the open transaction and serves read_committed.
    follower->BecomeLeader(LeaderEpoch(2), 1, {1, 2}, {2}, 1, Offset(-1));
    QCOMPARE(follower->AppendTxnMarker(9, 0, 1, true).error, ErrorCode::kNone);
    QCOMPARE(follower->LastStableOffset().value, 5);
    QCOMPARE(CommittedValues(*follower).size(), size_t(3));  // a0 a1 (aborted, filtered by the client) and c0
    auto read = follower->Read(Offset(0), 1 << 20, false, true, -1, IsolationLevel::kReadCommitted);
    QCOMPARE(read.aborted_transactions.size(), size_t(1));
  }

  void truncationDropsIndexEntriesAndReopensTransactions() {
    Replicas r;
    auto leader = r.Open(1);
    leader->BecomeLeader(LeaderEpoch(1), 1, {1, 2}, {1, 2}, 0, Offset(-1));
    auto follower = r.Open(2);
    follower->BecomeFollower(1, LeaderEpoch(1), {1, 2}, Offset(-1));
    QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0"}), ErrorCode::kNone);  // 0
    QCOMPARE(leader->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);  // 1
    QVERIFY(FetchRound(*leader, *follower, 2, r.clock));
    QCOMPARE(AllAborted(*follower).size(), size_t(1));
    QVERIFY(follower->TruncateTo(Offset(1)).ok());  // the marker goes: the transaction is open again
    QVERIFY(AllAborted(*follower).empty());
    QCOMPARE(follower->OngoingTransactions().size(), size_t(1));
    QCOMPARE(follower->LastStableOffset().value, 0);
  }

  void recoveryRebuildsLsoAndIndex() {
    Replicas r;
    std::string dir;
    {
      auto leader = SoleLeader(r);
      dir = leader->log()->dir();
      QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0"}), ErrorCode::kNone);           // 0
      QCOMPARE(ProduceTxn(*leader, 8, 0, 0, {"b0"}), ErrorCode::kNone);           // 1, stays open
      QCOMPARE(leader->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);  // 2
      QCOMPARE(Produce(*leader, Values("p", 1)), ErrorCode::kNone);               // 3
      // kill -9: no producer snapshot was written; the .txnindex entry is lost as if never written.
    }
    std::filesystem::remove(dir + "/00000000000000000000.txnindex");
    auto reopened = r.Open(1, /*clean_shutdown=*/false);
    reopened->BecomeLeader(LeaderEpoch(2), 1, {1}, {1}, 0, Offset(4));
    QCOMPARE(reopened->HighWatermark().value, 4);
    QCOMPARE(reopened->LastStableOffset().value, 1);  // producer 8's transaction, found by replaying the log
    QCOMPARE(AllAborted(*reopened), (std::vector<storage::AbortedTxn>{{0, 7, 0, 2, 1}}));
    QCOMPARE(reopened->AppendTxnMarker(8, 0, 1, true).error, ErrorCode::kNone);
    QCOMPARE(reopened->LastStableOffset().value, 5);
  }

  void flushedEntriesSurviveWhenReplayCannotRederiveThem() {
    Replicas r;
    std::string dir;
    {
      auto leader = SoleLeader(r);
      dir = leader->log()->dir();
      QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0"}), ErrorCode::kNone);           // 0
      QCOMPARE(leader->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);  // 1
      QCOMPARE(Produce(*leader, Values("p", 2)), ErrorCode::kNone);               // 2-3
      QVERIFY(leader->log()->Flush().ok());  // recovery point 4: the entry is durable
      // DeleteRecords past the transaction's first offset: a replay from the log start no longer sees it begin.
      QVERIFY(leader->log()->DeleteRecordsBefore(Offset(1)).ok());
    }
    // Clean open (recovery point = log end), no snapshot: the replay from the log start must not drop the
    // entry it cannot re-derive.
    auto reopened = r.Open(1, /*clean_shutdown=*/true, /*log_start_offset=*/1);
    QCOMPARE(reopened->LogStartOffset().value, 1);
    QCOMPARE(AllAborted(*reopened), (std::vector<storage::AbortedTxn>{{0, 7, 0, 1, 2}}));
  }

  void snapshotCarriesOpenTransactions() {
    Replicas r;
    {
      auto leader = SoleLeader(r);
      QCOMPARE(Produce(*leader, Values("p", 2)), ErrorCode::kNone);        // 0-1
      QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0"}), ErrorCode::kNone);  // 2, open
      QVERIFY(leader->SnapshotProducerState().ok());
    }
    auto reopened = r.Open(1);
    // The snapshot at offset 3 is the whole state: the open transaction comes from currentTxnFirstOffset.
    reopened->BecomeLeader(LeaderEpoch(2), 1, {1}, {1}, 0, Offset(3));
    QCOMPARE(reopened->LastStableOffset().value, 2);
    QCOMPARE(reopened->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);
    QCOMPARE(AllAborted(*reopened), (std::vector<storage::AbortedTxn>{{0, 7, 2, 3, 4}}));
  }

  void corruptIndexIsRebuiltFromTheWholeLog() {
    Replicas r;
    std::string dir;
    {
      auto leader = SoleLeader(r);
      dir = leader->log()->dir();
      QCOMPARE(ProduceTxn(*leader, 7, 0, 0, {"a0"}), ErrorCode::kNone);
      QCOMPARE(leader->AppendTxnMarker(7, 0, 1, false).error, ErrorCode::kNone);
      QVERIFY(leader->SnapshotProducerState().ok());  // the snapshot is past the abort
    }
    {
      std::ofstream f(dir + "/00000000000000000000.txnindex", std::ios::binary | std::ios::trunc);
      const char bad[34] = {0, 9};  // version 9: Kafka refuses it
      f.write(bad, sizeof bad);
    }
    auto reopened = r.Open(1);
    QCOMPARE(AllAborted(*reopened), (std::vector<storage::AbortedTxn>{{0, 7, 0, 1, 2}}));
  }
};

QTEST_GUILESS_MAIN(TestPartitionTransactions)
#include "test_partition_transactions.moc"
