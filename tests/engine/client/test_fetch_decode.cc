// DecodeFetchedRecords and transactions (KIP-98): the bytes a Fetch answer carries, built batch by batch here —
// two producers' transactions interleaved on one partition, a plain (non-transactional) record between them, and
// their COMMIT / ABORT markers. read_committed must leave out exactly the aborted transaction's records, as
// Kafka's consumer does from the answer's aborted_transactions (CompletedFetch); read_uncommitted with
// include_control returns the markers as records and marks each transactional record's outcome when the
// producer's marker is in the same answer.
#include <QtTest>

#include "engine/client/fetch_decode.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"

using namespace partita;
using client::ConsumedRecord;

namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// One batch at base_offset: data records `values`, or (control) the producer's marker.
void AddBatch(std::vector<uint8_t>* out, int64_t base_offset, int64_t producer_id, bool transactional,
              const std::vector<std::string>& values, std::optional<protocol::ControlRecordType> marker = {}) {
  protocol::BatchBuilder::Options o;
  o.base_offset = base_offset;
  o.producer_id = producer_id;
  o.producer_epoch = producer_id >= 0 ? 0 : -1;
  o.base_sequence = producer_id >= 0 ? 0 : -1;
  o.transactional = transactional;
  o.control = marker.has_value();
  protocol::BatchBuilder b(o);
  if (marker) {
    const auto key = protocol::EncodeControlKey(*marker);
    const auto value = protocol::EncodeEndTxnMarkerValue(3);
    b.Append(1000, std::span<const uint8_t>(key), std::span<const uint8_t>(value));
  } else {
    for (const auto& v : values) b.Append(1000, std::nullopt, Bytes(v));
  }
  auto batch = b.Build();
  QVERIFY(batch.ok());
  out->insert(out->end(), batch->begin(), batch->end());
}

// Offsets: 0-1 P7 (aborted), 2-3 P8 (committed), 4 plain, 5 P7 ABORT, 6 P8 COMMIT, 7 P9 (open, no marker).
std::vector<uint8_t> Log() {
  std::vector<uint8_t> log;
  AddBatch(&log, 0, 7, true, {"a0", "a1"});
  AddBatch(&log, 2, 8, true, {"c0", "c1"});
  AddBatch(&log, 4, -1, false, {"plain"});
  AddBatch(&log, 5, 7, true, {}, protocol::ControlRecordType::kAbort);
  AddBatch(&log, 6, 8, true, {}, protocol::ControlRecordType::kCommit);
  AddBatch(&log, 7, 9, true, {"open"});
  return log;
}

std::vector<std::string> Values(const client::FetchResult& r) {
  std::vector<std::string> v;
  for (const auto& c : r.records) v.push_back(c.value.value_or("<null>"));
  return v;
}

}  // namespace

class FetchDecodeTest : public QObject {
  Q_OBJECT

 private slots:
  void readCommittedLeavesOutTheAbortedTransaction() {
    const auto log = Log();
    client::DecodeOptions o;
    o.isolation = client::IsolationLevel::kReadCommitted;
    o.aborted = {{7, 0}};
    client::FetchResult r;
    QVERIFY(client::DecodeFetchedRecords(log, 0, "test", &r, o).ok());
    QCOMPARE(Values(r), (std::vector<std::string>{"c0", "c1", "plain", "open"}));
    QCOMPARE(r.next_offset, int64_t(8));
    QCOMPARE(r.records[0].outcome, ConsumedRecord::Outcome::kCommitted);
    QCOMPARE(r.records[2].outcome, ConsumedRecord::Outcome::kUnknown);  // not transactional
    // include_control is ignored with read_committed: a transactional consumer never sees markers.
    o.include_control = true;
    client::FetchResult again;
    QVERIFY(client::DecodeFetchedRecords(log, 0, "test", &again, o).ok());
    QCOMPARE(Values(again), Values(r));
  }

  void abortedListStartsAtItsFirstOffset() {
    // Producer 7's aborted transaction starting at 2 (as if 0-1 were another, committed one): 0-1 stay.
    const auto log = Log();
    client::DecodeOptions o;
    o.isolation = client::IsolationLevel::kReadCommitted;
    o.aborted = {{7, 2}};
    client::FetchResult r;
    QVERIFY(client::DecodeFetchedRecords(log, 0, "test", &r, o).ok());
    QCOMPARE(Values(r), (std::vector<std::string>{"a0", "a1", "c0", "c1", "plain", "open"}));
  }

  void readUncommittedShowsMarkersAndOutcomes() {
    const auto log = Log();
    client::DecodeOptions o;
    o.include_control = true;
    client::FetchResult r;
    QVERIFY(client::DecodeFetchedRecords(log, 0, "test", &r, o).ok());
    QCOMPARE(r.records.size(), size_t(8));
    using O = ConsumedRecord::Outcome;
    using C = ConsumedRecord::Control;
    QCOMPARE(r.records[0].outcome, O::kAborted);
    QCOMPARE(r.records[1].outcome, O::kAborted);
    QCOMPARE(r.records[2].outcome, O::kCommitted);
    QCOMPARE(r.records[4].transactional, false);
    QCOMPARE(r.records[5].control, C::kAbort);
    QCOMPARE(r.records[5].producer_id, int64_t(7));
    QCOMPARE(r.records[6].control, C::kCommit);
    QCOMPARE(r.records[7].outcome, O::kUnknown);  // open: its marker is not in this answer
    // Without include_control the markers are skipped, as before.
    client::FetchResult plain;
    QVERIFY(client::DecodeFetchedRecords(log, 0, "test", &plain, {}).ok());
    QCOMPARE(Values(plain), (std::vector<std::string>{"a0", "a1", "c0", "c1", "plain", "open"}));
  }
};

QTEST_GUILESS_MAIN(FetchDecodeTest)
#include "test_fetch_decode.moc"
