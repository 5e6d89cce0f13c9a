// Unit tests of the replication throttle: Kafka's throttled-replica list format, the throttled set, and the
// byte-rate bound over real time (a short bound, so the test takes about a second).
#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include "engine/broker/config_def.h"
#include "engine/replication/replication_quota.h"

using namespace partita;
using namespace partita::replication;

class TestReplicationQuota : public QObject {
  Q_OBJECT
 private slots:
  void parsesKafkaListsForThisBroker() {
    auto p = ParseThrottledReplicas("0:1, 1:2,2:1 ,bad, 3:x, 7:1", 1);
    QVERIFY(!p.all);
    QCOMPARE(p.partitions, (std::set<int32_t>{0, 2, 7}));
    QVERIFY(ParseThrottledReplicas("*", 5).all);
    QVERIFY(ParseThrottledReplicas("", 1).empty());
    QVERIFY(ParseThrottledReplicas("0:2", 1).empty());
  }

  void topicConfigValidationUsesKafkasFormat() {
    const broker::ConfigKey* key = broker::FindTopicKey("leader.replication.throttled.replicas");
    QVERIFY(key);
    QVERIFY(broker::ValidateConfigValue(*key, "0:1,1:2").ok());
    QVERIFY(broker::ValidateConfigValue(*key, "*").ok());
    QVERIFY(broker::ValidateConfigValue(*key, "").ok());
    Status bad = broker::ValidateConfigValue(*key, "0:1,oops");
    QVERIFY(!bad.ok());
    QVERIFY(bad.message().find("leader.replication.throttled.replicas") != std::string::npos);
    QVERIFY(!broker::ValidateConfigValue(*key, "0:").ok());
  }

  void throttledOnlyWithABoundAndAListedPartition() {
    ReplicationQuota q;
    q.SetThrottled({{"t", ParseThrottledReplicas("0:1", 1)}, {"all", ParseThrottledReplicas("*", 1)}});
    QVERIFY(!q.IsThrottled({"t", PartitionId(0)}));  // no rate set: Kafka's default Long.MAX_VALUE
    q.SetRate(1000);
    QVERIFY(q.IsThrottled({"t", PartitionId(0)}));
    QVERIFY(!q.IsThrottled({"t", PartitionId(1)}));
    QVERIFY(q.IsThrottled({"all", PartitionId(9)}));
    QVERIFY(!q.IsThrottled({"other", PartitionId(0)}));
    q.SetThrottled({});
    QVERIFY(!q.IsThrottled({"t", PartitionId(0)}));
  }

  void rateBoundsBytesOverTime() {
    ReplicationQuota q;
    q.SetRate(100000);  // 100 kB/s; the bucket starts with one second's worth
    QVERIFY(!q.IsExceeded());
    q.Record(250000);  // a response larger than the bucket is paid off later
    QVERIFY(q.IsExceeded());
    // 150 kB of debt at 100 kB/s: still exceeded after 1 s, free again after 1.5 s.
    QThread::msleep(1000);
    QVERIFY(q.IsExceeded());
    QElapsedTimer t;
    t.start();
    while (q.IsExceeded() && t.elapsed() < 3000) QThread::msleep(20);
    QVERIFY(!q.IsExceeded());
    QVERIFY2(t.elapsed() >= 300, qPrintable(QString::number(t.elapsed())));
    q.SetRate(ReplicationQuota::kUnlimited);
    q.Record(1 << 30);
    QVERIFY(!q.IsExceeded());
  }
};

QTEST_GUILESS_MAIN(TestReplicationQuota)
#include "test_replication_quota.moc"
