// Unit tests for the leader-side idempotence rules of ProducerStateManager (no files involved).
#include <QtTest>

#include <climits>

#include "engine/broker/producer_state.h"

using namespace partita;
using namespace partita::broker;
using protocol::BatchHeader;
using protocol::ErrorCode;
using Kind = AppendCheck::Kind;

namespace {

BatchHeader Batch(int64_t pid, int16_t epoch, int32_t seq, int32_t records, int64_t ts = 1000) {
  BatchHeader h;
  h.producer_id = pid;
  h.producer_epoch = epoch;
  h.base_sequence = seq;
  h.records_count = records;
  h.last_offset_delta = records - 1;
  h.base_timestamp = ts;
  h.max_timestamp = ts;
  return h;
}

AppendCheck Check(const ProducerStateManager& m, const BatchHeader& h) {
  auto r = m.CheckBatch(h);
  if (!r.ok()) qFatal("CheckBatch failed: %s", r.status().ToString().c_str());
  return *r;
}

// Checks and, if accepted, "appends" at next_offset as the partition would; returns the check.
AppendCheck Produce(ProducerStateManager& m, BatchHeader h, int64_t& next_offset) {
  AppendCheck c = Check(m, h);
  if (c.kind == Kind::kAppend) {
    h.base_offset = next_offset;
    m.OnAppended(h, h.last_offset(), h.max_timestamp);
    next_offset = h.last_offset() + 1;
  }
  return c;
}

}  // namespace

class TestProducerState : public QObject {
  Q_OBJECT
 private slots:
  void sequenceArithmeticWraps() {
    QCOMPARE(IncrementSequence(0, 4), 4);
    QCOMPARE(IncrementSequence(INT32_MAX, 1), 0);
    QCOMPARE(IncrementSequence(INT32_MAX - 1, 3), 1);
    QCOMPARE(IncrementSequence(INT32_MAX - 3, 3), INT32_MAX);
    QCOMPARE(DecrementSequence(1, 3), INT32_MAX - 1);
    QCOMPARE(DecrementSequence(0, 1), INT32_MAX);
    QCOMPARE(DecrementSequence(10, 4), 6);
  }

  void nonIdempotentBatchesAreAlwaysAppended() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    for (int i = 0; i < 3; ++i) QCOMPARE(Produce(m, Batch(-1, -1, -1, 5), next).kind, Kind::kAppend);
    QCOMPARE(m.producer_count(), size_t(0));
  }

  void unknownProducerMustStartAtZero() {
    ProducerStateManager m("/nonexistent");
    const AppendCheck c = Check(m, Batch(7, 0, 5, 1));
    QCOMPARE(c.kind, Kind::kError);
    QCOMPARE(c.error, ErrorCode::kUnknownProducerId);
    QVERIFY(!c.message.empty());
    QCOMPARE(Check(m, Batch(7, 0, 0, 1)).kind, Kind::kAppend);
  }

  void missingSequenceIsInvalidRecord() {
    ProducerStateManager m("/nonexistent");
    const AppendCheck c = Check(m, Batch(7, 0, -1, 1));
    QCOMPARE(c.kind, Kind::kError);
    QCOMPARE(c.error, ErrorCode::kInvalidRecord);
  }

  void inSequenceBatchesAppendAndGapIsOutOfOrder() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(1, 0, 0, 3), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(1, 0, 3, 2), next).kind, Kind::kAppend);
    QCOMPARE(next, 5);
    const AppendCheck gap = Check(m, Batch(1, 0, 6, 1));  // expected 5
    QCOMPARE(gap.kind, Kind::kError);
    QCOMPARE(gap.error, ErrorCode::kOutOfOrderSequenceNumber);
    QVERIFY(gap.message.find("expected 5") != std::string::npos);
    // An overlapping batch that is not one we stored is out of order, not a duplicate.
    QCOMPARE(Check(m, Batch(1, 0, 4, 1)).error, ErrorCode::kOutOfOrderSequenceNumber);
    QCOMPARE(Produce(m, Batch(1, 0, 5, 1), next).kind, Kind::kAppend);
    const ProducerStateEntry* e = m.Find(1);
    QVERIFY(e != nullptr);
    QCOMPARE(e->last_sequence(), 5);
    QCOMPARE(e->last_data_offset(), 5);
  }

  void duplicateOfEachOfTheLastFiveBatches() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 100;  // another producer's data first, so offsets differ from sequences
    QCOMPARE(Produce(m, Batch(-1, -1, -1, 4), next).kind, Kind::kAppend);
    std::vector<std::pair<BatchHeader, int64_t>> sent;  // batch, its base offset
    int32_t seq = 0;
    for (int i = 0; i < 7; ++i) {
      const BatchHeader h = Batch(42, 3, seq, 2 + i, 5000 + i);
      const int64_t base = next;
      QCOMPARE(Produce(m, h, next).kind, Kind::kAppend);
      sent.emplace_back(h, base);
      seq += 2 + i;
    }
    // Batches 2..6 are the last five: each retry is a duplicate answered with its original offsets.
    for (int i = 2; i < 7; ++i) {
      const AppendCheck c = Check(m, sent[i].first);
      QCOMPARE(c.kind, Kind::kDuplicate);
      QCOMPARE(c.duplicate_base_offset, sent[i].second);
      QCOMPARE(c.duplicate_last_offset, sent[i].second + 1 + i);
      QCOMPARE(c.duplicate_timestamp, int64_t(5000 + i));
    }
    // Older than the last five: Kafka can no longer tell, and answers OUT_OF_ORDER_SEQUENCE_NUMBER.
    for (int i = 0; i < 2; ++i) {
      const AppendCheck c = Check(m, sent[i].first);
      QCOMPARE(c.kind, Kind::kError);
      QCOMPARE(c.error, ErrorCode::kOutOfOrderSequenceNumber);
    }
    // A duplicate does not change the state: the next sequence still appends.
    QCOMPARE(Produce(m, Batch(42, 3, seq, 1), next).kind, Kind::kAppend);
    QCOMPARE(m.Find(42)->batches.size(), kProducerBatchesToRetain);
  }

  void sameSequencesWithDifferentLengthIsNotADuplicate() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(1, 0, 0, 3), next).kind, Kind::kAppend);
    QCOMPARE(Check(m, Batch(1, 0, 0, 3)).kind, Kind::kDuplicate);
    QCOMPARE(Check(m, Batch(1, 0, 0, 2)).error, ErrorCode::kOutOfOrderSequenceNumber);
  }

  void epochBumpRestartsAtZero() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(9, 0, 0, 5), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(9, 0, 5, 5), next).kind, Kind::kAppend);
    // A new epoch that does not start at 0 is out of order.
    const AppendCheck bad = Check(m, Batch(9, 1, 10, 1));
    QCOMPARE(bad.kind, Kind::kError);
    QCOMPARE(bad.error, ErrorCode::kOutOfOrderSequenceNumber);
    QCOMPARE(Produce(m, Batch(9, 1, 0, 2), next).kind, Kind::kAppend);
    QCOMPARE(m.Find(9)->epoch, int16_t(1));
    QCOMPARE(m.Find(9)->batches.size(), size_t(1));  // the old epoch's batches are forgotten
    QCOMPARE(Produce(m, Batch(9, 1, 2, 1), next).kind, Kind::kAppend);
  }

  void olderEpochIsFenced() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(9, 0, 0, 1), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(9, 2, 0, 1), next).kind, Kind::kAppend);
    // The zombie with epoch 0, even retrying a batch it really wrote, is fenced.
    for (const BatchHeader& h : {Batch(9, 0, 0, 1), Batch(9, 0, 1, 1), Batch(9, 1, 0, 1)}) {
      const AppendCheck c = Check(m, h);
      QCOMPARE(c.kind, Kind::kError);
      QCOMPARE(c.error, ErrorCode::kInvalidProducerEpoch);
    }
    QCOMPARE(next, 2);
  }

  void sequenceWrapsAroundAtInt32Max() {
    ProducerStateManager m("/nonexistent");
    // Bring the producer near the wrap with replicated batches (no checks), as after a long life.
    BatchHeader h = Batch(5, 0, INT32_MAX - 4, 3);  // sequences MAX-4 .. MAX-2
    h.base_offset = 1000;
    m.OnFollowerAppend(h);
    int64_t next = 1003;
    // A batch spanning the wrap: MAX-1, MAX, 0, 1.
    const BatchHeader spanning = Batch(5, 0, INT32_MAX - 1, 4);
    QCOMPARE(Produce(m, spanning, next).kind, Kind::kAppend);
    QCOMPARE(m.Find(5)->last_sequence(), 1);
    const AppendCheck dup = Check(m, spanning);
    QCOMPARE(dup.kind, Kind::kDuplicate);
    QCOMPARE(dup.duplicate_base_offset, int64_t(1003));
    QCOMPARE(Check(m, Batch(5, 0, 3, 1)).error, ErrorCode::kOutOfOrderSequenceNumber);
    QCOMPARE(Produce(m, Batch(5, 0, 2, 1), next).kind, Kind::kAppend);

    // Exactly at the boundary: last sequence INT32_MAX is followed by 0.
    ProducerStateManager m2("/nonexistent");
    BatchHeader end = Batch(6, 0, INT32_MAX - 1, 2);
    m2.OnFollowerAppend(end);
    QCOMPARE(m2.Find(6)->last_sequence(), INT32_MAX);
    QCOMPARE(Check(m2, Batch(6, 0, 0, 1)).kind, Kind::kAppend);
    QCOMPARE(Check(m2, Batch(6, 0, 1, 1)).error, ErrorCode::kOutOfOrderSequenceNumber);
  }

  void producersAreIndependent() {
    ProducerStateManager m("/nonexistent");
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(1, 0, 0, 1), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(2, 0, 0, 1), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(1, 0, 1, 1), next).kind, Kind::kAppend);
    QCOMPARE(Check(m, Batch(2, 0, 0, 1)).duplicate_base_offset, int64_t(1));
    QCOMPARE(Check(m, Batch(1, 0, 0, 1)).duplicate_base_offset, int64_t(0));
  }

  void followerAppendDoesNotCheck() {
    ProducerStateManager m("/nonexistent");
    BatchHeader h = Batch(3, 4, 17, 2);  // unknown producer, non-zero sequence: a leader would refuse
    h.base_offset = 50;
    m.OnFollowerAppend(h);
    const ProducerStateEntry* e = m.Find(3);
    QVERIFY(e != nullptr);
    QCOMPARE(e->epoch, int16_t(4));
    QCOMPARE(e->last_sequence(), 18);
    QCOMPARE(e->last_data_offset(), int64_t(51));
    QCOMPARE(Check(m, Batch(3, 4, 19, 1)).kind, Kind::kAppend);  // a new leader continues the sequence
    QCOMPARE(Check(m, h).duplicate_base_offset, int64_t(50));
  }

  void transactionMarkersCloseTransactions() {
    ProducerStateManager m("/nonexistent");
    BatchHeader data = Batch(8, 1, 0, 2);
    data.attributes = 0x10;  // transactional
    data.base_offset = 10;
    m.OnFollowerAppend(data);
    QCOMPARE(m.Find(8)->current_txn_first_offset, int64_t(10));
    BatchHeader marker = Batch(8, 1, -1, 1);
    marker.attributes = 0x10 | 0x20;  // transactional control batch
    marker.base_offset = 12;
    m.OnFollowerAppend(marker);
    QCOMPARE(m.Find(8)->current_txn_first_offset, int64_t(-1));
    QCOMPARE(m.Find(8)->last_sequence(), 1);  // markers carry no sequence
    QCOMPARE(Check(m, Batch(8, 1, 2, 1)).kind, Kind::kAppend);
  }

  void idleProducersExpire() {
    ProducerStateOptions options;
    options.producer_id_expiration_ms = 1000;
    ProducerStateManager m("/nonexistent", options);
    int64_t next = 0;
    QCOMPARE(Produce(m, Batch(1, 0, 0, 1, /*ts=*/10'000), next).kind, Kind::kAppend);
    QCOMPARE(Produce(m, Batch(2, 0, 0, 1, /*ts=*/10'500), next).kind, Kind::kAppend);
    BatchHeader txn = Batch(3, 0, 0, 1, /*ts=*/1'000);
    txn.attributes = 0x10;
    QCOMPARE(Produce(m, txn, next).kind, Kind::kAppend);
    QCOMPARE(m.RemoveExpiredProducers(10'999), size_t(0));
    QCOMPARE(m.RemoveExpiredProducers(11'000), size_t(1));  // producer 1: idle exactly 1000 ms
    QVERIFY(m.Find(1) == nullptr);
    QVERIFY(m.Find(2) != nullptr);
    QVERIFY(m.Find(3) != nullptr);  // an open transaction keeps its producer
    // The expired producer is unknown now: its next batch gets UNKNOWN_PRODUCER_ID.
    QCOMPARE(Check(m, Batch(1, 0, 1, 1)).error, ErrorCode::kUnknownProducerId);
    // The default is Kafka's one day.
    QCOMPARE(ProducerStateOptions{}.producer_id_expiration_ms, int64_t(86'400'000));
  }

  void rejectsNonV2Header() {
    ProducerStateManager m("/nonexistent");
    BatchHeader h = Batch(1, 0, 0, 1);
    h.magic = 1;
    QVERIFY(!m.CheckBatch(h).ok());
  }
};

QTEST_GUILESS_MAIN(TestProducerState)
#include "test_producer_state.moc"
