// Golden bytes of the __consumer_offsets record encodings (Kafka's group-coordinator schemas
// OffsetCommitKey/Value, GroupMetadataKey/Value) and the consumer subscription parser.
#include <QtTest>

#include "engine/group/group_records.h"

using namespace partita;
using namespace partita::group;

namespace {
std::vector<uint8_t> Bytes(std::initializer_list<int> v) {
  std::vector<uint8_t> out;
  for (int b : v) out.push_back(static_cast<uint8_t>(b));
  return out;
}
void Append(std::vector<uint8_t>& a, const std::vector<uint8_t>& b) { a.insert(a.end(), b.begin(), b.end()); }
std::vector<uint8_t> Str(const std::string& s) {  // INT16 length + bytes
  std::vector<uint8_t> out;
  out.reserve(s.size() + 2);
  out.push_back(static_cast<uint8_t>(s.size() >> 8));
  out.push_back(static_cast<uint8_t>(s.size()));
  for (char c : s) out.push_back(static_cast<uint8_t>(c));
  return out;
}
}  // namespace

class TestGroupRecords : public QObject {
  Q_OBJECT
 private slots:
  void offsetCommitKeyV1GoldenBytes() {
    auto bytes = EncodeOffsetCommitKey({"g1", "t", 7});
    QCOMPARE(bytes, Bytes({0x00, 0x01, 0x00, 0x02, 'g', '1', 0x00, 0x01, 't', 0x00, 0x00, 0x00, 0x07}));
    auto back = DecodeConsumerOffsetsKey(bytes);
    QVERIFY(back.ok());
    QVERIFY(std::holds_alternative<OffsetCommitKey>(*back));
    QCOMPARE(std::get<OffsetCommitKey>(*back), (OffsetCommitKey{"g1", "t", 7}));
    // Key version 0 has the same layout.
    bytes[1] = 0;
    QVERIFY(DecodeConsumerOffsetsKey(bytes).ok());
  }

  void offsetCommitValueV3GoldenBytes() {
    OffsetCommitValue v;
    v.offset = 0x0102;
    v.leader_epoch = 5;
    v.metadata = "m";
    v.commit_timestamp = 0x1122334455LL;
    auto bytes = EncodeOffsetCommitValue(v);
    QCOMPARE(bytes, Bytes({0x00, 0x03,                                            // version 3
                           0, 0, 0, 0, 0, 0, 0x01, 0x02,                          // offset
                           0, 0, 0, 5,                                            // leader epoch
                           0x00, 0x01, 'm',                                       // metadata
                           0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55}));              // commit timestamp
    auto back = DecodeOffsetCommitValue(bytes);
    QVERIFY(back.ok());
    QCOMPARE(*back, v);
  }

  void offsetCommitValueOlderVersionsDecode() {
    // v1: offset, metadata, commit timestamp, expire timestamp.
    auto v1 = Bytes({0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x20});
    auto r = DecodeOffsetCommitValue(v1);
    QVERIFY(r.ok());
    QCOMPARE(r->offset, int64_t(9));
    QCOMPARE(r->leader_epoch, -1);
    QCOMPARE(r->commit_timestamp, int64_t(0x10));
    QCOMPARE(r->expire_timestamp, int64_t(0x20));
    v1.pop_back();
    QVERIFY(!DecodeOffsetCommitValue(v1).ok());               // truncated
    QVERIFY(!DecodeOffsetCommitValue(Bytes({0, 9})).ok());    // unknown version
    QVERIFY(!DecodeOffsetCommitValue(Bytes({})).ok());
  }

  void groupMetadataKeyV2GoldenBytes() {
    auto bytes = EncodeGroupMetadataKey({"grp"});
    QCOMPARE(bytes, Bytes({0x00, 0x02, 0x00, 0x03, 'g', 'r', 'p'}));
    auto back = DecodeConsumerOffsetsKey(bytes);
    QVERIFY(back.ok());
    QCOMPARE(std::get<GroupMetadataKey>(*back).group, std::string("grp"));
    QVERIFY(!DecodeConsumerOffsetsKey(Bytes({0x00, 0x07, 0x00, 0x00})).ok());
    QVERIFY(!DecodeConsumerOffsetsKey(Bytes({0x00, 0x02, 0x00, 0x05, 'a'})).ok());
  }

  void groupMetadataValueV3GoldenBytes() {
    GroupMetadataValue v;
    v.protocol_type = "consumer";
    v.generation = 3;
    v.protocol = "range";
    v.leader = "m1";
    v.current_state_timestamp = 1000;
    // Aggregate-initialized: member-wise literal assignments trip a GCC 12 -Wrestrict false positive.
    const GroupMemberRecord m{"m1", std::nullopt, "c", "/h", 300000, 10000, {0xAA}, {0xBB, 0xCC}};
    v.members.push_back(m);
    std::vector<uint8_t> want = Bytes({0x00, 0x03});
    Append(want, Str("consumer"));
    Append(want, Bytes({0, 0, 0, 3}));
    Append(want, Str("range"));
    Append(want, Str("m1"));
    Append(want, Bytes({0, 0, 0, 0, 0, 0, 0x03, 0xE8}));  // current state timestamp
    Append(want, Bytes({0, 0, 0, 1}));                     // one member
    Append(want, Str("m1"));
    Append(want, Bytes({0xFF, 0xFF}));                     // null group instance id
    Append(want, Str("c"));
    Append(want, Str("/h"));
    Append(want, Bytes({0x00, 0x04, 0x93, 0xE0}));         // rebalance timeout 300000
    Append(want, Bytes({0x00, 0x00, 0x27, 0x10}));         // session timeout 10000
    Append(want, Bytes({0, 0, 0, 1, 0xAA}));
    Append(want, Bytes({0, 0, 0, 2, 0xBB, 0xCC}));
    QCOMPARE(EncodeGroupMetadataValue(v), want);
    auto back = DecodeGroupMetadataValue(want);
    QVERIFY(back.ok());
    QCOMPARE(*back, v);
    want.push_back(0);
    QVERIFY(!DecodeGroupMetadataValue(want).ok());  // trailing byte
    want.resize(want.size() - 4);
    QVERIFY(!DecodeGroupMetadataValue(want).ok());  // truncated
  }

  void groupMetadataValueNullsAndStaticMember() {
    GroupMetadataValue v;
    v.protocol_type = "consumer";
    v.generation = 1;
    GroupMemberRecord m;
    m.member_id = "a";
    m.group_instance_id = "i-1";
    v.members.push_back(m);
    auto bytes = EncodeGroupMetadataValue(v);
    auto back = DecodeGroupMetadataValue(bytes);
    QVERIFY(back.ok());
    QCOMPARE(*back, v);
    QVERIFY(!back->protocol.has_value());
    // A huge member count in a short value is refused, not allocated.
    auto bad = Bytes({0, 3});
    Append(bad, Str("x"));
    Append(bad, Bytes({0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF}));
    QVERIFY(!DecodeGroupMetadataValue(bad).ok());
  }

  void consumerSubscriptionTopics() {
    auto md = Bytes({0x00, 0x01, 0, 0, 0, 2});
    Append(md, Str("t1"));
    Append(md, Str("t2"));
    Append(md, Bytes({0xFF, 0xFF, 0xFF, 0xFF}));  // null user data, then owned partitions (ignored)
    Append(md, Bytes({0, 0, 0, 0}));
    auto topics = ParseConsumerSubscriptionTopics(md);
    QVERIFY(topics.ok());
    QCOMPARE(*topics, (std::vector<std::string>{"t1", "t2"}));
    QVERIFY(!ParseConsumerSubscriptionTopics(Bytes({0x00, 0x00, 0, 0, 0, 3, 0, 1})).ok());
  }
};

QTEST_GUILESS_MAIN(TestGroupRecords)
#include "test_group_records.moc"
