// GroupCoordinator state machine tests with an injected clock: joins (initial delay, MEMBER_ID_REQUIRED,
// static membership, protocol selection), sync, heartbeats, leave, session/rebalance expiry, offsets,
// retention and the admin operations.
#include <QtTest>

#include <atomic>
#include <optional>
#include <thread>

#include "engine/group/group_coordinator.h"
#include "engine/group/group_records.h"

using namespace partita;
using namespace partita::group;

namespace {

std::vector<uint8_t> Subscription(const std::vector<std::string>& topics, uint8_t marker = 0) {
  std::vector<uint8_t> out{0x00, 0x00};
  auto be32 = [&](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  };
  be32(static_cast<uint32_t>(topics.size()));
  for (const auto& t : topics) {
    out.push_back(static_cast<uint8_t>(t.size() >> 8));
    out.push_back(static_cast<uint8_t>(t.size()));
    out.insert(out.end(), t.begin(), t.end());
  }
  be32(1);  // user data: one byte, distinct per member so "byte for byte" is checked
  out.push_back(marker);
  return out;
}

struct Recorder : GroupStore {
  std::mutex mu;
  int offsets_committed = 0;
  int offsets_deleted = 0;
  int metadata_changes = 0;
  int groups_deleted = 0;
  std::optional<GroupMetadataSnapshot> last;
  void OnOffsetsCommitted(const std::string&, const std::vector<OffsetCommitRecord>& o) override {
    std::lock_guard l(mu);
    offsets_committed += static_cast<int>(o.size());
  }
  void OnOffsetsDeleted(const std::string&, const std::vector<TopicPartitionKey>& p) override {
    std::lock_guard l(mu);
    offsets_deleted += static_cast<int>(p.size());
  }
  void OnGroupMetadataChanged(const GroupMetadataSnapshot& g) override {
    std::lock_guard l(mu);
    ++metadata_changes;
    last = g;
  }
  void OnGroupDeleted(const std::string&) override {
    std::lock_guard l(mu);
    ++groups_deleted;
  }
};

struct Fixture {
  int64_t now = 1'700'000'000'000;
  GroupConfig config;
  std::shared_ptr<Recorder> store = std::make_shared<Recorder>();
  std::unique_ptr<GroupCoordinator> gc;

  explicit Fixture(GroupConfig c = {}) : config(c) {
    gc = std::make_unique<GroupCoordinator>(config, [this] { return now; }, store);
  }
  void Advance(int64_t ms) {
    now += ms;
    gc->Tick();
  }

  JoinGroupArgs Args(const std::string& member_id, std::vector<JoinGroupArgs::Protocol> protocols,
                     std::string group = "g") {
    JoinGroupArgs a;
    a.api_version = 7;
    a.group_id = std::move(group);
    a.session_timeout_ms = 10000;
    a.rebalance_timeout_ms = 60000;
    a.member_id = member_id;
    a.protocol_type = "consumer";
    a.protocols = std::move(protocols);
    a.client_id = "client";
    a.client_host = "/127.0.0.1";
    return a;
  }
  // Starts a join; the result lands in *out when the coordinator completes it.
  void Join(const JoinGroupArgs& a, std::shared_ptr<std::optional<JoinGroupResult>> out) {
    gc->JoinGroup(a, [out](JoinGroupResult r) {
      QVERIFY2(!out->has_value(), "join callback ran twice");
      *out = std::move(r);
    });
  }
  std::shared_ptr<std::optional<JoinGroupResult>> Join(const JoinGroupArgs& a) {
    auto out = std::make_shared<std::optional<JoinGroupResult>>();
    Join(a, out);
    return out;
  }
  // JoinGroup v7 without id: MEMBER_ID_REQUIRED, then the real join with the id (pending result).
  std::shared_ptr<std::optional<JoinGroupResult>> JoinNew(JoinGroupArgs a, std::string* member_id) {
    auto first = Join(a);
    if (!first->has_value() || (*first)->error != ErrorCode::kMemberIdRequired) return first;
    *member_id = (*first)->member_id;
    a.member_id = *member_id;
    return Join(a);
  }
  std::shared_ptr<std::optional<SyncGroupResult>> Sync(const std::string& member, int32_t generation,
                                                       std::vector<SyncGroupArgs::Assignment> assignments = {},
                                                       std::string group = "g") {
    auto out = std::make_shared<std::optional<SyncGroupResult>>();
    SyncGroupArgs s;
    s.group_id = std::move(group);
    s.generation_id = generation;
    s.member_id = member;
    s.assignments = std::move(assignments);
    gc->SyncGroup(s, [out](SyncGroupResult r) { *out = std::move(r); });
    return out;
  }
  ErrorCode Beat(const std::string& member, int32_t generation, std::string group = "g") {
    return gc->Heartbeat({std::move(group), generation, member, std::nullopt});
  }
  // Stages a commit without completing it (its record is not replicated yet).
  OffsetCommitResult Stage(const std::string& member, int32_t generation, const std::string& topic, int64_t offset,
                           std::string group = "g") {
    OffsetCommitArgs c;
    c.group_id = std::move(group);
    c.generation_id = generation;
    c.member_id = member;
    c.partitions.push_back({topic, 0, offset, 3, std::string("meta")});
    return gc->OffsetCommit(c);
  }
  // A commit whose write succeeds at once, as the broker completes it after replication.
  std::vector<PartitionError> Commit(const std::string& member, int32_t generation, const std::string& topic,
                                     int64_t offset, std::string group = "g") {
    OffsetCommitResult r = Stage(member, generation, topic, offset, group);
    gc->CompleteOffsetCommit(group, r.staged, true);
    return r.partitions;
  }
  int64_t Fetched(const std::string& topic, std::string group = "g") {
    OffsetFetchArgs f;
    f.group_id = std::move(group);
    f.partitions = std::vector<TopicPartitionKey>{{topic, 0}};
    return gc->OffsetFetch(f).partitions.at(0).offset;
  }

  // Three members a, b, c (joined in that order) in a Stable group, generation 1.
  struct Stable3 {
    std::string a, b, c;
    int32_t generation = 0;
  };
  Stable3 MakeStable3() {
    Stable3 s;
    auto ra = JoinNew(Args("", {{"range", Subscription({"t1"}, 1)}}), &s.a);
    auto rb = JoinNew(Args("", {{"range", Subscription({"t1"}, 2)}}), &s.b);
    auto rc = JoinNew(Args("", {{"range", Subscription({"t1"}, 3)}}), &s.c);
    Advance(3000);
    Advance(3000);
    if (!ra->has_value() || !rb->has_value() || !rc->has_value()) return s;
    s.generation = (*ra)->generation_id;
    Sync(s.b, s.generation);
    Sync(s.c, s.generation);
    Sync(s.a, s.generation, {{s.a, {0xA}}, {s.b, {0xB}}, {s.c, {0xC}}});
    return s;
  }
};

using JP = JoinGroupArgs::Protocol;

// Static members i-1 (the leader) and i-2 joined with JoinGroup `api_version` and synced: group "g" is Stable
// at generation 1 with assignments {1} and {2}.
struct StaticPair {
  JoinGroupArgs args1, args2;
  std::string m1, m2;
};
void StableStaticPair(Fixture& f, int16_t api_version, StaticPair* out) {
  out->args1 = f.Args("", {{"range", Subscription({"t1"}, 1)}});
  out->args1.group_instance_id = "i-1";
  out->args1.api_version = api_version;
  out->args2 = f.Args("", {{"range", Subscription({"t1"}, 2)}});
  out->args2.group_instance_id = "i-2";
  out->args2.api_version = api_version;
  // Static members get their id at once (no MEMBER_ID_REQUIRED).
  auto r1 = f.Join(out->args1);
  auto r2 = f.Join(out->args2);
  f.Advance(3000);
  f.Advance(3000);
  QVERIFY(r1->has_value() && r2->has_value());
  out->m1 = (*r1)->member_id;
  out->m2 = (*r2)->member_id;
  QCOMPARE((*r1)->leader, out->m1);
  QVERIFY(!(*r1)->skip_assignment);  // a real rebalance: the leader assigns
  f.Sync(out->m2, 1);
  f.Sync(out->m1, 1, {{out->m1, {1}}, {out->m2, {2}}});
  QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
}

}  // namespace

class TestGroupCoordinator : public QObject {
  Q_OBJECT
 private slots:
  void threeMembersJoinSyncAndHeartbeat() {
    Fixture f;
    std::string a, b, c;
    auto ra = f.JoinNew(f.Args("", {{"range", Subscription({"t1"}, 1)}}), &a);
    QVERIFY(a.rfind("client-", 0) == 0);
    QCOMPARE(a.size(), std::string("client-").size() + 36);  // "<client_id>-<uuid>"
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    f.Advance(1000);
    auto rb = f.JoinNew(f.Args("", {{"range", Subscription({"t1"}, 2)}}), &b);
    auto rc = f.JoinNew(f.Args("", {{"range", Subscription({"t1", "t2"}, 3)}}), &c);
    QVERIFY(a != b && b != c);
    // group.initial.rebalance.delay.ms: nothing before 3 s, and each new arrival moves the end to 3 s after it.
    f.Advance(1999);
    QVERIFY(!ra->has_value());
    f.Advance(1);
    QVERIFY(!ra->has_value());
    f.Advance(999);
    QVERIFY(!ra->has_value());
    f.Advance(1);
    QVERIFY(ra->has_value() && rb->has_value() && rc->has_value());
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kCompletingRebalance));
    const JoinGroupResult& la = **ra;
    QCOMPARE(la.error, ErrorCode::kNone);
    QCOMPARE(la.generation_id, 1);
    QCOMPARE(la.leader, a);
    QCOMPARE(la.protocol_name, std::optional<std::string>("range"));
    QCOMPARE(la.protocol_type, std::optional<std::string>("consumer"));
    QCOMPARE(la.members.size(), size_t(3));
    QCOMPARE(la.members[0].member_id, a);
    QCOMPARE(la.members[0].metadata, Subscription({"t1"}, 1));
    QCOMPARE(la.members[1].metadata, Subscription({"t1"}, 2));
    QCOMPARE(la.members[2].member_id, c);
    QCOMPARE(la.members[2].metadata, Subscription({"t1", "t2"}, 3));
    QCOMPARE((*rb)->leader, a);
    QVERIFY((*rb)->members.empty());
    QCOMPARE((*rc)->generation_id, 1);
    // Heartbeats while the leader assigns are fine (Kafka >= 2.5).
    QCOMPARE(f.Beat(b, 1), ErrorCode::kNone);
    // Followers wait for the leader's assignment.
    auto sb = f.Sync(b, 1);
    auto sc = f.Sync(c, 1);
    QVERIFY(!sb->has_value() && !sc->has_value());
    auto sa = f.Sync(a, 1, {{a, {1, 2}}, {b, {3}}, {c, {}}});
    QVERIFY(sa->has_value() && sb->has_value() && sc->has_value());
    QCOMPARE((*sa)->assignment, (std::vector<uint8_t>{1, 2}));
    QCOMPARE((*sb)->assignment, (std::vector<uint8_t>{3}));
    QVERIFY((*sc)->assignment.empty());
    QCOMPARE((*sb)->protocol_name, std::optional<std::string>("range"));
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    QCOMPARE(f.Beat(a, 1), ErrorCode::kNone);
    QCOMPARE(f.Beat(c, 1), ErrorCode::kNone);
    QCOMPARE(f.Beat(c, 0), ErrorCode::kIllegalGeneration);
    QCOMPARE(f.Beat("nobody", 1), ErrorCode::kUnknownMemberId);
    QCOMPARE(f.Beat(a, 1, "other"), ErrorCode::kUnknownMemberId);
    // A late SyncGroup in Stable gets the member's assignment.
    auto again = f.Sync(b, 1);
    QVERIFY(again->has_value());
    QCOMPARE((*again)->assignment, (std::vector<uint8_t>{3}));
    // The store saw the assignment.
    QVERIFY(f.store->last.has_value());
    QCOMPARE(f.store->last->generation, 1);
    QCOMPARE(f.store->last->members.size(), size_t(3));
    QCOMPARE(f.store->last->members[1].assignment, (std::vector<uint8_t>{3}));
  }

  void initialDelayIsCappedByRebalanceTimeout() {
    GroupConfig cfg;
    cfg.initial_rebalance_delay_ms = 3000;
    Fixture f(cfg);
    std::string a;
    auto args = f.Args("", {{"range", {}}});
    args.rebalance_timeout_ms = 7000;
    auto ra = f.JoinNew(args, &a);
    // A new member every 2.5 s would extend forever; the rebalance timeout bounds the wait.
    std::vector<std::shared_ptr<std::optional<JoinGroupResult>>> others;
    for (int i = 0; i < 5 && !ra->has_value(); ++i) {
      std::string id;
      others.push_back(f.JoinNew(args, &id));
      f.Advance(2500);
    }
    QVERIFY(ra->has_value());
    QVERIFY(f.now - 1'700'000'000'000 <= 7500);
  }

  void burstOfJoinsWaitsOneDelayAfterTheLast() {
    // Ten members joining within 10 ms: the first generation comes one delay after the last of them (Kafka's
    // whole-window extension would take two delays).
    Fixture f;
    std::vector<std::shared_ptr<std::optional<JoinGroupResult>>> joins;
    for (int i = 0; i < 10; ++i) {
      std::string id;
      joins.push_back(f.JoinNew(f.Args("", {{"range", {}}}), &id));
      f.Advance(1);
    }
    // The last joined at +9 ms: nothing before +3009 ms.
    f.Advance(2998);
    QVERIFY(!joins[0]->has_value());
    f.Advance(1);
    for (const auto& j : joins) QVERIFY(j->has_value() && (**j).generation_id == 1);
    QCOMPARE((*joins[0])->members.size(), size_t(10));
  }

  void pendingIdSurvivesACompletedJoin() {
    // With no initial delay the first member completes generation 1 alone; a member that was handed its id
    // (MEMBER_ID_REQUIRED) just before must still be able to join with it.
    GroupConfig cfg;
    cfg.initial_rebalance_delay_ms = 0;
    Fixture f(cfg);
    auto first_b = f.Join(f.Args("", {{"range", {}}}));
    QCOMPARE((*first_b)->error, ErrorCode::kMemberIdRequired);
    std::string a;
    auto ra = f.JoinNew(f.Args("", {{"range", {}}}), &a);
    QVERIFY(ra->has_value());
    QCOMPARE((*ra)->generation_id, 1);
    auto rb = f.Join(f.Args((*first_b)->member_id, {{"range", {}}}));
    QVERIFY(!rb->has_value());  // a new rebalance waits for a
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    auto ra2 = f.Join(f.Args(a, {{"range", {}}}));
    QVERIFY(ra2->has_value() && rb->has_value());
    QCOMPARE((*rb)->error, ErrorCode::kNone);
    QCOMPARE((*rb)->generation_id, 2);
    QCOMPARE((*ra2)->members.size(), size_t(2));
  }

  void leaveTriggersRebalanceAndNewGeneration() {
    Fixture f;
    auto s = f.MakeStable3();
    QCOMPARE(s.generation, 1);
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    LeaveGroupArgs leave{"g", {{s.c, std::nullopt}, {"ghost", std::nullopt}}};
    auto lr = f.gc->LeaveGroup(leave);
    QCOMPARE(lr.error, ErrorCode::kNone);
    QCOMPARE(lr.members.size(), size_t(2));
    QCOMPARE(lr.members[0].error, ErrorCode::kNone);
    QCOMPARE(lr.members[1].error, ErrorCode::kUnknownMemberId);
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    QCOMPARE(f.Beat(s.a, 1), ErrorCode::kRebalanceInProgress);
    QCOMPARE(f.Sync(s.a, 1)->value().error, ErrorCode::kRebalanceInProgress);
    auto ra = f.Join(f.Args(s.a, {{"range", Subscription({"t1"}, 1)}}));
    QVERIFY(!ra->has_value());
    auto rb = f.Join(f.Args(s.b, {{"range", Subscription({"t1"}, 2)}}));
    // Everyone rejoined: no need to wait for the rebalance timeout.
    QVERIFY(ra->has_value() && rb->has_value());
    QCOMPARE((*ra)->generation_id, 2);
    QCOMPARE((*ra)->leader, s.a);
    QCOMPARE((*ra)->members.size(), size_t(2));
    QCOMPARE(f.Commit(s.a, s.generation, "t1", 5).at(0).error, ErrorCode::kIllegalGeneration);
    // Everyone leaves: Empty, next generation.
    f.gc->LeaveGroup({"g", {{s.a, std::nullopt}, {s.b, std::nullopt}}});
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kEmpty));
    QCOMPARE(f.gc->GenerationOf("g"), 3);
  }

  void rebalanceTimeoutRemovesMembersThatDoNotRejoin() {
    Fixture f;
    auto s = f.MakeStable3();
    // b changes its subscription: rebalance; a rejoins, c never does.
    auto rb = f.Join(f.Args(s.b, {{"range", Subscription({"t1", "t9"}, 2)}}));
    auto ra = f.Join(f.Args(s.a, {{"range", Subscription({"t1"}, 1)}}));
    // c keeps heartbeating (REBALANCE_IN_PROGRESS) but heartbeating is not rejoining.
    for (int i = 0; i < 11; ++i) {
      QCOMPARE(f.Beat(s.c, 1), ErrorCode::kRebalanceInProgress);
      f.Advance(5000);
    }
    f.Beat(s.c, 1);
    f.Advance(4999);
    QVERIFY(!ra->has_value());
    f.Advance(1);
    QVERIFY(ra->has_value() && rb->has_value());
    QCOMPARE((*ra)->generation_id, 2);
    QCOMPARE((*ra)->members.size(), size_t(2));
    QCOMPARE(f.Beat(s.c, 2), ErrorCode::kUnknownMemberId);
  }

  void sessionExpiryRemovesMember() {
    Fixture f;
    auto s = f.MakeStable3();
    for (int i = 0; i < 4; ++i) {
      f.now += 3000;
      QCOMPARE(f.Beat(s.a, 1), ErrorCode::kNone);
      QCOMPARE(f.Beat(s.b, 1), ErrorCode::kNone);
      f.gc->Tick();
    }
    // c has been silent for 12 s > its 10 s session.
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    QCOMPARE(f.Beat(s.c, 1), ErrorCode::kUnknownMemberId);
    QCOMPARE(f.Beat(s.a, 1), ErrorCode::kRebalanceInProgress);
  }

  void followerThatNeverSyncsIsRemoved() {
    Fixture f;
    std::string a, b;
    auto ra = f.JoinNew(f.Args("", {{"range", {}}}), &a);
    auto rb = f.JoinNew(f.Args("", {{"range", {}}}), &b);
    f.Advance(3000);
    f.Advance(3000);
    QVERIFY(ra->has_value() && rb->has_value());
    f.Sync(a, 1, {{a, {1}}});
    for (int i = 0; i < 25; ++i) {
      f.now += 2500;
      f.Beat(a, (*ra)->generation_id);
      f.Beat(b, (*ra)->generation_id);
      f.gc->Tick();
    }
    // b heartbeats but never sent SyncGroup within the rebalance timeout (60 s): removed.
    QCOMPARE(f.Beat(b, 1), ErrorCode::kUnknownMemberId);
  }

  void staticMemberRestartsWithoutRebalance() {
    Fixture f;
    StaticPair p;
    StableStaticPair(f, 7, &p);
    if (QTest::currentTestFailed()) return;
    const auto& [args1, args2, m1, m2] = p;
    // i-1 (the leader) restarts with an empty member id and the same protocols.
    auto again = f.Join(args1);
    QVERIFY(again->has_value());
    QCOMPARE((*again)->error, ErrorCode::kNone);
    QCOMPARE((*again)->generation_id, 1);
    QVERIFY((*again)->member_id != m1);
    QCOMPARE((*again)->leader, m1);  // the old id: the restarted leader must not re-assign
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    const std::string m1b = (*again)->member_id;
    // Its old id is fenced; the new one works and keeps the assignment.
    HeartbeatArgs hb{"g", 1, m1, std::string("i-1")};
    QCOMPARE(f.gc->Heartbeat(hb), ErrorCode::kFencedInstanceId);
    QCOMPARE(f.Beat(m1b, 1), ErrorCode::kNone);
    QCOMPARE(f.Sync(m1b, 1)->value().assignment, (std::vector<uint8_t>{1}));
    auto stale = args1;
    stale.member_id = m1;
    auto fenced = f.Join(stale);
    QCOMPARE((*fenced)->error, ErrorCode::kFencedInstanceId);
    // Static leave by instance id.
    auto lr = f.gc->LeaveGroup({"g", {{"", std::string("i-2")}}});
    QCOMPARE(lr.members.at(0).error, ErrorCode::kNone);
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    auto lr2 = f.gc->LeaveGroup({"g", {{"wrong-id", std::string("i-1")}}});
    QCOMPARE(lr2.members.at(0).error, ErrorCode::kFencedInstanceId);
  }

  // KIP-814: from JoinGroup v9 a restarted static leader of a Stable group is told it leads, gets the
  // members (to keep watching their metadata) and skip_assignment, instead of the old leader's id; a
  // restarted follower gets neither. Nothing rebalances, and the assignment stays.
  void restartedStaticLeaderSkipsAssignmentFromV9() {
    Fixture f;
    StaticPair p;
    StableStaticPair(f, 9, &p);
    if (QTest::currentTestFailed()) return;
    const auto& [args1, args2, m1, m2] = p;

    auto again = f.Join(args1);
    QVERIFY(again->has_value());
    QCOMPARE((*again)->error, ErrorCode::kNone);
    QCOMPARE((*again)->generation_id, 1);
    const std::string m1b = (*again)->member_id;
    QVERIFY(m1b != m1);
    QCOMPARE((*again)->leader, m1b);
    QVERIFY((*again)->skip_assignment);
    QCOMPARE((*again)->members.size(), size_t(2));
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    QCOMPARE(f.Sync(m1b, 1)->value().assignment, (std::vector<uint8_t>{1}));

    auto follower = f.Join(args2);
    QVERIFY(follower->has_value());
    QCOMPARE((*follower)->error, ErrorCode::kNone);
    QVERIFY(!(*follower)->skip_assignment);
    QVERIFY((*follower)->members.empty());
    QCOMPARE((*follower)->leader, m1b);
    QCOMPARE(f.Sync((*follower)->member_id, 1)->value().assignment, (std::vector<uint8_t>{2}));
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
  }

  void memberIdRequiredFlow() {
    Fixture f;
    auto args = f.Args("", {{"range", {}}});
    auto first = f.Join(args);
    QVERIFY(first->has_value());
    QCOMPARE((*first)->error, ErrorCode::kMemberIdRequired);
    QVERIFY(!(*first)->member_id.empty());
    // Until it rejoins, the id is pending: not a member yet.
    QCOMPARE(f.Beat((*first)->member_id, 0), ErrorCode::kUnknownMemberId);
    // A v3 client is admitted directly.
    auto v3 = args;
    v3.api_version = 3;
    v3.group_id = "old";
    auto r3 = f.Join(v3);
    QVERIFY(!r3->has_value());
    f.Advance(3000);
    QVERIFY(r3->has_value());
    QCOMPARE((*r3)->error, ErrorCode::kNone);
    QCOMPARE((*r3)->leader, (*r3)->member_id);
    // The pending id expires after the session timeout if never used.
    f.Advance(10000);
    args.member_id = (*first)->member_id;
    auto late = f.Join(args);
    QCOMPARE((*late)->error, ErrorCode::kUnknownMemberId);
    // An unknown member id for an unknown group.
    auto unknown = f.Join(f.Args("someone", {{"range", {}}}, "nogroup"));
    QCOMPARE((*unknown)->error, ErrorCode::kUnknownMemberId);
  }

  void protocolSelection() {
    {
      Fixture f;
      std::string a, b, c;
      auto ra = f.JoinNew(f.Args("", {{"range", {1}}, {"roundrobin", {2}}}), &a);
      f.JoinNew(f.Args("", {{"roundrobin", {3}}, {"range", {4}}}), &b);
      f.JoinNew(f.Args("", {{"roundrobin", {5}}, {"sticky", {6}}}), &c);
      f.Advance(3000);
      f.Advance(3000);
      // Only roundrobin is supported by all.
      QCOMPARE((*ra)->protocol_name, std::optional<std::string>("roundrobin"));
      QCOMPARE((*ra)->members.at(0).metadata, (std::vector<uint8_t>{2}));
      QCOMPARE((*ra)->members.at(2).metadata, (std::vector<uint8_t>{5}));
    }
    {
      Fixture f;
      std::string a, b, c;
      auto ra = f.JoinNew(f.Args("", {{"a", {}}, {"b", {}}}), &a);
      f.JoinNew(f.Args("", {{"b", {}}, {"a", {}}}), &b);
      f.JoinNew(f.Args("", {{"b", {}}, {"a", {}}}), &c);
      // Not supported by the members: refused.
      std::string d;
      auto rd = f.Join(f.Args("", {{"c", {}}}));
      QCOMPARE((*rd)->error, ErrorCode::kInconsistentGroupProtocol);
      auto other_type = f.Args("", {{"a", {}}});
      other_type.protocol_type = "connect";
      QCOMPARE((*f.Join(other_type))->error, ErrorCode::kInconsistentGroupProtocol);
      f.Advance(3000);
      f.Advance(3000);
      QCOMPARE((*ra)->protocol_name, std::optional<std::string>("b"));  // two votes to one
    }
  }

  void joinValidation() {
    GroupConfig cfg;
    cfg.max_size = 2;
    Fixture f(cfg);
    auto bad = f.Args("", {{"range", {}}});
    bad.session_timeout_ms = 5999;
    QCOMPARE((*f.Join(bad))->error, ErrorCode::kInvalidSessionTimeout);
    bad.session_timeout_ms = 1800001;
    QCOMPARE((*f.Join(bad))->error, ErrorCode::kInvalidSessionTimeout);
    QCOMPARE((*f.Join(f.Args("", {{"range", {}}}, "")))->error, ErrorCode::kInvalidGroupId);
    auto no_protocols = f.Args("", {});
    QCOMPARE((*f.Join(no_protocols))->error, ErrorCode::kInconsistentGroupProtocol);
    QVERIFY(!f.gc->StateOf("g").has_value());  // failed joins leave no group behind
    std::string a, b, c;
    f.JoinNew(f.Args("", {{"range", {}}}), &a);
    f.JoinNew(f.Args("", {{"range", {}}}), &b);
    auto rc = f.JoinNew(f.Args("", {{"range", {}}}), &c);
    QVERIFY(rc->has_value());
    QCOMPARE((*rc)->error, ErrorCode::kGroupMaxSizeReached);
  }

  void offsetCommitChecks() {
    Fixture f;
    std::string a, b;
    auto ra = f.JoinNew(f.Args("", {{"range", Subscription({"t1"})}}), &a);
    auto rb = f.JoinNew(f.Args("", {{"range", Subscription({"t1"})}}), &b);
    f.Advance(3000);
    f.Advance(3000);
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kCompletingRebalance));
    QCOMPARE(f.Commit(a, 1, "t1", 10).at(0).error, ErrorCode::kRebalanceInProgress);
    f.Sync(b, 1);
    f.Sync(a, 1, {});
    QCOMPARE(f.Commit(a, 0, "t1", 10).at(0).error, ErrorCode::kIllegalGeneration);
    QCOMPARE(f.Commit("stranger", 1, "t1", 10).at(0).error, ErrorCode::kUnknownMemberId);
    QCOMPARE(f.Commit("", -1, "t1", 10).at(0).error, ErrorCode::kUnknownMemberId);  // admin on a live group
    QCOMPARE(f.Commit(a, 1, "t1", 42).at(0).error, ErrorCode::kNone);
    QCOMPARE(f.Fetched("t1"), int64_t(42));
    QCOMPARE(f.Fetched("t2"), int64_t(-1));
    QCOMPARE(f.store->offsets_committed, 1);
    OffsetFetchArgs all{"g", std::nullopt};
    auto fr = f.gc->OffsetFetch(all);
    QCOMPARE(fr.partitions.size(), size_t(1));
    QCOMPARE(fr.partitions[0].leader_epoch, 3);
    QCOMPARE(fr.partitions[0].metadata, std::string("meta"));
    // Metadata too large.
    OffsetCommitArgs big{"g", 1, a, std::nullopt, {{"t1", 1, 5, -1, std::string(5000, 'x')}}};
    QCOMPARE(f.gc->OffsetCommit(big).partitions.at(0).error, ErrorCode::kOffsetMetadataTooLarge);
    // Unknown group with a generation: ILLEGAL_GENERATION.
    QCOMPARE(f.Commit(a, 1, "t1", 1, "elsewhere").at(0).error, ErrorCode::kIllegalGeneration);
    // Commits during PreparingRebalance with the current generation are accepted (as Kafka).
    f.gc->LeaveGroup({"g", {{b, std::nullopt}}});
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kPreparingRebalance));
    QCOMPARE(f.Commit(a, 1, "t1", 50).at(0).error, ErrorCode::kNone);
  }

  void adminCommitOnEmptyGroupAndRetention() {
    Fixture f;
    QCOMPARE(f.Commit("", -1, "t1", 7, "admin").at(0).error, ErrorCode::kNone);
    QCOMPARE(f.gc->StateOf("admin"), std::optional(GroupState::kEmpty));
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(7));
    f.Advance(f.config.offsets_retention_ms / 2);
    QCOMPARE(f.Commit("", -1, "t2", 8, "admin").at(0).error, ErrorCode::kNone);
    // Offsets-only groups expire each offset retention after its own commit.
    f.Advance(f.config.offsets_retention_ms / 2);
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(-1));
    QCOMPARE(f.Fetched("t2", "admin"), int64_t(8));
    f.Advance(f.config.offsets_retention_ms / 2);
    QCOMPARE(f.Fetched("t2", "admin"), int64_t(-1));
    QVERIFY(!f.gc->StateOf("admin").has_value());  // an empty group without offsets is dropped
    QCOMPARE(f.store->groups_deleted, 1);
    QCOMPARE(f.store->offsets_deleted, 2);
  }

  void stagedCommitIsInvisibleUntilCompleted() {
    Fixture f;
    auto s = f.MakeStable3();
    QCOMPARE(f.Commit(s.a, s.generation, "t1", 5).at(0).error, ErrorCode::kNone);
    OffsetCommitResult staged = f.Stage(s.a, s.generation, "t1", 9);
    QCOMPARE(staged.partitions.at(0).error, ErrorCode::kNone);
    QCOMPARE(staged.staged.size(), size_t(1));
    QCOMPARE(staged.staged[0].value.offset, int64_t(9));
    QCOMPARE(f.store->offsets_committed, 2);  // the record is written at once...
    QCOMPARE(f.Fetched("t1"), int64_t(5));    // ...but fetched only once replicated
    QCOMPARE(f.gc->OffsetFetch({"g", std::nullopt}).partitions.at(0).offset, int64_t(5));
    // KIP-447: a read_committed consumer (require_stable) is told the offset is unstable instead of the old one.
    OffsetFetchArgs stable{"g", std::vector<TopicPartitionKey>{{"t1", 0}}};
    stable.require_stable = true;
    QCOMPARE(f.gc->OffsetFetch(stable).partitions.at(0).error, ErrorCode::kUnstableOffsetCommit);
    QCOMPARE(f.gc->OffsetFetch(stable).partitions.at(0).offset, int64_t(-1));
    f.gc->CompleteOffsetCommit("g", staged.staged, true);
    QCOMPARE(f.Fetched("t1"), int64_t(9));
    QCOMPARE(f.gc->OffsetFetch(stable).partitions.at(0).error, ErrorCode::kNone);
    QCOMPARE(f.gc->OffsetFetch(stable).partitions.at(0).offset, int64_t(9));
    // An admin commit creating a group: the group exists (Empty) with nothing visible, and a pending commit
    // keeps it from being dropped as an empty group without offsets.
    OffsetCommitResult admin = f.Stage("", -1, "t1", 7, "admin");
    QCOMPARE(f.gc->StateOf("admin"), std::optional(GroupState::kEmpty));
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(-1));
    f.Advance(f.config.offsets_retention_ms + 1);
    QCOMPARE(f.gc->StateOf("admin"), std::optional(GroupState::kEmpty));
    f.gc->CompleteOffsetCommit("admin", admin.staged, true);
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(7));
    // Without a store there is nothing to wait for: visible at once, nothing staged.
    GroupCoordinator plain(GroupConfig{}, [&] { return f.now; });
    OffsetCommitArgs c{"p", -1, "", std::nullopt, {{"t1", 0, 3, -1, std::nullopt}}};
    QVERIFY(plain.OffsetCommit(c).staged.empty());
    QCOMPARE(plain.OffsetFetch({"p", std::vector<TopicPartitionKey>{{"t1", 0}}}).partitions.at(0).offset, int64_t(3));
  }

  void failedCommitLeavesTheOldOffset() {
    Fixture f;
    auto s = f.MakeStable3();
    QCOMPARE(f.Commit(s.a, s.generation, "t1", 5).at(0).error, ErrorCode::kNone);
    OffsetCommitResult failed = f.Stage(s.a, s.generation, "t1", 9);
    f.gc->CompleteOffsetCommit("g", failed.staged, false);
    QCOMPARE(f.Fetched("t1"), int64_t(5));
    f.gc->CompleteOffsetCommit("g", failed.staged, true);  // a second completion is ignored
    QCOMPARE(f.Fetched("t1"), int64_t(5));
    // Two commits in flight: a failure of the first does not hide the second's success, and a late success
    // of an older commit does not overwrite a newer one.
    f.now += 1;
    OffsetCommitResult first = f.Stage(s.a, s.generation, "t1", 10);
    f.now += 1;
    OffsetCommitResult second = f.Stage(s.a, s.generation, "t1", 11);
    f.gc->CompleteOffsetCommit("g", first.staged, false);
    QCOMPARE(f.Fetched("t1"), int64_t(5));
    f.gc->CompleteOffsetCommit("g", second.staged, true);
    QCOMPARE(f.Fetched("t1"), int64_t(11));
    f.now += 1;
    OffsetCommitResult older = f.Stage(s.a, s.generation, "t1", 12);
    f.now += 1;
    OffsetCommitResult newer = f.Stage(s.a, s.generation, "t1", 13);
    f.gc->CompleteOffsetCommit("g", newer.staged, true);
    f.gc->CompleteOffsetCommit("g", older.staged, true);
    QCOMPARE(f.Fetched("t1"), int64_t(13));
  }

  void completionAfterDeletionDoesNotResurrect() {
    Fixture f;
    // The group is deleted while its commit is in flight: the tombstone covers the staged partition and the
    // completion does not bring the group or its offset back.
    OffsetCommitResult staged = f.Stage("", -1, "t1", 7, "admin");
    auto deleted = f.gc->DeleteGroups({"admin"});
    QCOMPARE(deleted.at(0).error, ErrorCode::kNone);
    QCOMPARE(f.store->offsets_deleted, 1);
    f.gc->CompleteOffsetCommit("admin", staged.staged, true);
    QVERIFY(!f.gc->StateOf("admin").has_value());
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(-1));
    // Nor into a group recreated under the same id meanwhile.
    OffsetCommitResult old = f.Stage("", -1, "t1", 8, "admin");
    QVERIFY(f.gc->DeleteGroups({"admin"}).at(0).error == ErrorCode::kNone);
    OffsetCommitResult fresh = f.Stage("", -1, "t1", 20, "admin");
    f.gc->CompleteOffsetCommit("admin", old.staged, true);
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(-1));
    f.gc->CompleteOffsetCommit("admin", fresh.staged, true);
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(20));
    // The offset is deleted (OffsetDelete) while a commit is in flight: it stays deleted.
    OffsetCommitResult again = f.Stage("", -1, "t1", 30, "admin");
    auto od = f.gc->OffsetDelete("admin", {{"t1", 0}});
    QCOMPARE(od.error, ErrorCode::kNone);
    f.gc->CompleteOffsetCommit("admin", again.staged, true);
    QCOMPARE(f.Fetched("t1", "admin"), int64_t(-1));
    // The coordinator is unloaded meanwhile: the completion is harmless.
    OffsetCommitResult unloaded = f.Stage("", -1, "t2", 40, "admin");
    f.gc->UnloadAll();
    f.gc->CompleteOffsetCommit("admin", unloaded.staged, true);
    QVERIFY(!f.gc->StateOf("admin").has_value());
  }

  void emptyConsumerGroupOffsetsExpireAfterRetention() {
    GroupConfig cfg;
    cfg.offsets_retention_ms = 100000;
    Fixture f(cfg);
    auto s = f.MakeStable3();
    QCOMPARE(f.Commit(s.a, 1, "t1", 9).at(0).error, ErrorCode::kNone);
    // Stable and subscribed to t1: the offset outlives the retention period.
    for (int i = 0; i < 40; ++i) {
      f.now += 3000;
      f.Beat(s.a, 1), f.Beat(s.b, 1), f.Beat(s.c, 1);
      f.gc->Tick();
    }
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    QCOMPARE(f.Fetched("t1"), int64_t(9));
    // Retention counts from the moment the group became Empty.
    f.gc->LeaveGroup({"g", {{s.a, std::nullopt}, {s.b, std::nullopt}, {s.c, std::nullopt}}});
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kEmpty));
    f.Advance(cfg.offsets_retention_ms - 1);
    QCOMPARE(f.Fetched("t1"), int64_t(9));
    f.Advance(1);
    QCOMPARE(f.Fetched("t1"), int64_t(-1));
    QVERIFY(!f.gc->StateOf("g").has_value());
  }

  void offsetDelete() {
    Fixture f;
    auto s = f.MakeStable3();  // subscribed to t1
    QCOMPARE(f.Commit(s.a, 1, "t1", 1).at(0).error, ErrorCode::kNone);
    QCOMPARE(f.Commit(s.a, 1, "t2", 2).at(0).error, ErrorCode::kNone);
    auto r = f.gc->OffsetDelete("g", {{"t1", 0}, {"t2", 0}});
    QCOMPARE(r.error, ErrorCode::kNone);
    QCOMPARE(r.partitions.at(0).error, ErrorCode::kGroupSubscribedToTopic);
    QCOMPARE(r.partitions.at(1).error, ErrorCode::kNone);
    QCOMPARE(f.Fetched("t1"), int64_t(1));
    QCOMPARE(f.Fetched("t2"), int64_t(-1));
    QCOMPARE(f.gc->OffsetDelete("nope", {{"t1", 0}}).error, ErrorCode::kGroupIdNotFound);
    // Empty group: anything goes.
    f.gc->LeaveGroup({"g", {{s.a, std::nullopt}, {s.b, std::nullopt}, {s.c, std::nullopt}}});
    auto r2 = f.gc->OffsetDelete("g", {{"t1", 0}});
    QCOMPARE(r2.partitions.at(0).error, ErrorCode::kNone);
    QCOMPARE(f.Fetched("t1"), int64_t(-1));
  }

  void deleteListDescribe() {
    Fixture f;
    auto s = f.MakeStable3();
    QCOMPARE(f.Commit("", -1, "x", 1, "offsets-only").at(0).error, ErrorCode::kNone);
    auto del = f.gc->DeleteGroups({"g", "missing", "offsets-only"});
    QCOMPARE(del.at(0).error, ErrorCode::kNonEmptyGroup);
    QCOMPARE(del.at(1).error, ErrorCode::kGroupIdNotFound);
    QCOMPARE(del.at(2).error, ErrorCode::kNone);
    QVERIFY(!f.gc->StateOf("offsets-only").has_value());
    QCOMPARE(f.Fetched("x", "offsets-only"), int64_t(-1));

    auto all = f.gc->ListGroups();
    QCOMPARE(all.size(), size_t(1));
    QCOMPARE(all[0].group_id, std::string("g"));
    QCOMPARE(all[0].protocol_type, std::string("consumer"));
    QCOMPARE(all[0].state, GroupState::kStable);
    QCOMPARE(f.gc->ListGroups({"stable"}).size(), size_t(1));
    QCOMPARE(f.gc->ListGroups({"Empty", "PreparingRebalance"}).size(), size_t(0));
    // ListGroups v5 (KIP-848): every group here is classic; the type is matched case-insensitively.
    QCOMPARE(f.gc->ListGroups({}, {"Classic"}).size(), all.size());
    QCOMPARE(f.gc->ListGroups({"stable"}, {"consumer", "classic"}).size(), size_t(1));
    QVERIFY(f.gc->ListGroups({}, {"consumer"}).empty());

    auto d = f.gc->DescribeGroups({"g", "missing"});
    QCOMPARE(d.at(0).state, GroupState::kStable);
    QCOMPARE(d.at(0).protocol_data, std::string("range"));
    QCOMPARE(d.at(0).members.size(), size_t(3));
    QCOMPARE(d.at(0).members[1].member_id, s.b);
    QCOMPARE(d.at(0).members[1].client_host, std::string("/127.0.0.1"));
    QCOMPARE(d.at(0).members[1].metadata, Subscription({"t1"}, 2));
    QCOMPARE(d.at(0).members[1].assignment, (std::vector<uint8_t>{0xB}));
    QCOMPARE(d.at(1).error, ErrorCode::kNone);
    QCOMPARE(d.at(1).state, GroupState::kDead);

    f.gc->LeaveGroup({"g", {{s.a, std::nullopt}, {s.b, std::nullopt}, {s.c, std::nullopt}}});
    QCOMPARE(f.gc->DeleteGroups({"g"}).at(0).error, ErrorCode::kNone);
    QVERIFY(f.gc->ListGroups().empty());
  }

  void syncErrors() {
    Fixture f;
    auto s = f.MakeStable3();
    QCOMPARE(f.Sync(s.a, 7)->value().error, ErrorCode::kIllegalGeneration);
    QCOMPARE(f.Sync("ghost", 1)->value().error, ErrorCode::kUnknownMemberId);
    QCOMPARE(f.Sync(s.a, 1, {}, "nogroup")->value().error, ErrorCode::kUnknownMemberId);
    SyncGroupArgs v5{"g", 1, s.b, std::nullopt, std::string("consumer"), std::string("roundrobin"), {}};
    std::optional<SyncGroupResult> out;
    f.gc->SyncGroup(v5, [&](SyncGroupResult r) { out = r; });
    QCOMPARE(out->error, ErrorCode::kInconsistentGroupProtocol);
    // A rebalance while followers wait for the leader: they are told to rejoin.
    auto rb = f.Join(f.Args(s.b, {{"range", Subscription({"t3"}, 2)}}));
    f.Join(f.Args(s.a, {{"range", Subscription({"t1"}, 1)}}));
    f.Join(f.Args(s.c, {{"range", Subscription({"t1"}, 3)}}));
    QVERIFY(rb->has_value());
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kCompletingRebalance));
    // Not Stable: described without protocol, metadata or assignments (as Kafka).
    auto d = f.gc->DescribeGroups({"g"}).at(0);
    QCOMPARE(d.state, GroupState::kCompletingRebalance);
    QVERIFY(d.protocol_data.empty());
    QCOMPARE(d.members.size(), size_t(3));
    QVERIFY(d.members[0].metadata.empty() && d.members[0].assignment.empty());
    auto waiting = f.Sync(s.c, 2);
    QVERIFY(!waiting->has_value());
    f.Join(f.Args(s.c, {{"range", Subscription({"t4"}, 3)}}));  // c changes its subscription
    QVERIFY(waiting->has_value());
    QCOMPARE((*waiting)->error, ErrorCode::kRebalanceInProgress);
  }

  void callbacksAndStoreHooksRunOutsideTheLock() {
    // A callback or hook that calls back into the coordinator would deadlock if run under its lock.
    struct Reentrant : GroupStore {
      GroupCoordinator* gc = nullptr;
      int seen = 0;
      void OnGroupMetadataChanged(const GroupMetadataSnapshot&) override { seen += int(gc->ListGroups().size()); }
    };
    auto store = std::make_shared<Reentrant>();
    int64_t now = 0;
    GroupConfig cfg;
    cfg.initial_rebalance_delay_ms = 0;
    GroupCoordinator gc(cfg, [&] { return now; }, store);
    store->gc = &gc;
    JoinGroupArgs a;
    a.api_version = 3;
    a.group_id = "g";
    a.session_timeout_ms = 10000;
    a.protocol_type = "consumer";
    a.protocols = {{"range", {}}};
    std::optional<SyncGroupResult> synced;
    gc.JoinGroup(a, [&](JoinGroupResult r) {
      QCOMPARE(r.error, ErrorCode::kNone);
      gc.SyncGroup({"g", r.generation_id, r.member_id, std::nullopt, std::nullopt, std::nullopt, {{r.member_id, {7}}}},
                   [&](SyncGroupResult s) { synced = s; });
    });
    QVERIFY(synced.has_value());
    QCOMPARE(synced->assignment, (std::vector<uint8_t>{7}));
    QCOMPARE(store->seen, 1);
  }

  void concurrentUseIsSafe() {
    std::atomic<int64_t> now{0};
    GroupCoordinator gc(GroupConfig{}, [&] { return now.load(); });
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        const std::string group = "g" + std::to_string(t % 2);
        for (int i = 0; i < 500; ++i) {
          OffsetCommitArgs c{group, -1, "", std::nullopt, {{"t", t, i, -1, std::nullopt}}};
          auto r = gc.OffsetCommit(c);
          OffsetFetchArgs f{group, std::vector<TopicPartitionKey>{{"t", t}}};
          if (r.partitions.at(0).error != ErrorCode::kNone || gc.OffsetFetch(f).partitions.at(0).offset != i) ++failures;
          now += 1;
          gc.Tick();
        }
      });
    }
    for (auto& th : threads) th.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(gc.ListGroups().size(), size_t(2));
  }

  void loadRestoresGroupAndOffsets() {
    Fixture f;
    GroupMetadataSnapshot snap;
    snap.group_id = "g";
    snap.protocol_type = "consumer";
    snap.generation = 5;
    snap.protocol = "range";
    snap.leader = "m1";
    snap.members.push_back({"m1", std::nullopt, "c", "/h", 60000, 10000, Subscription({"t1"}), {9}});
    f.gc->LoadGroup(snap);
    f.gc->LoadOffset("g", {"t1", 0}, CommittedOffset{77, 1, "", f.now});
    QCOMPARE(f.gc->StateOf("g"), std::optional(GroupState::kStable));
    QCOMPARE(f.Beat("m1", 5), ErrorCode::kNone);
    QCOMPARE(f.Sync("m1", 5)->value().assignment, (std::vector<uint8_t>{9}));
    QCOMPARE(f.Fetched("t1"), int64_t(77));
    f.gc->LoadOffset("g", {"t1", 0}, std::nullopt);
    QCOMPARE(f.Fetched("t1"), int64_t(-1));
  }
};

QTEST_GUILESS_MAIN(TestGroupCoordinator)
#include "test_group_coordinator.moc"
