// Unit tests for incremental fetch sessions (KIP-227): the session fields of a request (sessionless, full,
// incremental, errors), what an incremental answer leaves out, round-robin order, eviction and the bounds.
#include <QtTest>

#include <map>
#include <set>

#include "engine/broker/fetch_session_cache.h"
#include "tests/engine/broker/partition_fixture.h"

using namespace partita;
using namespace partita::broker;
using protocol::ErrorCode;
using protocol::FetchRequest;
using protocol::FetchResponse;

namespace {

constexpr int16_t kVersion = 11;

FetchRequest::Partition At(int32_t partition, int64_t offset) {
  FetchRequest::Partition p;
  p.partition = partition;
  p.fetch_offset = offset;
  p.partition_max_bytes = 1 << 20;
  return p;
}

FetchRequest Request(int32_t session_id, int32_t epoch,
                     std::vector<std::pair<std::string, FetchRequest::Partition>> partitions,
                     std::vector<std::pair<std::string, int32_t>> forgotten = {}) {
  FetchRequest r;
  r.session_id = session_id;
  r.session_epoch = epoch;
  for (auto& [topic, p] : partitions) {
    if (r.topics.empty() || r.topics.back().topic != topic) r.topics.emplace_back().topic = topic;
    r.topics.back().partitions.push_back(p);
  }
  for (auto& [topic, partition] : forgotten) {
    if (r.forgotten_topics_data.empty() || r.forgotten_topics_data.back().topic != topic)
      r.forgotten_topics_data.emplace_back().topic = topic;
    r.forgotten_topics_data.back().partitions.push_back(partition);
  }
  return r;
}

// "topic-partition@offset" for every partition of a request, in order.
std::string Describe(const FetchRequest& r) {
  std::string out;
  for (const auto& t : r.topics)
    for (const auto& p : t.partitions)
      out += (out.empty() ? "" : " ") + t.topic + "-" + std::to_string(p.partition) + "@" +
             std::to_string(p.fetch_offset);
  return out;
}

struct Answer {
  std::string topic;
  int32_t partition;
  int64_t high_watermark;
  bool records = false;
  int16_t error = 0;
};

// The answer a broker would read for `effective`: each partition's high watermark from `hw` (default 10).
FetchResponse Read(const FetchRequest& effective, std::map<std::string, int64_t> hw = {},
                   std::set<std::string> with_records = {}, std::set<std::string> with_error = {}) {
  FetchResponse resp;
  for (const auto& t : effective.topics) {
    auto& out = resp.responses.emplace_back();
    out.topic = t.topic;
    for (const auto& p : t.partitions) {
      const std::string key = t.topic + "-" + std::to_string(p.partition);
      auto& po = out.partitions.emplace_back();
      po.partition_index = p.partition;
      po.high_watermark = hw.count(key) ? hw[key] : 10;
      po.last_stable_offset = po.high_watermark;
      po.log_start_offset = 0;
      if (with_records.count(key)) po.records.SetOwned(std::vector<uint8_t>(61, 1));
      if (with_error.count(key)) po.error_code = 6;
    }
  }
  return resp;
}

std::string Describe(const FetchResponse& r) {
  std::string out;
  for (const auto& t : r.responses)
    for (const auto& p : t.partitions) out += (out.empty() ? "" : " ") + t.topic + "-" + std::to_string(p.partition_index);
  return out;
}

std::shared_ptr<Partition> NotHosted(const TopicPartition&) { return nullptr; }

// With no partition hosted, every partition of a session is read at every fetch (as by Kafka).
FetchPlan PlanOf(FetchSessionCache& cache, const FetchSessionContext& c) { return cache.Plan(c, NotHosted, 0, false); }

void Complete(FetchSessionCache& cache, const FetchSessionContext& c, FetchResponse* answer) {
  cache.Complete(c, PlanOf(cache, c), {}, answer);
}

}  // namespace

class TestFetchSessionCache : public QObject {
  Q_OBJECT
 private slots:
  void sessionlessFetchKeepsNoSession() {
    FetchSessionCache cache;
    auto c = cache.Begin(Request(0, -1, {{"a", At(0, 5)}}), kVersion, false, 0);
    QCOMPARE(c.error, ErrorCode::kNone);
    QCOMPARE(c.response_session_id, 0);
    QVERIFY(!c.incremental);
    QCOMPARE(Describe(*cache.Wanted(c)), std::string("a-0@5"));
    QCOMPARE(cache.size(), size_t(0));
    // Versions before 7 have no session fields at all.
    QCOMPARE(cache.Begin(Request(0, 0, {{"a", At(0, 5)}}), 6, false, 0).response_session_id, 0);
  }

  void fullFetchOpensASessionAndIncrementalOnesNameOnlyChanges() {
    FetchSessionCache cache;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 5)}, {"a", At(1, 7)}, {"b", At(0, 1)}}), kVersion, false, 0);
    QVERIFY(full.response_session_id != 0);
    QCOMPARE(cache.size(), size_t(1));
    FetchResponse first = Read(*PlanOf(cache, full).request);
    Complete(cache, full, &first);
    QCOMPARE(first.session_id, full.response_session_id);
    QCOMPARE(Describe(first), std::string("a-0 a-1 b-0"));  // a full answer is never filtered

    // Epoch 1 moves a-1 on: the session reads all three, a-1 at its new position.
    auto inc = cache.Begin(Request(full.response_session_id, 1, {{"a", At(1, 9)}}), kVersion, false, 1);
    QCOMPARE(inc.error, ErrorCode::kNone);
    QVERIFY(inc.incremental);
    QCOMPARE(Describe(*cache.Wanted(inc)), std::string("a-0@5 a-1@9 b-0@1"));
    // Only b-0's high watermark moved: the answer holds b-0 alone.
    FetchResponse second = Read(*PlanOf(cache, inc).request, {{"b-0", 11}});
    Complete(cache, inc, &second);
    QCOMPARE(Describe(second), std::string("b-0"));
    QCOMPARE(second.session_id, full.response_session_id);

    // Nothing moved: an empty answer (the broker waits for data before sending it).
    auto quiet = cache.Begin(Request(full.response_session_id, 2, {}), kVersion, false, 2);
    FetchResponse third = Read(*PlanOf(cache, quiet).request, {{"b-0", 11}});
    Complete(cache, quiet, &third);
    QCOMPARE(Describe(third), std::string(""));
    QVERIFY(third.responses.empty());
  }

  void recordsAndErrorsAreAlwaysAnsweredAndAnErrorIsResentWhenItClears() {
    FetchSessionCache cache;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}}), kVersion, false, 0);
    FetchResponse r0 = Read(*PlanOf(cache, full).request);
    Complete(cache, full, &r0);
    const int32_t id = full.response_session_id;
    auto c1 = cache.Begin(Request(id, 1, {}), kVersion, false, 0);
    FetchResponse r1 = Read(*PlanOf(cache, c1).request, {}, {"a-0"}, {"a-1"});
    Complete(cache, c1, &r1);
    QCOMPARE(Describe(r1), std::string("a-0 a-1"));
    // a-1's error is gone, its high watermark is what it was before: still answered once, since the client last
    // heard an error.
    auto c2 = cache.Begin(Request(id, 2, {}), kVersion, false, 0);
    FetchResponse r2 = Read(*PlanOf(cache, c2).request);
    Complete(cache, c2, &r2);
    QCOMPARE(Describe(r2), std::string("a-1"));
  }

  void aPartitionWithDataMovesToTheEndOfItsSession() {
    FetchSessionCache cache;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}, {"a", At(2, 0)}}), kVersion, false, 0);
    FetchResponse r0 = Read(*PlanOf(cache, full).request);
    Complete(cache, full, &r0);
    auto c1 = cache.Begin(Request(full.response_session_id, 1, {}), kVersion, false, 0);
    FetchResponse r1 = Read(*PlanOf(cache, c1).request, {}, {"a-0"});
    Complete(cache, c1, &r1);
    auto c2 = cache.Begin(Request(full.response_session_id, 2, {{"a", At(0, 3)}}), kVersion, false, 0);
    QCOMPARE(Describe(*cache.Wanted(c2)), std::string("a-1@0 a-2@0 a-0@3"));
  }

  void forgottenPartitionsLeaveAndAnEmptySessionCloses() {
    FetchSessionCache cache;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"b", At(0, 0)}}), kVersion, false, 0);
    const int32_t id = full.response_session_id;
    auto c1 = cache.Begin(Request(id, 1, {}, {{"a", 0}}), kVersion, false, 0);
    QCOMPARE(Describe(*cache.Wanted(c1)), std::string("b-0@0"));
    auto c2 = cache.Begin(Request(id, 2, {}, {{"b", 0}}), kVersion, false, 0);
    QCOMPARE(c2.response_session_id, 0);
    QCOMPARE(cache.size(), size_t(0));
  }

  void wrongEpochOrUnknownSessionIsAnError() {
    FetchSessionCache cache;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}}), kVersion, false, 0);
    const int32_t id = full.response_session_id;
    QCOMPARE(cache.Begin(Request(id, 2, {}), kVersion, false, 0).error, ErrorCode::kInvalidFetchSessionEpoch);
    QCOMPARE(cache.Begin(Request(id ^ 0x5555, 1, {}), kVersion, false, 0).error, ErrorCode::kFetchSessionIdNotFound);
    // The wrong epoch did not consume the right one.
    QCOMPARE(cache.Begin(Request(id, 1, {}), kVersion, false, 0).error, ErrorCode::kNone);
    QCOMPARE(cache.Begin(Request(id, 1, {}), kVersion, false, 0).error, ErrorCode::kInvalidFetchSessionEpoch);
  }

  void aFullFetchClosesTheSessionItNames() {
    FetchSessionCache cache;
    auto first = cache.Begin(Request(0, 0, {{"a", At(0, 0)}}), kVersion, false, 0);
    auto sessionless = cache.Begin(Request(first.response_session_id, -1, {{"a", At(0, 0)}}), kVersion, false, 0);
    QCOMPARE(sessionless.response_session_id, 0);
    QCOMPARE(cache.size(), size_t(0));
    QCOMPARE(cache.Begin(Request(first.response_session_id, 1, {}), kVersion, false, 0).error,
             ErrorCode::kFetchSessionIdNotFound);
  }

  void aFullCacheEvictsStaleThenLessValuableSessions() {
    FetchSessionCache cache(FetchSessionOptions{.max_slots = 1, .eviction_ms = 1000});
    auto consumer = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}}), kVersion, false, 0);
    QVERIFY(consumer.response_session_id != 0);
    // Young and in use: another consumer gets no session.
    QCOMPARE(cache.Begin(Request(0, 0, {{"b", At(0, 0)}}), kVersion, false, 500).response_session_id, 0);
    // Old enough but bigger than the newcomer: kept.
    (void)cache.Begin(Request(consumer.response_session_id, 1, {}), kVersion, false, 1500);
    QCOMPARE(cache.Begin(Request(0, 0, {{"b", At(0, 0)}}), kVersion, false, 1600).response_session_id, 0);
    // A follower's session is worth more than any consumer's.
    auto follower = cache.Begin(Request(0, 0, {{"c", At(0, 0)}}), kVersion, true, 1700);
    QVERIFY(follower.response_session_id != 0);
    QCOMPARE(cache.size(), size_t(1));
    QCOMPARE(cache.Begin(Request(consumer.response_session_id, 2, {}), kVersion, false, 1700).error,
             ErrorCode::kFetchSessionIdNotFound);
    // Unused for longer than the eviction time: stale, evicted even by a consumer.
    QVERIFY(cache.Begin(Request(0, 0, {{"d", At(0, 0)}}), kVersion, false, 5000).response_session_id != 0);
  }

  // Issue 11: an incremental fetch reads only the session partitions that may have news — named by the client,
  // stamp moved (an append, a HW or leadership change), last answered with records, an error or no byte budget —
  // and every partition once a second. Real partitions here, so the stamps are the broker's own.
  void anIncrementalFetchReadsOnlyWhatMayHaveNews() {
    testing::Replicas ra;
    testing::Replicas rb;
    auto a0 = ra.Open(1);
    auto a1 = rb.Open(1);
    a0->BecomeLeader(LeaderEpoch(1), 1, {1}, {1}, 0, Offset(-1));
    a1->BecomeLeader(LeaderEpoch(1), 1, {1}, {1}, 0, Offset(-1));
    int lookups = 0;
    const PartitionLookup lookup = [&](const TopicPartition& tp) -> std::shared_ptr<Partition> {
      ++lookups;
      return tp.partition.value == 0 ? a0 : a1;
    };
    FetchSessionCache cache;
    auto fetch = [&](const FetchSessionContext& c, int64_t now, std::set<std::string> with_records = {},
                     std::vector<size_t> starved = {}) {
      FetchPlan plan = cache.Plan(c, lookup, now, false);
      const std::string planned = Describe(*plan.request);
      FetchResponse answer = Read(*plan.request, {}, std::move(with_records));
      cache.Complete(c, plan, starved, &answer);
      return planned;
    };
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}}), kVersion, false, 0);
    QCOMPARE(fetch(full, 0), std::string("a-0@0 a-1@0"));
    const int32_t id = full.response_session_id;
    QCOMPARE(fetch(cache.Begin(Request(id, 1, {}), kVersion, false, 10), 10), std::string());  // nothing moved

    QCOMPARE(testing::Produce(*a0, testing::Values("x", 2), 1), ErrorCode::kNone);
    auto after_append = cache.Begin(Request(id, 2, {}), kVersion, false, 20);
    const TopicPartition first{"a", PartitionId(0)};
    const TopicPartition second{"a", PartitionId(1)};
    QVERIFY(cache.HasNewData(after_append, &first, false, IsolationLevel::kReadUncommitted));
    QVERIFY(!cache.HasNewData(after_append, &second, false, IsolationLevel::kReadUncommitted));
    QVERIFY(cache.HasNewData(after_append, nullptr, false, IsolationLevel::kReadUncommitted));
    QCOMPARE(fetch(after_append, 20, {"a-0"}), std::string("a-0@0"));
    // It had records: read again (the client names it with its new offset anyway).
    QCOMPARE(fetch(cache.Begin(Request(id, 3, {}), kVersion, false, 30), 30, {}, {0}), std::string("a-0@0"));
    // The last read had no byte budget left: it still has data to send.
    QCOMPARE(fetch(cache.Begin(Request(id, 4, {}), kVersion, false, 40), 40), std::string("a-0@0"));
    QCOMPARE(fetch(cache.Begin(Request(id, 5, {}), kVersion, false, 50), 50), std::string());
    // Named by the client: read.
    QCOMPARE(fetch(cache.Begin(Request(id, 6, {{"a", At(1, 0)}}), kVersion, false, 60), 60), std::string("a-1@0"));
    // Once a second everything is read (what no stamp tells: a log start moved by retention); a-0 went to the
    // end of the session when it had records.
    QCOMPARE(fetch(cache.Begin(Request(id, 7, {}), kVersion, false, 1000), 1000), std::string("a-1@0 a-0@0"));
    QCOMPARE(fetch(cache.Begin(Request(id, 8, {}), kVersion, false, 1010), 1010), std::string());
    // Leadership moves the stamp; the partition is looked up again, then answered with its error until it leaves.
    const int lookups_before = lookups;
    a1->BecomeFollower(2, LeaderEpoch(2), {1, 2}, Offset(-1));
    QCOMPARE(fetch(cache.Begin(Request(id, 9, {}), kVersion, false, 1020), 1020), std::string("a-1@0"));
    QCOMPARE(lookups, lookups_before + 1);
  }

  // A client cycling through partitions in one session (add one, forget the last, park) must not grow the
  // purgatory: the session's standing registrations are renewed once they outnumber its partitions.
  void aSessionCyclingThroughPartitionsKeepsThePurgatoryBounded() {
    struct Answered : DelayedOperation {
      Answered() : DelayedOperation(INT64_MAX) {}
      bool CanComplete() override { return true; }
      void OnComplete(bool) override {}
    };
    FetchSessionCache cache;
    Purgatory purgatory;
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}}), kVersion, false, 0);
    const int32_t id = full.response_session_id;
    for (int i = 1; i <= 50000; ++i) {
      auto c = cache.Begin(Request(id, i, {{"t" + std::to_string(i), At(0, 0)}}, {{"t" + std::to_string(i - 1), 0}}),
                           kVersion, false, i);
      QCOMPARE(c.error, ErrorCode::kNone);
      cache.Park(c, std::make_shared<Answered>(), purgatory);
    }
    QVERIFY2(purgatory.WatchEntryCount() < 25000, qPrintable(QString::number(purgatory.WatchEntryCount())));
  }

  void sessionsAreBoundedInPartitions() {
    FetchSessionCache cache(FetchSessionOptions{.max_partitions_per_session = 2});
    QCOMPARE(cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}, {"a", At(2, 0)}}), kVersion, false, 0)
                 .response_session_id,
             0);
    auto full = cache.Begin(Request(0, 0, {{"a", At(0, 0)}, {"a", At(1, 0)}}), kVersion, false, 0);
    QVERIFY(full.response_session_id != 0);
    // Growing past the bound closes the session: the client starts over with full fetches.
    QCOMPARE(cache.Begin(Request(full.response_session_id, 1, {{"a", At(2, 0)}}), kVersion, false, 0).error,
             ErrorCode::kFetchSessionIdNotFound);
    QCOMPARE(cache.size(), size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestFetchSessionCache)
#include "test_fetch_session_cache.moc"
