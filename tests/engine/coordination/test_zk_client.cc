// Integration tests: ZooKeeperServer lifecycle and ZkClient against a real ZooKeeper server.
#include <QtTest>

#include <signal.h>

#include <atomic>
#include <mutex>

#include "tests/engine/coordination/zk_test_util.h"

using namespace partita;
using namespace partita::coordination;
using partita::testing::WaitUntil;
using partita::testing::ZkFixture;

class TestZkClient : public QObject {
  Q_OBJECT
 private slots:
  void serverStartsAnswersAndStops() {
    ZkFixture zk;
    QVERIFY2(zk.Start(), "ZooKeeper did not start; apt-get install zookeeper default-jre-headless");
    QVERIFY(zk.server->port() > 0);
    QVERIFY(zk.server->pid() > 0);
    QCOMPARE(QString::fromStdString(zk.server->ConnectString()),
             QString("127.0.0.1:%1").arg(zk.server->port()));
    auto srvr = cluster::ZooKeeperServer::FourLetterWord(zk.server->port(), "srvr");
    QVERIFY(srvr.ok());
    QVERIFY(srvr->find("Mode: standalone") != std::string::npos);
    const pid_t pid = zk.server->pid();
    QVERIFY(::kill(pid, 0) == 0);
    QVERIFY(zk.server->Stop().ok());
    QVERIFY(!zk.server->running());
    QVERIFY(::kill(pid, 0) != 0);  // reaped: java itself is gone, not just a wrapper
    QVERIFY(!cluster::ZooKeeperServer::FourLetterWord(zk.server->port(), "srvr", 300).ok());
  }

  void serverKillIsImmediate() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    const pid_t pid = zk.server->pid();
    zk.server->Kill();
    QVERIFY(!zk.server->running());
    QVERIFY(::kill(pid, 0) != 0);
  }

  // Broker::Kill relies on this: a client that abandons its session leaves it (and its ephemerals) to expire at
  // the session timeout, as a kill -9 would, instead of closing it. Repeated because the failure was a race.
  void abandonedSessionOutlivesItsClient() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto observer = zk.Connect();
    QVERIFY(observer);
    for (int round = 0; round < 25; ++round) {
      auto connected = ZkClient::Connect(zk.server->ConnectString(), 20000, 10000, {.abandonable = true});
      QVERIFY2(connected.ok(), connected.status().ToString().c_str());
      auto doomed = std::move(*connected);
      const std::string path = "/abandoned-" + std::to_string(round);
      QVERIFY(doomed->Create(path, "x", CreateMode::kEphemeral).ok());
      doomed->AbandonSession();
      // A CloseSession, had one been sent, is processed before any later request of the observer's.
      QVERIFY(observer->Create("/barrier-" + std::to_string(round), "", CreateMode::kPersistent).ok());
      auto still = observer->Exists(path);
      QVERIFY(still.ok());
      QVERIFY2(still->has_value(), qPrintable(QString("round %1: the abandoned session was closed").arg(round)));
      QVERIFY(!doomed->connected());
    }
    // And it does expire at its timeout, as a crashed client's would.
    auto connected = ZkClient::Connect(zk.server->ConnectString(), 4000, 10000, {.abandonable = true});
    QVERIFY(connected.ok());
    QVERIFY((*connected)->Create("/expires", "x", CreateMode::kEphemeral).ok());
    (*connected)->AbandonSession();
    QVERIFY(observer->Exists("/expires")->has_value());
    QVERIFY(WaitUntil([&] { return !observer->Exists("/expires")->has_value(); }, 30000));
  }

  // A client that is not abandonable closes its session (it says so) rather than pretending.
  void plainClientCannotAbandonItsSession() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto observer = zk.Connect();
    auto plain = zk.Connect();
    QVERIFY(observer && plain);
    QVERIFY(plain->Create("/plain", "x", CreateMode::kEphemeral).ok());
    plain->AbandonSession();
    QVERIFY(WaitUntil([&] { return !observer->Exists("/plain")->has_value(); }, 10000));
  }

  void missingJavaNamesThePackages() {
    QTemporaryDir dir;
    cluster::ZooKeeperServer::Options options;
    options.data_dir = dir.path().toStdString();
    options.java = "/nonexistent/java";
    auto started = cluster::ZooKeeperServer::Start(options);
    QVERIFY(!started.ok());
    QVERIFY(started.status().message().find("apt-get install zookeeper default-jre-headless") != std::string::npos);
  }

  void twoServersGetDistinctPorts() {
    ZkFixture a, b;
    QVERIFY(a.Start());
    QVERIFY(b.Start());
    QVERIFY(a.server->port() != b.server->port());
  }

  void connectTimesOutWithoutServer() {
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    auto c = ZkClient::Connect("127.0.0.1:" + std::to_string(*port), 4000, 1500);
    QVERIFY(!c.ok());
    QCOMPARE(c.status().code(), Status::Code::kTimeout);
  }

  void crudAndVersions() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    QVERIFY(c->connected());
    QVERIFY(c->session_id() != 0);

    auto created = c->Create("/a/b/c", "hello", CreateMode::kPersistent, /*create_parents=*/true);
    QVERIFY2(created.ok(), created.status().ToString().c_str());
    QCOMPARE(QString::fromStdString(*created), QString("/a/b/c"));
    QCOMPARE(c->Create("/a/b/c", "x", CreateMode::kPersistent).status().code(), Status::Code::kAlreadyExists);
    QCOMPARE(c->Create("/no/parent", "x", CreateMode::kPersistent).status().code(), Status::Code::kNotFound);

    auto got = c->Get("/a/b/c");
    QVERIFY(got.ok());
    QCOMPARE(QByteArray::fromStdString(got->data), QByteArray("hello"));
    QCOMPARE(got->stat.version, 0);
    QVERIFY(got->stat.czxid > 0);
    QCOMPARE(got->stat.ephemeral_owner, int64_t(0));

    auto set = c->Set("/a/b/c", "world", 0);
    QVERIFY(set.ok());
    QCOMPARE(set->version, 1);
    Status stale = c->Set("/a/b/c", "late", 0).status();
    QVERIFY(IsBadVersion(stale));
    QCOMPARE(stale.code(), Status::Code::kAborted);
    QVERIFY(IsBadVersion(c->Delete("/a/b/c", 0)));

    auto children = c->GetChildren("/a/b");
    QVERIFY(children.ok());
    QCOMPARE(children->size(), size_t(1));
    QCOMPARE(QString::fromStdString((*children)[0]), QString("c"));

    auto ex = c->Exists("/a/b/c");
    QVERIFY(ex.ok() && ex->has_value());
    QCOMPARE((*ex)->version, 1);
    QVERIFY(c->Delete("/a/b/c", 1).ok());
    ex = c->Exists("/a/b/c");
    QVERIFY(ex.ok() && !ex->has_value());
    QVERIFY(c->Get("/a/b/c").status().IsNotFound());
    QVERIFY(c->Delete("/a/b/c").IsNotFound());

    auto eph = c->Create("/a/e", "", CreateMode::kEphemeral);
    QVERIFY(eph.ok());
    QCOMPARE(c->Get("/a/e")->stat.ephemeral_owner, c->session_id());
    auto s1 = c->Create("/a/seq-", "", CreateMode::kPersistentSequential);
    auto s2 = c->Create("/a/seq-", "", CreateMode::kPersistentSequential);
    QVERIFY(s1.ok() && s2.ok());
    QVERIFY(QString::fromStdString(*s1).startsWith("/a/seq-"));
    QCOMPARE(QString::fromStdString(*s1).size(), QString("/a/seq-0000000000").size());
    QCOMPARE(std::stoll(s2->substr(7)), std::stoll(s1->substr(7)) + 1);  // parent's cversion counter

    QVERIFY(c->EnsurePath("/x/y/z").ok());
    QVERIFY(c->EnsurePath("/x/y/z").ok());
    QVERIFY(c->DeleteRecursive("/x").ok());
    QVERIFY(!c->Exists("/x")->has_value());

    // Ephemerals die with the session.
    c.reset();
    auto c2 = zk.Connect();
    QVERIFY(!c2->Exists("/a/e")->has_value());
    QVERIFY(c2->Exists(*s2)->has_value());
  }

  void multiIsAtomic() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    QVERIFY(c->Create("/epoch", "0", CreateMode::kPersistent).ok());

    std::vector<ZkOpResult> results;
    Status s = c->Multi({ZkOp::Create("/m1", "one"), ZkOp::SetData("/epoch", "1", 0), ZkOp::Check("/epoch", 99),
                         ZkOp::Create("/m2", "two")},
                        &results);
    QVERIFY(IsBadVersion(s));
    QCOMPARE(results.size(), size_t(4));
    QVERIFY(IsBadVersion(results[2].status));
    QVERIFY(!results[0].status.ok());  // rolled back
    QVERIFY(!c->Exists("/m1")->has_value());
    QCOMPARE(QByteArray::fromStdString(c->Get("/epoch")->data), QByteArray("0"));

    s = c->Multi({ZkOp::Create("/m1", "one"), ZkOp::SetData("/epoch", "1", 0), ZkOp::Check("/epoch", 1),
                  ZkOp::Create("/seq-", "", CreateMode::kPersistentSequential), ZkOp::Delete("/m1", 0)},
                 &results);
    QVERIFY2(s.ok(), s.ToString().c_str());
    QVERIFY(results[0].status.ok());
    QCOMPARE(QString::fromStdString(results[0].created_path), QString("/m1"));
    QCOMPARE(results[1].stat.version, 1);
    QVERIFY(QString::fromStdString(results[3].created_path).startsWith("/seq-00000000"));
    QVERIFY(!c->Exists("/m1")->has_value());
    QCOMPARE(c->Multi({ZkOp::Create("/epoch", "")}).code(), Status::Code::kAlreadyExists);
  }

  // Pipelined multis succeed or fail one by one (a failed batch does not stop the next); GetMany answers each
  // path in order; SplitOps keeps every batch within the byte and op limits.
  void pipelinedMultisAndReads() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    std::vector<std::vector<ZkOp>> batches;
    for (int b = 0; b < 50; ++b) {
      batches.push_back({ZkOp::Create("/p" + std::to_string(b), std::to_string(b))});
    }
    batches[7].push_back(ZkOp::Check("/p7", 5));  // fails: /p7 is created at version 0
    std::vector<std::vector<ZkOpResult>> results;
    const std::vector<Status> st = c->MultiPipelined(batches, &results);
    QCOMPARE(st.size(), size_t(50));
    for (int b = 0; b < 50; ++b) QCOMPARE(st[size_t(b)].ok(), b != 7);
    QVERIFY(IsBadVersion(st[7]));
    QCOMPARE(QString::fromStdString(results[3][0].created_path), QString("/p3"));
    std::vector<std::string> paths;
    for (int b = 0; b < 50; ++b) paths.push_back("/p" + std::to_string(b));
    const auto got = c->GetMany(paths);
    QCOMPARE(got.size(), size_t(50));
    QVERIFY(got[7].status().IsNotFound());
    QCOMPARE(QString::fromStdString(got[49]->data), QString("49"));
    QCOMPARE(got[49]->stat.version, 0);
    QVERIFY(c->GetMany({}).empty());
    QVERIFY(c->MultiPipelined({}).empty());
    // 5,000 creates of 1 KiB each (~5 MiB) in one call: SplitOps cuts them below jute.maxbuffer; one multi of
    // them all would break the connection.
    std::vector<ZkOp> big;
    for (int i = 0; i < 5000; ++i) big.push_back(ZkOp::Create("/big" + std::to_string(i), std::string(1024, 'x')));
    auto split = SplitOps(big);
    QVERIFY(split.size() >= 20);
    for (const auto& batch : split) QVERIFY(batch.size() <= kMaxMultiOps);
    for (const Status& s : c->MultiPipelined(split)) QVERIFY2(s.ok(), s.ToString().c_str());
    QCOMPARE(c->GetChildren("/")->size(), size_t(5000 + 49 + 1));  // + /zookeeper
    QVERIFY(c->connected());
  }

  void watchesFireOnce() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    std::mutex mu;
    std::vector<WatchEvent> events;
    auto record = [&](const WatchEvent& e) {
      std::lock_guard<std::mutex> lock(mu);
      events.push_back(e);
    };
    auto count = [&] {
      std::lock_guard<std::mutex> lock(mu);
      return events.size();
    };
    // exists-watch on a missing node fires on creation
    QVERIFY(c->Exists("/w", record).ok());
    QVERIFY(c->Create("/w", "0", CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] { return count() == 1; }));
    QCOMPARE(events[0].type, WatchEventType::kCreated);
    QCOMPARE(QString::fromStdString(events[0].path), QString("/w"));
    // data watch
    QVERIFY(c->Get("/w", record).ok());
    QVERIFY(c->Set("/w", "1").ok());
    QVERIFY(WaitUntil([&] { return count() == 2; }));
    QCOMPARE(events[1].type, WatchEventType::kDataChanged);
    QVERIFY(c->Set("/w", "2").ok());  // one-shot: no second event
    // children watch
    QVERIFY(c->GetChildren("/w", record).ok());
    QVERIFY(c->Create("/w/kid", "", CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] { return count() == 3; }));
    QCOMPARE(events[2].type, WatchEventType::kChildrenChanged);
    // deletion via data watch
    QVERIFY(c->Get("/w/kid", record).ok());
    QVERIFY(c->Delete("/w/kid").ok());
    QVERIFY(WaitUntil([&] { return count() == 4; }));
    QCOMPARE(events[3].type, WatchEventType::kDeleted);
    QTest::qWait(200);
    QCOMPARE(count(), size_t(4));
    // A failed Get leaves no watch behind.
    QVERIFY(c->Get("/missing", record).status().IsNotFound());
    QVERIFY(c->Create("/missing", "", CreateMode::kPersistent).ok());
    QTest::qWait(200);
    QCOMPARE(count(), size_t(4));
  }

  void sessionExpiryOpensNewSessionAndCallsListeners() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    std::atomic<int> new_sessions{0};
    c->AddSessionListener([&] {
      // Listeners may block on ZooKeeper: re-create the ephemeral like a broker would.
      if (c->Create("/eph", "", CreateMode::kEphemeral).ok()) new_sessions++;
    });
    QVERIFY(c->Create("/eph", "", CreateMode::kEphemeral).ok());
    const int64_t old_session = c->session_id();
    QVERIFY(c->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return new_sessions.load() == 1; }, 20000));
    QVERIFY(c->session_id() != old_session);
    QCOMPARE(c->session_generation(), 2);
    auto got = c->Get("/eph");
    QVERIFY(got.ok());
    QCOMPARE(got->stat.ephemeral_owner, c->session_id());
  }

  // The owner of a listener removes it and is destroyed right after (BrokerRegistrar, watchers): removal must
  // wait for a call the session thread is making, or that call runs on a freed owner (seen as a segfault in a
  // broker's destructor while its session was being re-established).
  void removingAListenerWaitsForItsRunningCall() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    std::atomic<bool> entered{false}, left{false};
    const int id = c->AddSessionListener([&] {
      entered = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      left = true;
    });
    QVERIFY(c->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return entered.load(); }, 20000));
    c->RemoveSessionListener(id);
    QVERIFY2(left.load(), "RemoveSessionListener returned while the listener was still running");
    // And a removed listener is not called for later sessions.
    entered = false;
    QVERIFY(c->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return c->session_generation() == 3 && c->connected(); }, 20000));
    QTest::qWait(200);
    QVERIFY(!entered.load());
  }

  void connectionLossIsUnavailableThenRecovers() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect(20000);
    QVERIFY(c);
    const int64_t session = c->session_id();
    ::kill(zk.server->pid(), SIGSTOP);
    Status s = c->Create("/during", "", CreateMode::kPersistent).status();
    ::kill(zk.server->pid(), SIGCONT);
    QCOMPARE(s.code(), Status::Code::kUnavailable);
    QVERIFY(WaitUntil([&] { return c->Create("/after", "", CreateMode::kPersistent).ok(); }, 20000));
    QCOMPARE(c->session_id(), session);  // same session: no expiry for a short outage
  }
};

QTEST_GUILESS_MAIN(TestZkClient)
#include "test_zk_client.moc"
