// Integration (issue 12): transactions with real clients against a real partita-broker + ZooKeeper.
//  - confluent_kafka (librdkafka): init_transactions / begin / produce to several partitions of two topics /
//    send_offsets_to_transaction / commit and abort; read_committed sees exactly the committed records once,
//    read_uncommitted all of them; the group's offsets follow only committed transactions; an open transaction
//    holds the LSO; while a transaction holds the group's offset, a read_committed consumer's committed() waits
//    for it (OffsetFetch require_stable answered UNSTABLE_OFFSET_COMMIT, KIP-447) and a read_uncommitted one gets
//    the last committed offset (scripts/transactions_check.py --scenario commit-abort);
//  - a zombie: a second producer with the same transactional.id fences the first, which gets a fatal
//    PRODUCER_FENCED (--scenario zombie);
//  - kcat -X isolation.level=read_committed reads the committed records only; after a kill -9 and restart the
//    group's transactional offsets and the read_committed view are unchanged;
//  - a transaction left open by a crashed producer is aborted by the coordinator after transaction.timeout.ms
//    (the LSO moves on); partita-cli transactions list / describe / describe-producers / find-hanging / abort
//    show and end another one (scripts/transactions_check.py --scenario hang);
//  - KIP-890 part 1: a transactional write to a partition outside the producer's transaction, and a late one after
//    its abort, are refused with INVALID_TXN_STATE and leave the log and the LSO alone
//    (scripts/txn_verification_check.py, raw protocol);
//  - our own client::TransactionalProducer (what partita-cli producer-perf-test --transactional-id uses): an
//    aborted transaction's records are seen by read_uncommitted only, committed ones by both; a second producer
//    with the same transactional id fences the first mid-transaction (PRODUCER_FENCED / INVALID_PRODUCER_EPOCH,
//    and the fenced producer stays unusable) and its open transaction is aborted.
#include <QtTest>

#include "engine/client/cluster_client.h"
#include "engine/client/transactional_producer.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestTransactions : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

  static BrokerOptions Options() {
    // Few coordinator partitions keep the first FindCoordinator quick on the shared test machine; a short abort
    // check interval lets the timeout test end in seconds.
    return BrokerOptions{.broker_id = 1,
                         .properties = {{"transaction.state.log.num.partitions", "4"},
                                        {"offsets.topic.num.partitions", "4"},
                                        {"transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"}}};
  }
  ToolRun Cli(const QStringList& args) {
    return RunTool(QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli",
                   QStringList{"transactions", "--bootstrap-server", Q(fx_->bootstrap())} + args, 60000);
  }
 private slots:
  void init() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    timer_.start();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s: %.1f s", QTest::currentTestFunction(), timer_.elapsed() / 1000.0);
  }

  void commitAndAbortWithReadCommitted() {
    ITEST_START(fx_, Options());
    ToolRun run = RunPythonScript("transactions_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "commit-abort"}, 300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    // 2 committed transactions x 5 partitions x 20 records; 1 aborted over 5 partitions + the open one on 1.
    QCOMPARE(summary["committed"].toInt(), 200);
    QCOMPARE(summary["aborted"].toInt(), 120);
    QCOMPARE(summary["read_committed"].toInt(), 200);
    QCOMPARE(summary["read_uncommitted"].toInt(), 320);
    // KIP-447: read_committed's committed() waited for the transaction holding the offset (committed after 1 s).
    QVERIFY2(summary["unstable_wait_s"].toDouble() >= 0.9, qPrintable(run.Describe()));
    qInfo("transactions_check commit-abort: %s", run.out.trimmed().constData());

    // dump-log --transaction-log-decoder reads the coordinator's __transaction_state records of the app.
    {
      QString found;
      for (const QString& d : QDir(Q(fx_->log_dir())).entryList({"__transaction_state-*"}, QDir::Dirs)) {
        const QString log = Q(fx_->log_dir()) + "/" + d + "/00000000000000000000.log";
        if (QFileInfo(log).size() > 0) found = log;
      }
      QVERIFY2(!found.isEmpty(), "no __transaction_state partition holds data");
      ToolRun dump = RunTool(QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli",
                             {"dump-log", "--files", found, "--transaction-log-decoder"}, 60000);
      ITEST_VERIFY_RUN(dump, fx_.get());
      QVERIFY2(dump.out.contains(R"(key: {"type":"0","data":{"transactionalId":"txn-app"}} payload: {"version":"0",)") &&
                   dump.out.contains(R"("transactionStatus":4,)") &&  // CompleteCommit
                   dump.out.contains(R"({"topic":"txn-b","partitionIds":[0,1]})"),
               dump.out.constData());
    }

    // kcat in read_committed mode sees the committed records of txn-a only: 2 x 3 partitions x 20.
    ITEST_REQUIRE(MissingKcat());
    {
      ToolRun kcat = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-C", "-t", "txn-a", "-o", "beginning", "-e", "-q",
                                      "-X", "isolation.level=read_committed", "-f", "%s\\n"},
                             60000);
      ITEST_VERIFY_RUN(kcat, fx_.get());
      const QList<QByteArray> lines = kcat.out.trimmed().split('\n');
      QCOMPARE(lines.size(), 120);
      for (const QByteArray& line : lines) QVERIFY2(line.startsWith("c"), line.constData());
      ToolRun all = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-C", "-t", "txn-a", "-o", "beginning", "-e", "-q",
                                     "-X", "isolation.level=read_uncommitted", "-f", "%s\\n"},
                            60000);
      ITEST_VERIFY_RUN(all, fx_.get());
      QCOMPARE(all.out.trimmed().split('\n').size(), 120 + 60 + 20);
      // partita-cli console-consumer alike (KIP-98): read_committed the committed records only.
      const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
      ToolRun committed = RunTool(cli, {"console-consumer", "--bootstrap-server", Q(fx_->bootstrap()), "--topic",
                                        "txn-a", "--from-beginning", "--isolation-level", "read_committed",
                                        "--timeout-ms", "3000"},
                                  60000);
      ITEST_VERIFY_RUN(committed, fx_.get());
      const QList<QByteArray> seen = committed.out.trimmed().split('\n');
      QCOMPARE(seen.size(), 120);
      for (const QByteArray& line : seen) QVERIFY2(line.startsWith("c"), line.constData());
      ToolRun uncommitted = RunTool(cli, {"console-consumer", "--bootstrap-server", Q(fx_->bootstrap()), "--topic",
                                          "txn-a", "--from-beginning", "--timeout-ms", "3000"},
                                    60000);
      ITEST_VERIFY_RUN(uncommitted, fx_.get());
      QCOMPARE(uncommitted.out.trimmed().split('\n').size(), 120 + 60 + 20);
    }

    // kill -9 and restart: the coordinator and group state are replayed from their logs, the partitions recover
    // their .txnindex and producer state; offsets and the read_committed view stay the same.
    fx_->KillBroker();
    Status st = fx_->StartBrokerAfterCrash();
    QVERIFY2(st.ok(), qPrintable(QString::fromStdString(st.ToString()) + BrokerContext(fx_.get())));
    ToolRun verify = RunPythonScript("transactions_check.py",
                                     {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "verify-after-restart"}, 300000);
    ITEST_VERIFY_RUN(verify, fx_.get());
    QVERIFY2(LastJsonLine(verify.out)["ok"].toBool(), verify.out.constData());
  }

  void writesOutsideTheTransactionAreRefused() {
    ITEST_START(fx_, Options());
    ToolRun run = RunPythonScript("txn_verification_check.py",
                                  {"--port", QString::number(fx_->port()), "--topic", "kip890"}, 180000);
    ITEST_VERIFY_RUN(run, fx_.get());
    QVERIFY2(LastJsonLine(run.out)["ok"].toBool(), qPrintable(run.Describe()));
    qInfo("txn_verification_check: %s", run.out.trimmed().constData());
  }

  void zombieIsFenced() {
    ITEST_START(fx_, Options());
    ToolRun run = RunPythonScript("transactions_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "zombie"}, 300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    qInfo("transactions_check zombie: %s", run.out.trimmed().constData());
  }

  void ownTransactionalProducerCommitsAbortsAndIsFenced() {
    ITEST_START(fx_, Options());
    auto c = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    client::ClusterClient& cc = **c;
    QVERIFY2(cc.CreateTopic({.name = "own-txn", .partitions = 2, .replication_factor = 1}).ok(), "create own-txn");
    const TopicPartition p0{"own-txn", PartitionId(0)};
    const TopicPartition p1{"own-txn", PartitionId(1)};
    QVERIFY(WaitUntil([&] { return cc.Produce(p0, {{"k", "plain"}}).ok() && cc.Produce(p1, {{"k", "plain"}}).ok(); },
                      60000));
    // Every value of tp (non-control records), read at `isolation`.
    const auto values = [&](const TopicPartition& tp, client::IsolationLevel isolation) {
      std::vector<std::string> out;
      auto r = cc.FetchRecords(tp, 0, client::FetchOptions{.isolation = isolation});
      if (!r.ok()) return std::vector<std::string>{"error: " + r.status().ToString()};
      for (const auto& rec : r->records) out.push_back(rec.value.value_or("null"));
      return out;
    };
    const auto records = [](std::initializer_list<const char*> vs) {
      std::vector<client::ProduceRecord> out;
      for (const char* v : vs) out.push_back({.value = std::string(v)});
      return out;
    };
    QCOMPARE(client::TransactionalProducer::Create(&cc, {}).status().code(), Status::Code::kInvalidArgument);

    auto a = client::TransactionalProducer::Create(&cc, {.transactional_id = "own-a"});
    QVERIFY2(a.ok(), a.status().ToString().c_str());
    QCOMPARE(a->BeginTransaction().code(), Status::Code::kInvalidArgument);  // before InitTransactions
    QVERIFY2(a->InitTransactions().ok(), "InitTransactions");
    QVERIFY(a->producer_id() >= 0 && a->producer_epoch() >= 0);
    // Committed: c1 c2 c3 to p0, c4 c5 to p1 (p0 twice: its second batch continues the sequence).
    QVERIFY(a->BeginTransaction().ok());
    QVERIFY2(a->Send(p0, records({"c1", "c2"})).ok(), "send");
    QVERIFY2(a->Send(p1, records({"c4", "c5"})).ok(), "send");
    QVERIFY2(a->Send(p0, records({"c3"})).ok(), "send");
    Status st = a->CommitTransaction();
    QVERIFY2(st.ok(), st.ToString().c_str());
    // Aborted: x1 x2 to p0, x3 to p1.
    QVERIFY(a->BeginTransaction().ok());
    QVERIFY2(a->Send(p0, records({"x1", "x2"})).ok(), "send");
    QVERIFY2(a->Send(p1, records({"x3"})).ok(), "send");
    st = a->AbortTransaction();
    QVERIFY2(st.ok(), st.ToString().c_str());
    // Committed again after the abort: c6 to p0.
    QVERIFY(a->BeginTransaction().ok());
    QVERIFY2(a->Send(p0, records({"c6"})).ok(), "send");
    st = a->CommitTransaction();
    QVERIFY2(st.ok(), st.ToString().c_str());
    QCOMPARE(a->CommitTransaction().code(), Status::Code::kInvalidArgument);  // no transaction open

    using Values = std::vector<std::string>;
    const Values committed0{"plain", "c1", "c2", "c3", "c6"};
    // The coordinator writes the markers after answering EndTxn: wait for the last stable offset to pass them.
    WaitUntil([&] { return values(p0, client::IsolationLevel::kReadCommitted) == committed0; }, 30000);
    QCOMPARE(values(p0, client::IsolationLevel::kReadCommitted), committed0);
    QCOMPARE(values(p1, client::IsolationLevel::kReadCommitted), (Values{"plain", "c4", "c5"}));
    QCOMPARE(values(p0, client::IsolationLevel::kReadUncommitted),
             (Values{"plain", "c1", "c2", "c3", "x1", "x2", "c6"}));
    QCOMPARE(values(p1, client::IsolationLevel::kReadUncommitted), (Values{"plain", "c4", "c5", "x3"}));

    // A zombie: b takes the id while a's transaction is open. a's open transaction is aborted, a's next send and
    // its commit fail with a fencing error, and a stays unusable.
    QVERIFY(a->BeginTransaction().ok());
    QVERIFY2(a->Send(p0, records({"z1"})).ok(), "send");
    auto b = client::TransactionalProducer::Create(&cc, {.transactional_id = "own-a"});
    QVERIFY2(b.ok(), b.status().ToString().c_str());
    st = b->InitTransactions();
    QVERIFY2(st.ok(), st.ToString().c_str());
    QCOMPARE(b->producer_id(), a->producer_id());
    QVERIFY(b->producer_epoch() > a->producer_epoch());
    const auto fenced = [](const Status& s) {
      return s.message().find("PRODUCER_FENCED") != std::string::npos ||
             s.message().find("INVALID_PRODUCER_EPOCH") != std::string::npos;
    };
    auto zombie_send = a->Send(p0, records({"z2"}));
    QVERIFY(!zombie_send.ok());
    QVERIFY2(fenced(zombie_send.status()), zombie_send.status().ToString().c_str());
    st = a->CommitTransaction();
    QVERIFY2(fenced(st), st.ToString().c_str());
    qInfo("fenced: send: %s; commit: %s", zombie_send.status().ToString().c_str(), st.ToString().c_str());
    QCOMPARE(a->BeginTransaction().ToString(), st.ToString());  // fatal: the same error from now on
    // b works; the zombie's z1 was aborted, z2 never written.
    QVERIFY(b->BeginTransaction().ok());
    QVERIFY2(b->Send(p0, records({"b1"})).ok(), "send");
    st = b->CommitTransaction();
    QVERIFY2(st.ok(), st.ToString().c_str());
    const Values after0{"plain", "c1", "c2", "c3", "c6", "b1"};
    WaitUntil([&] { return values(p0, client::IsolationLevel::kReadCommitted) == after0; }, 30000);
    QCOMPARE(values(p0, client::IsolationLevel::kReadCommitted), after0);
    QCOMPARE(values(p0, client::IsolationLevel::kReadUncommitted),
             (Values{"plain", "c1", "c2", "c3", "x1", "x2", "c6", "z1", "b1"}));
  }

  void timeoutAbortsAndCliShowsAndAbortsHanging() {
    ITEST_START(fx_, Options());
    // A producer dies inside a 3 s transaction: the coordinator aborts it (bumping the epoch) and the LSO moves on.
    ToolRun timed = RunPythonScript("transactions_check.py",
                                    {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "hang", "--txn-id", "to-app",
                                     "--timeout-ms", "3000", "--topic", "txn-timeout"},
                                    120000);
    ITEST_VERIFY_RUN(timed, fx_.get());
    QString last;
    const bool aborted = WaitUntil(
        [&] {
          ToolRun d = Cli({"describe", "--transactional-id", "to-app"});
          last = QString::fromUtf8(d.out + d.err);
          return d.ok() && last.contains("CompleteAbort");
        },
        30000);
    ITEST_CHECK(aborted, "the timed-out transaction was not aborted: " + last + BrokerContext(fx_.get()));
    ToolRun producers = Cli({"describe-producers", "--topic", "txn-timeout", "--partition", "0"});
    ITEST_VERIFY_RUN(producers, fx_.get());
    QVERIFY2(producers.out.contains("None"), producers.out.constData());  // no open transaction any more

    // Another one left open with a long timeout: listed, described, not hanging (its coordinator has it), aborted.
    ToolRun open = RunPythonScript("transactions_check.py",
                                   {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "hang", "--txn-id", "cli-app",
                                    "--timeout-ms", "600000", "--topic", "txn-hang"},
                                   120000);
    ITEST_VERIFY_RUN(open, fx_.get());
    ToolRun list = Cli({"list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(list.out.startsWith("TransactionalId"), list.out.constData());
    QVERIFY2(list.out.contains("cli-app") && list.out.contains("Ongoing"), list.out.constData());
    ToolRun describe = Cli({"describe", "--transactional-id", "cli-app"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    QVERIFY2(describe.out.contains("Ongoing") && describe.out.contains("txn-hang-0"), describe.out.constData());
    ToolRun dp = Cli({"describe-producers", "--topic", "txn-hang", "--partition", "0"});
    ITEST_VERIFY_RUN(dp, fx_.get());
    const QList<QByteArray> rows = dp.out.trimmed().split('\n');
    QCOMPARE(rows.size(), 2);
    QVERIFY2(rows[1].trimmed().endsWith("\t0"), dp.out.constData());  // CurrentTransactionStartOffset 0
    ToolRun hanging = Cli({"find-hanging", "--broker-id", "1", "--max-transaction-timeout", "0"});
    ITEST_VERIFY_RUN(hanging, fx_.get());
    QCOMPARE(hanging.out.trimmed().split('\n').size(), 1);  // header only: the coordinator knows it
    ToolRun abort = Cli({"abort", "--topic", "txn-hang", "--partition", "0", "--start-offset", "0"});
    ITEST_VERIFY_RUN(abort, fx_.get());
    ToolRun after = Cli({"describe-producers", "--topic", "txn-hang", "--partition", "0"});
    ITEST_VERIFY_RUN(after, fx_.get());
    QVERIFY2(after.out.trimmed().endsWith("None"), after.out.constData());
    ToolRun bad = Cli({"abort", "--topic", "txn-hang", "--partition", "0", "--start-offset", "0"});
    QVERIFY2(!bad.ok() && bad.err.contains("Could not find any open transactions"), qPrintable(bad.Describe()));
  }
};

QTEST_GUILESS_MAIN(TestItestTransactions)
#include "test_itest_transactions.moc"
