// The two halves of incremental fetch sessions (KIP-227) together: the client's FetchSessionBuilder against the
// broker's FetchSessionCache. The property that matters: whatever the client adds, moves or drops, and whatever
// sessions the broker loses, the partitions the broker reads are exactly the ones the client wants, at the
// client's positions — and once a session runs, requests carry only what changed.
#include <QtTest>

#include <memory>
#include <random>

#include "engine/broker/fetch_session_cache.h"
#include "engine/client/fetch_session_builder.h"

using namespace partita;
using protocol::ErrorCode;
using protocol::FetchRequest;
using protocol::FetchResponse;

namespace {

constexpr int16_t kVersion = 11;

using Positions = std::map<TopicPartition, int64_t>;

Positions Read(const FetchRequest& r) {
  Positions out;
  for (const auto& t : r.topics)
    for (const auto& p : t.partitions) out[{t.topic, PartitionId(p.partition)}] = p.fetch_offset;
  return out;
}

size_t Count(const FetchRequest& r) {
  size_t n = 0;
  for (const auto& t : r.topics) n += t.partitions.size();
  return n;
}

FetchResponse Answer(const FetchRequest& effective) {
  FetchResponse resp;
  for (const auto& t : effective.topics) {
    auto& out = resp.responses.emplace_back();
    out.topic = t.topic;
    for (const auto& p : t.partitions) {
      auto& po = out.partitions.emplace_back();
      po.partition_index = p.partition;
      po.high_watermark = p.fetch_offset;
    }
  }
  return resp;
}

client::FetchSessionBuilder::Wanted Want(const Positions& positions) {
  client::FetchSessionBuilder::Wanted wanted;
  for (const auto& [tp, offset] : positions) {
    auto& p = wanted[tp];
    p.partition = tp.partition.value;
    p.fetch_offset = offset;
    p.partition_max_bytes = 1 << 20;
  }
  return wanted;
}

std::shared_ptr<broker::Partition> NotHosted(const TopicPartition&) { return nullptr; }

}  // namespace

class TestFetchSessionBuilder : public QObject {
  Q_OBJECT
 private slots:
  void aRunningSessionSendsOnlyChanges() {
    broker::FetchSessionCache cache;
    client::FetchSessionBuilder builder;
    Positions wanted;
    for (int p = 0; p < 100; ++p) wanted[{"t", PartitionId(p)}] = 0;
    FetchRequest first;
    builder.Build(Want(wanted), kVersion, &first);
    QCOMPARE(Count(first), size_t(100));
    auto c1 = cache.Begin(first, kVersion, true, 0);
    FetchResponse r1 = Answer(*cache.Wanted(c1));
    cache.Complete(c1, cache.Plan(c1, NotHosted, 0, false), {}, &r1);
    QVERIFY(builder.OnResponse(r1));
    QVERIFY(builder.session_id() != 0);

    wanted[{"t", PartitionId(7)}] = 50;
    FetchRequest second;
    builder.Build(Want(wanted), kVersion, &second);
    QVERIFY(builder.last_was_incremental());
    QCOMPARE(Count(second), size_t(1));
    auto c2 = cache.Begin(second, kVersion, true, 0);
    QCOMPARE(c2.error, ErrorCode::kNone);
    QVERIFY(Read(*cache.Wanted(c2)) == wanted);
  }

  // Fetch v13 (KIP-516): topics and forgotten topics travel by id, the broker's session keeps the id beside each
  // partition (its reads check it), NameTopics maps an answer back, and a switch between by-name and by-id
  // versions starts a new session.
  void topicIdsFromV13() {
    broker::FetchSessionCache cache;
    client::FetchSessionBuilder builder;
    const client::FetchSessionBuilder::TopicIds ids{{"a", protocol::Uuid{1}}, {"b", protocol::Uuid{2}}};
    Positions wanted{{{"a", PartitionId(0)}, 0}, {{"b", PartitionId(0)}, 0}, {{"b", PartitionId(1)}, 0}};
    FetchRequest first;
    builder.Build(Want(wanted), 13, &first, &ids);
    QCOMPARE(first.topics.size(), size_t(2));
    QCOMPARE(first.topics[0].topic_id, protocol::Uuid{1});
    QCOMPARE(first.topics[1].topic_id, protocol::Uuid{2});
    auto c1 = cache.Begin(first, 13, true, 0);
    FetchResponse r1 = Answer(*cache.Wanted(c1));
    cache.Complete(c1, cache.Plan(c1, NotHosted, 0, false), {}, &r1);
    QVERIFY(builder.OnResponse(r1));

    wanted.erase({"b", PartitionId(1)});
    wanted[{"a", PartitionId(0)}] = 9;
    FetchRequest second;
    builder.Build(Want(wanted), 13, &second, &ids);
    QVERIFY(builder.last_was_incremental());
    QCOMPARE(second.topics.at(0).topic_id, protocol::Uuid{1});
    QCOMPARE(second.forgotten_topics_data.at(0).topic_id, protocol::Uuid{2});
    auto c2 = cache.Begin(second, 13, true, 0);
    QVERIFY(Read(*cache.Wanted(c2)) == wanted);
    const auto wanted_now = cache.Wanted(c2);
    for (const auto& t : wanted_now->topics) QCOMPARE(t.topic_id, ids.at(t.topic));

    FetchResponse answer;
    answer.responses.emplace_back().topic_id = protocol::Uuid{2};
    answer.responses.emplace_back().topic_id = protocol::Uuid{3};
    client::FetchSessionBuilder::NameTopics(ids, &answer);
    QCOMPARE(answer.responses[0].topic, std::string("b"));
    QVERIFY(answer.responses[1].topic.empty());

    FetchRequest by_name;
    builder.Build(Want(wanted), 12, &by_name);
    QVERIFY(!builder.last_was_incremental());
    QCOMPARE(by_name.session_epoch, 0);
  }

  void brokerAlwaysReadsWhatTheClientWants() {
    auto cache = std::make_unique<broker::FetchSessionCache>(broker::FetchSessionOptions{.max_slots = 4});
    client::FetchSessionBuilder builder;
    std::mt19937 rng(1234);
    Positions wanted;
    size_t incremental = 0;
    size_t recovered = 0;
    for (int round = 0; round < 2000; ++round) {
      // Move, add and drop partitions at random.
      const int change = std::uniform_int_distribution<int>(0, 9)(rng);
      const TopicPartition tp{change % 2 ? "a" : "b", PartitionId(std::uniform_int_distribution<int>(0, 30)(rng))};
      if (change < 6) {
        wanted[tp] += std::uniform_int_distribution<int>(1, 100)(rng);
      } else if (change < 8) {
        wanted.erase(tp);
      } else if (change == 8) {
        // The broker loses the session (evicted, restarted): a fresh cache.
        cache = std::make_unique<broker::FetchSessionCache>(broker::FetchSessionOptions{.max_slots = 4});
      }
      if (wanted.empty()) wanted[{"a", PartitionId(0)}] = 1;
      FetchRequest request;
      builder.Build(Want(wanted), kVersion, &request);
      if (builder.last_was_incremental()) ++incremental;
      auto context = cache->Begin(request, kVersion, false, round);
      if (context.error != ErrorCode::kNone) {
        FetchResponse error;
        error.error_code = static_cast<int16_t>(context.error);
        QVERIFY(!builder.OnResponse(error));
        ++recovered;
        continue;
      }
      QVERIFY2(Read(*cache->Wanted(context)) == wanted, qPrintable(QString("round %1").arg(round)));
      FetchResponse response = Answer(*cache->Wanted(context));
      cache->Complete(context, cache->Plan(context, NotHosted, 0, false), {}, &response);
      QVERIFY(builder.OnResponse(response));
    }
    // Most fetches ran in a session, and every lost session was recovered from.
    QVERIFY2(incremental > 1500, qPrintable(QString::number(incremental)));
    QVERIFY(recovered > 0);
  }

  // The replica fetcher's way (issue 11): Set / Remove only what moved; BuildChanges sends just that, and after a
  // lost session a full fetch of everything still wanted.
  void setAndRemoveSendOnlyWhatMoved() {
    broker::FetchSessionCache cache;
    client::FetchSessionBuilder builder;
    Positions wanted;
    for (int p = 0; p < 50; ++p) wanted[{"t", PartitionId(p)}] = 0;
    for (const auto& [tp, p] : Want(wanted)) builder.Set(tp, p);
    FetchRequest first;
    builder.BuildChanges(kVersion, &first);
    QCOMPARE(Count(first), size_t(50));
    auto c1 = cache.Begin(first, kVersion, true, 0);
    FetchResponse r1 = Answer(*cache.Wanted(c1));
    cache.Complete(c1, cache.Plan(c1, NotHosted, 0, false), {}, &r1);
    QVERIFY(builder.OnResponse(r1));

    const auto all = Want(wanted);
    builder.Set({"t", PartitionId(3)}, all.at({"t", PartitionId(3)}));  // unchanged: not sent
    auto moved = all.at({"t", PartitionId(4)});
    moved.fetch_offset = 7;
    builder.Set({"t", PartitionId(4)}, moved);
    builder.Remove({"t", PartitionId(5)});
    wanted[{"t", PartitionId(4)}] = 7;
    wanted.erase({"t", PartitionId(5)});
    FetchRequest second;
    builder.BuildChanges(kVersion, &second);
    QVERIFY(builder.last_was_incremental());
    QCOMPARE(Count(second), size_t(1));
    QCOMPARE(second.forgotten_topics_data.at(0).partitions, std::vector<int32_t>{5});
    auto c2 = cache.Begin(second, kVersion, true, 0);
    QVERIFY(Read(*cache.Wanted(c2)) == wanted);

    builder.Reset();  // the connection was lost
    FetchRequest third;
    builder.BuildChanges(kVersion, &third);
    QVERIFY(!builder.last_was_incremental());
    QVERIFY(Read(third) == wanted);
    QCOMPARE(builder.wanted_count(), wanted.size());
  }

  void belowVersion7ThereAreNoSessions() {
    client::FetchSessionBuilder builder;
    FetchRequest request;
    builder.Build(Want({{{"a", PartitionId(0)}, 5}}), 6, &request);
    QCOMPARE(request.session_epoch, -1);
    FetchResponse response;
    QVERIFY(builder.OnResponse(response));
    builder.Build(Want({{{"a", PartitionId(0)}, 5}}), 6, &request);
    QVERIFY(!builder.last_was_incremental());
  }
};

QTEST_GUILESS_MAIN(TestFetchSessionBuilder)
#include "test_fetch_session_builder.moc"
