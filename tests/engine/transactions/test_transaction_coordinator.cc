// The transaction coordinator's state machine (KIP-98/360) step by step, with fakes behind its three ports: a
// log whose writes the test completes (or fails), a marker writer whose jobs the test finishes, and a counter of
// producer ids. Time is a variable.
#include <QtTest>

#include <deque>

#include "engine/transactions/transaction_coordinator.h"

using namespace partita;
using namespace partita::transactions;
using protocol::ErrorCode;

namespace {

class FakeLog : public TxnLog {
 public:
  struct Write {
    std::string id;
    std::optional<TransactionMetadata> value;
    std::function<void(ErrorCode)> done;
  };
  void Append(const std::string& id, const std::optional<TransactionMetadata>& value,
              std::function<void(ErrorCode)> done) override {
    writes.push_back({id, value});
    if (hold) {
      held.push_back({id, value, std::move(done)});
      return;
    }
    done(fail_with);
  }
  void CompleteHeld(ErrorCode e = ErrorCode::kNone) {
    auto w = std::move(held.front());
    held.pop_front();
    w.done(e);
  }
  std::vector<Write> writes;  // every append (done not kept)
  std::deque<Write> held;
  bool hold = false;
  ErrorCode fail_with = ErrorCode::kNone;
};

class FakeMarkers : public TxnMarkerWriter {
 public:
  void Write(const MarkerJob& job, std::function<void()> done) override { jobs.push_back({job, std::move(done)}); }
  void FinishAll() {
    auto pending = std::move(jobs);
    jobs.clear();
    for (auto& [job, done] : pending) done();
  }
  std::vector<std::pair<MarkerJob, std::function<void()>>> jobs;
};

class FakeIds : public ProducerIdSource {
 public:
  Result<int64_t> Next() override { return next++; }
  int64_t next = 1000;
};

struct Fixture {
  int64_t now = 1'000'000;
  std::shared_ptr<FakeLog> log = std::make_shared<FakeLog>();
  std::shared_ptr<FakeMarkers> markers = std::make_shared<FakeMarkers>();
  std::shared_ptr<FakeIds> ids = std::make_shared<FakeIds>();
  std::shared_ptr<TransactionCoordinator> c;

  explicit Fixture(TxnConfig config = {}) {
    c = std::make_shared<TransactionCoordinator>(7, 3, config, [this] { return now; }, log, markers, ids);
  }
  InitProducerIdResult Init(const std::string& id, int32_t timeout_ms = 60000, int64_t pid = -1, int16_t epoch = -1) {
    InitProducerIdResult out{ErrorCode::kUnknownServerError};
    c->InitProducerId(id, timeout_ms, pid, epoch, [&](InitProducerIdResult r) { out = r; });
    return out;
  }
  ErrorCode Add(const std::string& id, int64_t pid, int16_t epoch, std::vector<TxnPartition> parts) {
    ErrorCode out = ErrorCode::kUnknownServerError;
    c->AddPartitions(id, pid, epoch, parts, [&](ErrorCode e) { out = e; });
    return out;
  }
  ErrorCode End(const std::string& id, int64_t pid, int16_t epoch, bool commit) {
    ErrorCode out = ErrorCode::kUnknownServerError;
    c->EndTxn(id, pid, epoch, commit, [&](ErrorCode e) { out = e; });
    return out;
  }
  TxnState State(const std::string& id) { return c->Describe(id).value().state; }
};

}  // namespace

class TestTransactionCoordinator : public QObject {
  Q_OBJECT
 private slots:
  void initAllocatesAnIdAndBumpsTheEpoch() {
    Fixture f;
    auto first = f.Init("app");
    QCOMPARE(first.error, ErrorCode::kNone);
    QCOMPARE(first.producer_id, int64_t{1000});
    QCOMPARE(first.producer_epoch, int16_t{0});
    QCOMPARE(f.log->writes.size(), size_t{1});
    QCOMPARE(f.log->writes[0].value->state, TxnState::kEmpty);
    auto second = f.Init("app");
    QCOMPARE(second.producer_id, int64_t{1000});
    QCOMPARE(second.producer_epoch, int16_t{1});
    QCOMPARE(f.Init("other").producer_id, int64_t{1001});
  }

  void timeoutsBeyondTheMaximumAreRefused() {
    TxnConfig config;
    config.max_timeout_ms = 5000;
    Fixture f(config);
    QCOMPARE(f.Init("app", 5001).error, ErrorCode::kInvalidTransactionTimeout);
    QCOMPARE(f.Init("app", 0).error, ErrorCode::kInvalidTransactionTimeout);
    QCOMPARE(f.Init("app", 5000).error, ErrorCode::kNone);
    QCOMPARE(f.Init("", 5000).error, ErrorCode::kInvalidRequest);
  }

  void commitGoesThroughPrepareMarkersAndComplete() {
    Fixture f;
    auto p = f.Init("app");
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}, {"b", 1}}), ErrorCode::kNone);
    QCOMPARE(f.State("app"), TxnState::kOngoing);
    QCOMPARE(f.c->Describe("app")->partitions.size(), size_t{2});
    // Adding a partition already in the transaction writes nothing.
    const size_t writes = f.log->writes.size();
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kNone);
    QCOMPARE(f.log->writes.size(), writes);

    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, true), ErrorCode::kNone);
    QCOMPARE(f.State("app"), TxnState::kPrepareCommit);
    QCOMPARE(f.markers->jobs.size(), size_t{1});
    const MarkerJob& job = f.markers->jobs[0].first;
    QVERIFY(job.commit);
    QCOMPARE(job.producer_id, p.producer_id);
    QCOMPARE(job.producer_epoch, p.producer_epoch);
    QCOMPARE(job.coordinator_epoch, 3);
    QCOMPARE(job.partitions, (std::set<TxnPartition>{{"a", 0}, {"b", 1}}));
    // While the markers are being written the next transaction must wait.
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kConcurrentTransactions);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, true), ErrorCode::kConcurrentTransactions);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, false), ErrorCode::kInvalidTxnState);

    f.markers->FinishAll();
    QCOMPARE(f.State("app"), TxnState::kCompleteCommit);
    QVERIFY(f.c->Describe("app")->partitions.empty());
    QCOMPARE(f.log->writes.back().value->state, TxnState::kCompleteCommit);
    // A retried EndTxn gets the first answer; the opposite one is refused.
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, true), ErrorCode::kNone);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, false), ErrorCode::kInvalidTxnState);
    // The next transaction starts afresh.
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"c", 2}}), ErrorCode::kNone);
    QCOMPARE(f.c->Describe("app")->partitions, (std::set<TxnPartition>{{"c", 2}}));
  }

  // KIP-890 part 1: a partition leader's verify-only question changes nothing and answers per partition.
  void verifyOnlyAnswersWhetherPartitionsAreInTheOngoingTransaction() {
    Fixture f;
    using Errors = std::map<TxnPartition, ErrorCode>;
    auto p = f.Init("app");
    // Before any transaction: not in one.
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kTransactionAbortable}}));
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kNone);
    const size_t writes = f.log->writes.size();
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}, {"b", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kNone}, {{"b", 0}, ErrorCode::kTransactionAbortable}}));
    QCOMPARE(f.log->writes.size(), writes);  // nothing written, nothing added
    QCOMPARE(f.c->Describe("app")->partitions, (std::set<TxnPartition>{{"a", 0}}));
    // Wrong producer, fenced epoch, unknown id.
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id + 1, p.producer_epoch, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kInvalidProducerIdMapping}}));
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch - 1, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kProducerFenced}}));
    QCOMPARE(f.c->VerifyPartitions("nobody", 1, 0, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kInvalidProducerIdMapping}}));
    // While the transaction completes: concurrent; once complete: the partition is no longer in a transaction.
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, false), ErrorCode::kNone);
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kConcurrentTransactions}}));
    f.markers->FinishAll();
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kTransactionAbortable}}));
    f.c->Unload();
    QCOMPARE(f.c->VerifyPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}),
             (Errors{{{"a", 0}, ErrorCode::kNotCoordinator}}));
  }

  void abortWritesAbortMarkers() {
    Fixture f;
    auto p = f.Init("app");
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kNone);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, false), ErrorCode::kNone);
    QCOMPARE(f.State("app"), TxnState::kPrepareAbort);
    QVERIFY(!f.markers->jobs[0].first.commit);
    f.markers->FinishAll();
    QCOMPARE(f.State("app"), TxnState::kCompleteAbort);
    // EndTxn without a transaction is INVALID_TXN_STATE from Empty.
    Fixture g;
    auto q = g.Init("x");
    QCOMPARE(g.End("x", q.producer_id, q.producer_epoch, true), ErrorCode::kInvalidTxnState);
  }

  void aNewIncarnationFencesTheOldOneAndAbortsItsTransaction() {
    Fixture f;
    auto zombie = f.Init("app");
    QCOMPARE(f.Add("app", zombie.producer_id, zombie.producer_epoch, {{"a", 0}}), ErrorCode::kNone);
    // The new producer's InitProducerId aborts the open transaction with a bumped epoch, and is asked to retry.
    QCOMPARE(f.Init("app").error, ErrorCode::kConcurrentTransactions);
    auto m = f.c->Describe("app").value();
    QCOMPARE(m.state, TxnState::kPrepareAbort);
    QCOMPARE(m.producer_epoch, int16_t(zombie.producer_epoch + 1));
    QCOMPARE(f.markers->jobs.size(), size_t{1});
    QVERIFY(!f.markers->jobs[0].first.commit);
    QCOMPARE(f.markers->jobs[0].first.producer_epoch, int16_t(zombie.producer_epoch + 1));
    QCOMPARE(f.Init("app").error, ErrorCode::kConcurrentTransactions);  // still completing
    // The zombie is fenced.
    QCOMPARE(f.Add("app", zombie.producer_id, zombie.producer_epoch, {{"b", 0}}), ErrorCode::kProducerFenced);
    QCOMPARE(f.End("app", zombie.producer_id, zombie.producer_epoch, true), ErrorCode::kProducerFenced);
    f.markers->FinishAll();
    QCOMPARE(f.State("app"), TxnState::kCompleteAbort);
    auto fresh = f.Init("app");
    QCOMPARE(fresh.error, ErrorCode::kNone);
    QCOMPARE(fresh.producer_id, zombie.producer_id);
    QCOMPARE(fresh.producer_epoch, int16_t(zombie.producer_epoch + 2));
    QCOMPARE(f.Add("app", zombie.producer_id, zombie.producer_epoch, {{"b", 0}}), ErrorCode::kProducerFenced);
    QCOMPARE(f.Add("app", fresh.producer_id, fresh.producer_epoch, {{"b", 0}}), ErrorCode::kNone);
  }

  void kip360RetryAndStaleEpochs() {
    Fixture f;
    auto p = f.Init("app");
    auto bumped = f.Init("app", 60000, p.producer_id, p.producer_epoch);
    QCOMPARE(bumped.error, ErrorCode::kNone);
    QCOMPARE(bumped.producer_epoch, int16_t(p.producer_epoch + 1));
    // The same request again (its answer was lost) gets the same answer, not another bump.
    auto retried = f.Init("app", 60000, p.producer_id, p.producer_epoch);
    QCOMPARE(retried.error, ErrorCode::kNone);
    QCOMPARE(retried.producer_epoch, bumped.producer_epoch);
    // An id/epoch that is neither current nor the last one is a fenced producer.
    QCOMPARE(f.Init("app", 60000, p.producer_id + 5, 0).error, ErrorCode::kProducerFenced);
  }

  void exhaustedEpochGetsANewProducerId() {
    Fixture f;
    TransactionMetadata m;
    m.producer_id = 42;
    m.producer_epoch = 32766;
    m.timeout_ms = 60000;
    m.state = TxnState::kCompleteCommit;
    f.c->Load("app", m);
    f.c->CompleteLoad();
    auto r = f.Init("app");
    QCOMPARE(r.error, ErrorCode::kNone);
    QCOMPARE(r.producer_id, int64_t{1000});
    QCOMPARE(r.producer_epoch, int16_t{0});
  }

  void transactionsOlderThanTheirTimeoutAreAbortedAndFenced() {
    Fixture f;
    auto p = f.Init("app", 1000);
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kNone);
    f.now += 1000;
    f.c->Tick();
    QCOMPARE(f.State("app"), TxnState::kOngoing);
    f.now += 1;
    f.c->Tick();
    QCOMPARE(f.State("app"), TxnState::kPrepareAbort);
    QCOMPARE(f.c->Describe("app")->producer_epoch, int16_t(p.producer_epoch + 1));
    f.markers->FinishAll();
    QCOMPARE(f.State("app"), TxnState::kCompleteAbort);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, true), ErrorCode::kProducerFenced);
  }

  void requestsWhileAWriteIsInFlightAreConcurrent() {
    Fixture f;
    auto p = f.Init("app");
    f.log->hold = true;
    ErrorCode first = ErrorCode::kUnknownServerError;
    f.c->AddPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}, [&](ErrorCode e) { first = e; });
    QCOMPARE(first, ErrorCode::kUnknownServerError);  // not answered before the write is durable
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"b", 0}}), ErrorCode::kConcurrentTransactions);
    QCOMPARE(f.Init("app").error, ErrorCode::kConcurrentTransactions);
    QCOMPARE(f.End("app", p.producer_id, p.producer_epoch, true), ErrorCode::kConcurrentTransactions);
    f.log->CompleteHeld();
    QCOMPARE(first, ErrorCode::kNone);
    QCOMPARE(f.State("app"), TxnState::kOngoing);
  }

  void aFailedWriteChangesNothing() {
    Fixture f;
    auto p = f.Init("app");
    f.log->fail_with = ErrorCode::kCoordinatorNotAvailable;
    QCOMPARE(f.Add("app", p.producer_id, p.producer_epoch, {{"a", 0}}), ErrorCode::kCoordinatorNotAvailable);
    QCOMPARE(f.State("app"), TxnState::kEmpty);
    QCOMPARE(f.Init("new").error, ErrorCode::kCoordinatorNotAvailable);
    QVERIFY(!f.c->Describe("new"));  // never written: not described
  }

  void unknownProducersAreRejected() {
    Fixture f;
    QCOMPARE(f.Add("nobody", 1, 0, {{"a", 0}}), ErrorCode::kInvalidProducerIdMapping);
    QCOMPARE(f.End("nobody", 1, 0, true), ErrorCode::kInvalidProducerIdMapping);
    auto p = f.Init("app");
    QCOMPARE(f.Add("app", p.producer_id + 1, p.producer_epoch, {{"a", 0}}), ErrorCode::kInvalidProducerIdMapping);
  }

  void loadResumesTheMarkersOfAPreparedTransaction() {
    Fixture f;
    TransactionMetadata m;
    m.producer_id = 5;
    m.producer_epoch = 2;
    m.timeout_ms = 60000;
    m.state = TxnState::kPrepareCommit;
    m.partitions = {{"a", 0}};
    f.c->Load("app", m);
    f.c->Load("gone", m);
    f.c->Load("gone", std::nullopt);  // tombstone
    f.c->CompleteLoad();
    QVERIFY(!f.c->Describe("gone"));
    QCOMPARE(f.markers->jobs.size(), size_t{1});
    QVERIFY(f.markers->jobs[0].first.commit);
    f.markers->FinishAll();
    QCOMPARE(f.State("app"), TxnState::kCompleteCommit);
    // A Complete* write that failed leaves Prepare*: the next tick writes the markers again.
    f.c->Load("other", m);
    f.log->fail_with = ErrorCode::kCoordinatorNotAvailable;
    f.c->CompleteLoad();
    f.markers->FinishAll();
    QCOMPARE(f.State("other"), TxnState::kPrepareCommit);
    f.log->fail_with = ErrorCode::kNone;
    f.c->Tick();
    QCOMPARE(f.markers->jobs.size(), size_t{1});
    f.markers->FinishAll();
    QCOMPARE(f.State("other"), TxnState::kCompleteCommit);
  }

  void idleIdsExpire() {
    TxnConfig config;
    config.id_expiration_ms = 5000;
    Fixture f(config);
    QCOMPARE(f.Init("app").error, ErrorCode::kNone);
    f.now += 4999;
    f.c->Tick();
    QVERIFY(f.c->Describe("app"));
    f.now += 1;
    f.c->Tick();
    QVERIFY(!f.c->Describe("app"));
    QVERIFY(!f.log->writes.back().value);  // a tombstone
    QCOMPARE(f.log->writes.back().id, std::string("app"));
  }

  void unloadAnswersNotCoordinator() {
    Fixture f;
    auto p = f.Init("app");
    f.log->hold = true;
    ErrorCode pending = ErrorCode::kUnknownServerError;
    f.c->AddPartitions("app", p.producer_id, p.producer_epoch, {{"a", 0}}, [&](ErrorCode e) { pending = e; });
    f.c->Unload();
    f.log->CompleteHeld();
    QCOMPARE(pending, ErrorCode::kNotCoordinator);
    QCOMPARE(f.Init("app").error, ErrorCode::kNotCoordinator);
    QVERIFY(f.c->List().empty());
  }
};

QTEST_GUILESS_MAIN(TestTransactionCoordinator)
#include "test_transaction_coordinator.moc"
