// The ACL znodes against a real ZooKeeper: Kafka's paths and JSON, change notifications in Kafka's two formats,
// removal deleting an emptied node, concurrent writers on one resource (two ZooKeeper sessions, as two brokers)
// losing no ACL, and the change watcher reloading on every notification.
#include <QtTest>

#include <atomic>
#include <thread>

#include "engine/coordination/acl_change_watcher.h"
#include "engine/coordination/acl_znodes.h"
#include "tests/engine/coordination/zk_test_util.h"

using namespace partita;
using namespace partita::coordination;
using namespace partita::security;
using partita::testing::ZkFixture;

namespace {

AclBinding Binding(AclResourceType type, const std::string& name, AclPatternType pattern, const std::string& principal,
                   AclOperation op, AclPermission permission = AclPermission::kAllow) {
  return {type, name, pattern, {principal, "*", op, permission}};
}

}  // namespace

class TestAclZnodes : public QObject {
  Q_OBJECT
 private slots:
  void storedAsKafkaStoresThem() {
    ZkFixture zk;
    QVERIFY2(zk.Start(), "ZooKeeper did not start (apt-get install -y zookeeper default-jre-headless)");
    auto c = zk.Connect();
    QVERIFY(c);
    QVERIFY(AddAcls(c.get(), {Binding(AclResourceType::kTopic, "t", AclPatternType::kLiteral, "User:alice", AclOperation::kRead),
                              Binding(AclResourceType::kGroup, "g-", AclPatternType::kPrefixed, "User:bob", AclOperation::kRead)})
                .ok());
    auto literal = c->Get("/kafka-acl/Topic/t");
    QVERIFY(literal.ok());
    QCOMPARE(QString::fromStdString(literal->data),
             QString(R"({"acls":[{"host":"*","operation":"Read","permissionType":"Allow","principal":"User:alice"}],"version":1})"));
    QVERIFY(c->Get("/kafka-acl-extended/prefixed/Group/g-").ok());
    auto changes = c->GetChildren("/kafka-acl-changes");
    QVERIFY(changes.ok());
    QCOMPARE(changes->size(), size_t(1));
    QVERIFY(changes->front().starts_with("acl_changes_"));
    QCOMPARE(QString::fromStdString(c->Get("/kafka-acl-changes/" + changes->front())->data), QString("Topic:t"));
    auto extended = c->GetChildren("/kafka-acl-extended-changes");
    QVERIFY(extended.ok() && extended->size() == 1);
    QVERIFY(c->Get("/kafka-acl-extended-changes/" + extended->front())->data.find("\"patternType\":\"PREFIXED\"") !=
            std::string::npos);
    auto all = LoadAllAcls(c.get());
    QVERIFY(all.ok());
    QCOMPARE(all->size(), size_t(2));
    // Adding an ACL that is there changes nothing; removing the last entry deletes the znode.
    QVERIFY(AddAcls(c.get(), {Binding(AclResourceType::kTopic, "t", AclPatternType::kLiteral, "User:alice", AclOperation::kRead)}).ok());
    QCOMPARE(c->GetChildren("/kafka-acl-changes")->size(), size_t(1));
    QVERIFY(RemoveAcls(c.get(), {Binding(AclResourceType::kTopic, "t", AclPatternType::kLiteral, "User:alice", AclOperation::kRead)}).ok());
    QVERIFY(c->Get("/kafka-acl/Topic/t").status().IsNotFound());
    QCOMPARE(LoadAllAcls(c.get())->size(), size_t(1));
  }

  // Two sessions adding different ACLs to one resource at once: the conditional writes retry, nothing is lost.
  void concurrentWritersLoseNothing() {
    ZkFixture zk;
    QVERIFY2(zk.Start(), "ZooKeeper did not start");
    auto a = zk.Connect();
    auto b = zk.Connect();
    QVERIFY(a && b);
    constexpr int kEach = 25;
    std::atomic<int> failures{0};
    auto writer = [&](ZkClient* c, const std::string& who) {
      for (int i = 0; i < kEach; ++i) {
        if (!AddAcls(c, {Binding(AclResourceType::kTopic, "hot", AclPatternType::kLiteral,
                                 "User:" + who + std::to_string(i), AclOperation::kWrite)})
                 .ok()) {
          ++failures;
        }
      }
    };
    std::thread ta(writer, a.get(), "a");
    std::thread tb(writer, b.get(), "b");
    ta.join();
    tb.join();
    QCOMPARE(failures.load(), 0);
    auto all = LoadAllAcls(a.get());
    QVERIFY(all.ok());
    QCOMPARE(all->size(), size_t(2 * kEach));
  }

  void watcherReloadsOnEveryChange() {
    ZkFixture zk;
    QVERIFY2(zk.Start(), "ZooKeeper did not start");
    auto watched = zk.Connect();
    auto writer = zk.Connect();
    QVERIFY(watched && writer);
    std::atomic<size_t> seen{0};
    AclChangeWatcher watcher(watched.get(), [&] {
      auto all = LoadAllAcls(watched.get());
      if (!all.ok()) return all.status();
      seen = all->size();
      return Status::Ok();
    });
    watcher.Start();
    QVERIFY(AddAcls(writer.get(), {Binding(AclResourceType::kTopic, "x", AclPatternType::kLiteral, "User:a", AclOperation::kRead)}).ok());
    QVERIFY(partita::testing::WaitUntil([&] { return seen == 1; }));
    QVERIFY(AddAcls(writer.get(), {Binding(AclResourceType::kTopic, "x-", AclPatternType::kPrefixed, "User:a", AclOperation::kRead)}).ok());
    QVERIFY(partita::testing::WaitUntil([&] { return seen == 2; }));
    QVERIFY(RemoveAcls(writer.get(), {Binding(AclResourceType::kTopic, "x", AclPatternType::kLiteral, "User:a", AclOperation::kRead)}).ok());
    QVERIFY(partita::testing::WaitUntil([&] { return seen == 1; }));
    watcher.Stop();
  }
};

QTEST_GUILESS_MAIN(TestAclZnodes)
#include "test_acl_znodes.moc"
