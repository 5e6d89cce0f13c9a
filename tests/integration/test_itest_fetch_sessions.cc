// Integration: our own consumer path (ClusterClient::FetchMany, what partita-cli console-consumer reads with)
// over incremental fetch sessions (KIP-227) against a real partita-broker + ZooKeeper:
//  - the first fetch is full and opens a session; once caught up, a fetch sends no partition at all; after a
//    produce to two partitions, the next fetch sends only those two (their positions moved) and the records
//    read are exactly the ones produced, at the right offsets;
//  - CloseFetchSessions frees the broker's session (a fetch naming it is FETCH_SESSION_ID_NOT_FOUND), and the
//    next fetch opens a new one;
//  - a consumer whose session the broker no longer has (FETCH_SESSION_ID_NOT_FOUND) starts over with a full
//    fetch and loses no record.
// (KIP-951 leader discovery on the wire is tested on a 3-broker cluster: test_itest_cluster_topic_ids.)
#include <QtTest>

#include <map>
#include <string>

#include "engine/client/broker_connection.h"
#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/fetch.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

constexpr int kPartitions = 20;

// Reads everything asked for until `expected` records came, at most 60 s (a loaded CI machine).
bool ReadUntil(client::ClusterClient& c, std::map<TopicPartition, int64_t>& positions, size_t expected,
               std::map<TopicPartition, std::vector<std::string>>* values, QString* why) {
  size_t got = 0;
  const bool done = WaitUntil(
      [&] {
        client::FetchOptions o;
        o.max_wait_ms = 200;
        auto r = c.FetchMany(positions, o);
        if (!r.ok()) {
          *why = QString::fromStdString(r.status().ToString());
          return true;
        }
        for (const auto& pf : *r) {
          if (!pf.status.ok()) {
            *why = QString::fromStdString(pf.status.ToString());
            return true;
          }
          for (const auto& rec : pf.result.records) {
            (*values)[pf.tp].push_back(rec.value.value_or(""));
            positions[pf.tp] = rec.offset + 1;
            ++got;
          }
        }
        return got >= expected;
      },
      60000);
  if (why->isEmpty() && !done) *why = QString("read %1 of %2 records").arg(got).arg(expected);
  return why->isEmpty() && got == expected;
}

}  // namespace

class TestItestFetchSessions : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;

 private slots:
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void consumerSendsOnlyChangedPartitions() {
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .auto_create_topics = false}));
    auto c = client::ClusterClient::Connect(fx_->bootstrap(), {});
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    client::NewTopic t;
    t.name = "sessions";
    t.partitions = kPartitions;
    t.replication_factor = 1;
    QVERIFY2((*c)->CreateTopic(t).ok(), "create topic");
    // One record in every partition (retried while the new partitions get their leader).
    for (int p = 0; p < kPartitions; ++p) {
      Status st = Status::Unavailable("not yet");
      WaitUntil([&] { return (st = (*c)->Produce({"sessions", PartitionId(p)}, {{"k", "first-" + std::to_string(p)}}).status()).ok(); },
                60000);
      QVERIFY2(st.ok(), st.ToString().c_str());
    }
    std::map<TopicPartition, int64_t> positions;
    for (int p = 0; p < kPartitions; ++p) positions[{"sessions", PartitionId(p)}] = 0;

    // First fetch: full, opens a session.
    client::FetchOptions o;
    auto first = (*c)->FetchMany(positions, o);
    QVERIFY2(first.ok(), first.status().ToString().c_str());
    auto stats = (*c)->LastSessionFetch(1);
    QVERIFY(!stats.incremental);
    QCOMPARE(stats.partitions_sent, size_t(kPartitions));
    QVERIFY(stats.session_id != 0);
    const int32_t session_id = stats.session_id;
    std::map<TopicPartition, std::vector<std::string>> values;
    for (const auto& pf : *first) {
      QVERIFY2(pf.status.ok(), pf.status.ToString().c_str());
      for (const auto& rec : pf.result.records) {
        values[pf.tp].push_back(rec.value.value_or(""));
        positions[pf.tp] = rec.offset + 1;
      }
    }
    // A full fetch of 1 MiB per partition and 1 MiB per answer may leave some for later: read them.
    QString why;
    size_t have = 0;
    for (const auto& [tp, v] : values) have += v.size();
    QVERIFY2(ReadUntil(**c, positions, kPartitions - have, &values, &why), qPrintable(why));
    for (int p = 0; p < kPartitions; ++p) {
      QCOMPARE((values[{"sessions", PartitionId(p)}]), std::vector<std::string>{"first-" + std::to_string(p)});
    }

    // Caught up: the next fetch names nothing (positions unchanged since the last fetch of each partition) and
    // nothing comes back.
    auto idle = (*c)->FetchMany(positions, o);
    QVERIFY2(idle.ok(), idle.status().ToString().c_str());
    stats = (*c)->LastSessionFetch(1);
    QVERIFY(stats.incremental);
    QCOMPARE(stats.session_id, session_id);
    QCOMPARE(stats.partitions_sent, size_t(0));
    QVERIFY(idle->empty());

    // New records in partitions 3 and 17: read in the session, with only those partitions coming back.
    QVERIFY((*c)->Produce({"sessions", PartitionId(3)}, {{"k", "second-3a"}, {"k", "second-3b"}}).ok());
    QVERIFY((*c)->Produce({"sessions", PartitionId(17)}, {{"k", "second-17"}}).ok());
    values.clear();
    QVERIFY2(ReadUntil(**c, positions, 3, &values, &why), qPrintable(why));
    QCOMPARE(values.size(), size_t(2));
    QCOMPARE((values[{"sessions", PartitionId(3)}]), (std::vector<std::string>{"second-3a", "second-3b"}));
    QCOMPARE((values[{"sessions", PartitionId(17)}]), std::vector<std::string>{"second-17"});
    QCOMPARE((positions[{"sessions", PartitionId(3)}]), int64_t(3));
    QCOMPARE((positions[{"sessions", PartitionId(17)}]), int64_t(2));
    // The fetch after that sends exactly the two partitions whose positions moved.
    auto after = (*c)->FetchMany(positions, o);
    QVERIFY2(after.ok(), after.status().ToString().c_str());
    stats = (*c)->LastSessionFetch(1);
    QVERIFY(stats.incremental);
    QCOMPARE(stats.session_id, session_id);
    QCOMPARE(stats.partitions_sent, size_t(2));

    // Closing frees the broker's session: naming it again is FETCH_SESSION_ID_NOT_FOUND.
    (*c)->CloseFetchSessions();
    auto conn = client::BrokerConnection::Connect("127.0.0.1", fx_->port(), {});
    QVERIFY2(conn.ok(), conn.status().ToString().c_str());
    protocol::FetchRequest probe;
    probe.session_id = session_id;
    probe.session_epoch = 5;
    auto answer = (*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(probe, 12);
    QVERIFY2(answer.ok(), answer.status().ToString().c_str());
    QCOMPARE(answer->error_code, int16_t(70));  // FETCH_SESSION_ID_NOT_FOUND

    // A new session after the close reads the next records (a full fetch first).
    QVERIFY((*c)->Produce({"sessions", PartitionId(9)}, {{"k", "third-9"}}).ok());
    values.clear();
    QVERIFY2(ReadUntil(**c, positions, 1, &values, &why), qPrintable(why));
    QCOMPARE((values[{"sessions", PartitionId(9)}]), std::vector<std::string>{"third-9"});
  }

  void sessionLostStartsOver() {
    // The broker forgets the consumer's session (another connection closes it, as an eviction or a broker
    // restart would lose it): the consumer's next incremental fetch is answered FETCH_SESSION_ID_NOT_FOUND, it
    // starts over with a full fetch, and no record is lost.
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .auto_create_topics = false}));
    auto c = client::ClusterClient::Connect(fx_->bootstrap(), {});
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    client::NewTopic t;
    t.name = "lost";
    t.partitions = 4;
    t.replication_factor = 1;
    QVERIFY2((*c)->CreateTopic(t).ok(), "create topic");
    Status st = Status::Unavailable("not yet");
    WaitUntil([&] { return (st = (*c)->Produce({"lost", PartitionId(2)}, {{"k", "before"}}).status()).ok(); }, 60000);
    QVERIFY2(st.ok(), st.ToString().c_str());
    std::map<TopicPartition, int64_t> positions;
    for (int p = 0; p < 4; ++p) positions[{"lost", PartitionId(p)}] = 0;
    std::map<TopicPartition, std::vector<std::string>> values;
    QString why;
    QVERIFY2(ReadUntil(**c, positions, 1, &values, &why), qPrintable(why));
    const int32_t old_session = (*c)->LastSessionFetch(1).session_id;
    QVERIFY(old_session != 0);

    auto conn = client::BrokerConnection::Connect("127.0.0.1", fx_->port(), {});
    QVERIFY2(conn.ok(), conn.status().ToString().c_str());
    protocol::FetchRequest close;
    close.session_id = old_session;
    close.session_epoch = -1;  // KIP-227's final epoch: closes the session
    auto closed = (*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(close, 12);
    QVERIFY2(closed.ok(), closed.status().ToString().c_str());
    QCOMPARE(closed->error_code, int16_t(0));

    QVERIFY((*c)->Produce({"lost", PartitionId(1)}, {{"k", "after"}}).ok());
    client::FetchOptions o;
    auto lost = (*c)->FetchMany(positions, o);  // incremental, on a session the broker no longer has
    QVERIFY2(lost.ok(), lost.status().ToString().c_str());
    QVERIFY(lost->empty());
    QCOMPARE((*c)->LastSessionFetch(1).session_id, 0);  // the builder started over
    values.clear();
    QVERIFY2(ReadUntil(**c, positions, 1, &values, &why), qPrintable(why));
    QCOMPARE((values[{"lost", PartitionId(1)}]), std::vector<std::string>{"after"});
    const auto stats = (*c)->LastSessionFetch(1);
    QVERIFY(stats.session_id != 0);
    QVERIFY(stats.session_id != old_session);
    (*c)->CloseFetchSessions();
  }
};

QTEST_GUILESS_MAIN(TestItestFetchSessions)
#include "test_itest_fetch_sessions.moc"
