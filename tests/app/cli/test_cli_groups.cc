// Unit tests of partita-cli consumer-groups' pure parts: reset-offset targets (Kafka's rules, clamping),
// --to-datetime and --by-duration parsing, --topic T:0,1, and the describe / members / state tables.
#include <QtTest>

#include "app/cli/group_format.h"

using namespace partita;
using namespace partita::cli;
using Kind = ResetSpec::Kind;

namespace {

client::PartitionLag Row(int32_t partition, int64_t committed, int64_t log_end, int64_t lag, int64_t time_lag,
                         const std::string& member, const std::string& client, const std::string& host) {
  client::PartitionLag r;
  r.tp.topic = "t";
  r.tp.partition = PartitionId(partition);
  r.committed = committed;
  r.log_start = 0;
  r.log_end = log_end;
  r.lag = lag;
  r.time_lag_ms = time_lag;
  r.member_id = member;
  r.client_id = client;
  r.host = host;
  return r;
}

}  // namespace

class TestCliGroups : public QObject {
  Q_OBJECT
 private slots:
  void resetTargets() {
    // committed 40, log [10, 100)
    auto t = [](Kind k, int64_t v, int64_t committed, int64_t for_time = -1) {
      return *ResetTarget({k, v}, committed, 10, 100, for_time);
    };
    QCOMPARE(t(Kind::kEarliest, 0, 40), int64_t(10));
    QCOMPARE(t(Kind::kLatest, 0, 40), int64_t(100));
    QCOMPARE(t(Kind::kCurrent, 0, 40), int64_t(40));
    QCOMPARE(t(Kind::kCurrent, 0, -1), int64_t(100));  // no commit: the log end, as Kafka
    QCOMPARE(t(Kind::kShiftBy, -5, 40), int64_t(35));
    QCOMPARE(t(Kind::kShiftBy, -500, 40), int64_t(10));  // clamped to the log start
    QCOMPARE(t(Kind::kShiftBy, 500, 40), int64_t(100));  // clamped to the log end
    QCOMPARE(t(Kind::kToOffset, 3, 40), int64_t(10));
    QCOMPARE(t(Kind::kToOffset, 77, 40), int64_t(77));
    QCOMPARE(t(Kind::kDatetime, 0, 40, 55), int64_t(55));
    QCOMPARE(t(Kind::kDatetime, 0, 40, -1), int64_t(100));  // no record at or after the time
    QCOMPARE(t(Kind::kByDuration, 0, -1, 12), int64_t(12));
    auto shift = ResetTarget({Kind::kShiftBy, 1}, -1, 10, 100, -1);
    QVERIFY(!shift.ok());
  }

  void lookupTimestamp() {
    QCOMPARE(*ResetSpec({Kind::kDatetime, 1234}).LookupTimestamp(5000), int64_t(1234));
    QCOMPARE(*ResetSpec({Kind::kByDuration, 1000}).LookupTimestamp(5000), int64_t(4000));
    QVERIFY(!ResetSpec({Kind::kEarliest, 0}).LookupTimestamp(5000).has_value());
  }

  void datetimes() {
    QCOMPARE(*ParseResetDatetime("2024-01-02T03:04:05.678Z"), int64_t(1704164645678));
    QCOMPARE(*ParseResetDatetime("2024-01-02T03:04:05Z"), int64_t(1704164645000));
    QCOMPARE(*ParseResetDatetime("2024-01-02T05:04:05.678+02:00"), int64_t(1704164645678));
    QCOMPARE(*ParseResetDatetime("2024-01-01T22:04:05.678-0500"), int64_t(1704164645678));
    qputenv("TZ", "UTC");
    tzset();
    QCOMPARE(*ParseResetDatetime("2024-01-02T03:04:05.678"), int64_t(1704164645678));  // local time
    for (const char* bad : {"2024-01-02", "2024-13-02T03:04:05", "2024-01-02T03:04:05.6", "yesterday",
                            "2024-01-02T03:04:05Zx"}) {
      auto r = ParseResetDatetime(bad);
      QVERIFY2(!r.ok(), bad);
      QVERIFY(r.status().message().find("YYYY-MM-DDTHH:mm:SS.sss") != std::string::npos);
    }
  }

  void durations() {
    QCOMPARE(*ParseIsoDuration("PT15M"), int64_t(15 * 60000));
    QCOMPARE(*ParseIsoDuration("P1DT2H3M4S"), int64_t(86400000 + 2 * 3600000 + 3 * 60000 + 4000));
    QCOMPARE(*ParseIsoDuration("PT0.5S"), int64_t(500));
    QCOMPARE(*ParseIsoDuration("P2D"), int64_t(2 * 86400000LL));
    for (const char* bad : {"", "P", "PT", "15M", "P1H", "PT1D", "PTxS", "PT-1S"}) {
      QVERIFY2(!ParseIsoDuration(bad).ok(), bad);
    }
  }

  void topicSelection() {
    auto all = ParseTopicSelection("orders");
    QCOMPARE(all->topic, std::string("orders"));
    QVERIFY(all->partitions.empty());
    auto some = ParseTopicSelection("orders:0,2");
    QCOMPARE(some->partitions, (std::vector<int32_t>{0, 2}));
    QVERIFY(!ParseTopicSelection(":1").ok());
    QVERIFY(!ParseTopicSelection("orders:x").ok());
    QVERIFY(!ParseTopicSelection("orders:").ok());
  }

  void offsetsTable() {
    client::GroupDescription g;
    g.group_id = "g1";
    g.state = "Stable";
    client::GroupMemberInfo idle;
    idle.member_id = "m-idle";
    idle.client_id = "c2";
    idle.host = "/127.0.0.1";
    g.members.push_back(idle);
    const client::PartitionLag owned = Row(0, 7, 10, 3, 1500, "m-1", "c1", "/127.0.0.1");
    const client::PartitionLag orphan = Row(1, 4, 4, 0, 0, "", "", "");
    const client::PartitionLag uncommitted = Row(2, -1, 9, -1, -1, "m-1", "c1", "/127.0.0.1");
    const std::string out = FormatGroupOffsets(g, {owned, orphan, uncommitted});
    const QStringList lines = QString::fromStdString(out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0].split(' ', Qt::SkipEmptyParts),
             (QStringList{"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                          "CLIENT-ID", "TIME-LAG-MS"}));
    QCOMPARE(lines[1].split(' ', Qt::SkipEmptyParts),
             (QStringList{"g1", "t", "0", "7", "10", "3", "m-1", "/127.0.0.1", "c1", "1500"}));
    QCOMPARE(lines[2].split(' ', Qt::SkipEmptyParts), (QStringList{"g1", "t", "1", "4", "4", "0", "-", "-", "-", "0"}));
    QCOMPARE(lines[3].split(' ', Qt::SkipEmptyParts),
             (QStringList{"g1", "t", "2", "-", "9", "-", "m-1", "/127.0.0.1", "c1", "-"}));
    QCOMPARE(lines[4].split(' ', Qt::SkipEmptyParts),
             (QStringList{"g1", "-", "-", "-", "-", "-", "m-idle", "/127.0.0.1", "c2", "-"}));
    // Columns line up: every row's LAG starts where the header's does.
    const int lag_col = lines[0].indexOf("LAG ");
    QCOMPARE(lines[1].mid(lag_col, 2), QString("3 "));
  }

  void membersAndStateTables() {
    client::GroupDescription g;
    g.group_id = "g1";
    g.state = "Stable";
    g.protocol = "range";
    g.coordinator = 2;
    client::GroupMemberInfo m;
    m.member_id = "m-1";
    m.group_instance_id = "i-1";
    m.client_id = "c1";
    m.host = "/127.0.0.1";
    m.assignment = {{"t", PartitionId(1)}, {"t", PartitionId(0)}, {"u", PartitionId(3)}};
    g.members.push_back(m);
    QStringList plain = QString::fromStdString(FormatGroupMembers(g, false)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(plain[1].split(' ', Qt::SkipEmptyParts), (QStringList{"g1", "m-1", "/127.0.0.1", "c1", "3"}));
    QStringList verbose = QString::fromStdString(FormatGroupMembers(g, true)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(verbose[1].split(' ', Qt::SkipEmptyParts),
             (QStringList{"g1", "m-1", "i-1", "/127.0.0.1", "c1", "3", "t(0,1),u(3)"}));
    QStringList state = QString::fromStdString(FormatGroupState(g, "127.0.0.1:9093")).split('\n', Qt::SkipEmptyParts);
    QVERIFY(state[0].startsWith("GROUP COORDINATOR (ID)"));
    QCOMPARE(state[1].split(' ', Qt::SkipEmptyParts),
             (QStringList{"g1", "127.0.0.1:9093", "(2)", "range", "Stable", "1"}));
  }
};

QTEST_GUILESS_MAIN(TestCliGroups)
#include "test_cli_groups.moc"
