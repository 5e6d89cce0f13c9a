// Transactional offset commits waiting for their marker (KIP-98): kept per producer, later commits of the same
// producer for the same group partition replace earlier ones, Take hands them over once and forgets them. And
// the group side of TxnOffsetCommit: who may commit (ValidateTxnOffsetCommit).
#include <QtTest>

#include "engine/group/group_coordinator.h"
#include "engine/group/pending_txn_offsets.h"

using namespace partita;
using namespace partita::group;

class TestPendingTxnOffsets : public QObject {
  Q_OBJECT
 private slots:
  void keptPerProducerUntilTaken() {
    PendingTxnOffsets pending;
    pending.Add(7, "g", {{"t", 0, {5, -1, "", 1}}, {"t", 1, {9, -1, "", 1}}});
    pending.Add(7, "g", {{"t", 0, {6, -1, "m", 2}}});  // replaces t-0
    pending.Add(8, "g", {{"t", 0, {100, -1, "", 3}}});
    QCOMPARE(pending.ProducerCount(), size_t{2});
    auto taken = pending.Take(7);
    QCOMPARE(taken.size(), size_t{2});
    QCOMPARE(taken[0].group_id, std::string("g"));
    QCOMPARE(taken[0].record.partition, 0);
    QCOMPARE(taken[0].record.value.offset, int64_t{6});
    QCOMPARE(taken[0].record.value.metadata, std::string("m"));
    QCOMPARE(taken[1].record.value.offset, int64_t{9});
    QVERIFY(pending.Take(7).empty());
    QCOMPARE(pending.Take(8).size(), size_t{1});
    QCOMPARE(pending.ProducerCount(), size_t{0});
  }

  // KIP-447: while a transaction holds an offset for a group partition, OffsetFetch with require_stable answers
  // UNSTABLE_OFFSET_COMMIT for it (listed or not: "all partitions" too), and without require_stable the last
  // committed offset; other partitions and groups are not affected; after the marker it is stable again.
  void requireStableSeesTransactionalOffsetsAsUnstable() {
    GroupCoordinator c(GroupConfig{}, [] { return int64_t{1000}; });
    QCOMPARE(c.ValidateTxnOffsetCommit("g", "", std::nullopt, -1), ErrorCode::kNone);
    c.LoadOffset("g", {"t", 0}, CommittedOffset{10, -1, "", 1000});
    c.LoadOffset("g", {"t", 1}, CommittedOffset{20, -1, "", 1000});
    PendingTxnOffsets pending;
    pending.Add(7, "g", {{"t", 0, {11, -1, "", 1000}}});
    QVERIFY(pending.HasPending("g", {"t", 0}));
    QVERIFY(!pending.HasPending("g", {"t", 1}));
    QVERIFY(!pending.HasPending("other", {"t", 0}));

    OffsetFetchArgs args{"g", std::vector<TopicPartitionKey>{{"t", 0}, {"t", 1}}};
    args.pending_txn = &pending;
    auto plain = c.OffsetFetch(args);
    QCOMPARE(plain.partitions.at(0).error, ErrorCode::kNone);
    QCOMPARE(plain.partitions.at(0).offset, int64_t{10});
    args.require_stable = true;
    auto stable = c.OffsetFetch(args);
    QCOMPARE(stable.partitions.at(0).error, ErrorCode::kUnstableOffsetCommit);
    QCOMPARE(stable.partitions.at(0).offset, int64_t{-1});
    QCOMPARE(stable.partitions.at(1).error, ErrorCode::kNone);
    QCOMPARE(stable.partitions.at(1).offset, int64_t{20});
    args.partitions.reset();  // all of the group's partitions
    auto all = c.OffsetFetch(args);
    QCOMPARE(all.partitions.size(), size_t{2});
    QCOMPARE(all.partitions.at(0).error, ErrorCode::kUnstableOffsetCommit);
    QCOMPARE(all.partitions.at(1).offset, int64_t{20});
    for (const auto& p : pending.Take(7)) c.LoadOffset(p.group_id, {p.record.topic, p.record.partition}, p.record.value);
    auto after = c.OffsetFetch(args);
    QCOMPARE(after.partitions.at(0).error, ErrorCode::kNone);
    QCOMPARE(after.partitions.at(0).offset, int64_t{11});
  }

  void whoMayCommitTransactionalOffsets() {
    GroupCoordinator c(GroupConfig{}, [] { return int64_t{1000}; });
    // A producer outside group management (no generation) may commit for an unknown group, which then exists.
    QCOMPARE(c.ValidateTxnOffsetCommit("g", "", std::nullopt, -1), ErrorCode::kNone);
    QVERIFY(c.StateOf("g").has_value());
    // A member of a generation this coordinator does not know is refused.
    QCOMPARE(c.ValidateTxnOffsetCommit("unknown", "m-1", std::nullopt, 3), ErrorCode::kIllegalGeneration);
    QCOMPARE(c.ValidateTxnOffsetCommit("", "", std::nullopt, -1), ErrorCode::kInvalidGroupId);
    // An unknown member of an existing (empty) group is refused as OffsetCommit would.
    QVERIFY(c.ValidateTxnOffsetCommit("g", "stranger", std::nullopt, 1) != ErrorCode::kNone);
  }
};

QTEST_GUILESS_MAIN(TestPendingTxnOffsets)
#include "test_pending_txn_offsets.moc"
