// Integration: the replication metrics of a 3-broker cluster (real partita-broker processes and ZooKeeper, kcat
// as the producer), scraped over HTTP from each broker's metrics.listener: a killed follower makes the leader
// report an under-replicated partition; its return is an ISR expansion committed by the leader; killing the leader
// is one clean leader election counted by the active controller.
#include <QtTest>

#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestClusterMetrics : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  // The value of `metric` on broker `id` (summed over matching series), or nullopt if it cannot be scraped.
  std::optional<double> Scrape(int id, const std::string& metric,
                               const std::vector<std::pair<std::string, std::string>>& labels = {}) {
    auto parsed = ScrapeBroker(*c_, id);
    if (!parsed) return std::nullopt;
    return parsed->Sum(metric, labels);
  }

  bool WaitForMetric(int id, const std::string& metric, const std::function<bool(double)>& ok, int timeout_ms = 60000) {
    return WaitUntil(
        [&] {
          auto v = Scrape(id, metric);
          return v && ok(*v);
        },
        timeout_ms);
  }

 private slots:
  void initTestCase() { ITEST_REQUIRE(MissingClusterTools()); }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("%s", qPrintable(c_->AllLogTails()));
    c_.reset();
  }

  void followerLossIsrExpansionAndElection() {
    auto started = ClusterUnderTest::Start({{"metrics.listener", "http://127.0.0.1:0"},
                                            {"replica.lag.time.max.ms", "3000"}});
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    c_ = std::move(*started);
    auto md = c_->Metadata();
    QVERIFY(md);
    const int controller = md->controller_id;
    std::vector<int> others;
    for (int id = 1; id <= 3; ++id)
      if (id != controller) others.push_back(id);
    const int leader = others[0], follower = others[1];
    // The leader and the follower we kill are not the controller, so the controller counts the election.
    ITEST_CHECK_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "m3",
                             "--replica-assignment", QString("%1:%2:%3").arg(leader).arg(follower).arg(controller)}),
                    c_->AllLogTails());
    QVERIFY(WaitUntil([&] { return FullyReplicated(*c_, "m3"); }, 60000));
    ITEST_CHECK_RUN(RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "m3", "-X", "acks=all"}, 60000, "a\nb\nc\n"),
                    c_->AllLogTails());
    QVERIFY(WaitForMetric(leader, "kafka_server_replicamanager_leader_count", [](double v) { return v >= 1; }));
    QCOMPARE(Scrape(leader, "kafka_server_replicamanager_under_replicated_partitions").value_or(-1), 0.0);
    QCOMPARE(Scrape(controller, "kafka_controller_active_controller_count").value_or(-1), 1.0);
    QCOMPARE(Scrape(leader, "kafka_controller_active_controller_count").value_or(-1), 0.0);
    const double expands_before = Scrape(leader, "kafka_server_isr_expands_total").value_or(-1);
    QVERIFY(expands_before >= 0);

    // A follower dies: the leader's partition is under-replicated once the follower leaves the ISR.
    ITEST_VERIFY_STATUS(c_->cluster().KillBroker(follower), nullptr);
    QVERIFY2(WaitForMetric(leader, "kafka_server_replicamanager_under_replicated_partitions",
                           [](double v) { return v == 1; }),
             "the leader never reported the under-replicated partition");
    QCOMPARE(Scrape(leader, "kafka_server_replicamanager_under_min_isr_partition_count").value_or(-1), 0.0);

    // It returns and catches up: the leader commits the ISR expansion.
    ITEST_VERIFY_STATUS(c_->RestartAfterCrash(follower), nullptr);
    QVERIFY(WaitUntil([&] { return FullyReplicated(*c_, "m3"); }, 60000));
    QVERIFY(WaitForMetric(leader, "kafka_server_isr_expands_total", [&](double v) { return v > expands_before; }));
    QVERIFY(WaitForMetric(leader, "kafka_server_replicamanager_under_replicated_partitions",
                          [](double v) { return v == 0; }));

    // The leader dies: the controller elects another ISR member, a clean election.
    const double elections_before = Scrape(controller, "kafka_controller_leader_elections_total").value_or(-1);
    QVERIFY(elections_before >= 0);
    ITEST_VERIFY_STATUS(c_->cluster().KillBroker(leader), nullptr);
    QVERIFY2(WaitForMetric(controller, "kafka_controller_leader_elections_total",
                           [&](double v) { return v > elections_before; }),
             "the controller never counted the election");
    QCOMPARE(Scrape(controller, "kafka_controller_unclean_leader_elections_total").value_or(-1), 0.0);
    QCOMPARE(Scrape(controller, "kafka_controller_offline_partitions_count").value_or(-1), 0.0);
  }
};

QTEST_GUILESS_MAIN(TestItestClusterMetrics)
#include "test_itest_cluster_metrics.moc"
