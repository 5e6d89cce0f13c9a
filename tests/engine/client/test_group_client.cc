// Unit tests of the pure parts of engine/client's group API: consumer-protocol Subscription / Assignment
// decoding (bytes captured from librdkafka 2.0.2 and kafka-python 2.0.2, plus v1-v3 encodings written here and
// malformed input) and the lag arithmetic behind kafka-consumer-groups' LAG and the app's TIME-LAG.
#include <QtTest>

#include "engine/client/consumer_protocol.h"
#include "engine/client/group_types.h"
#include "engine/protocol/writer.h"

using namespace partita;
using namespace partita::client;

namespace {

std::vector<uint8_t> FromHex(const char* hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; hex[i] && hex[i + 1]; i += 2) out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  return out;
}

std::vector<uint8_t> Bytes(const protocol::Writer& w) { return w.bytes(); }

void WriteTopicPartitions(protocol::Writer& w, const std::vector<std::pair<std::string, std::vector<int32_t>>>& tps) {
  w.WriteInt32(static_cast<int32_t>(tps.size()));
  for (const auto& [t, ps] : tps) {
    w.WriteString(t);
    w.WriteInt32(static_cast<int32_t>(ps.size()));
    for (int32_t p : ps) w.WriteInt32(p);
  }
}

}  // namespace

class TestGroupClient : public QObject {
  Q_OBJECT
 private slots:
  // SyncGroup v3 from kcat (librdkafka 2.0.2): assignment v0 [("golden", [0])], empty user data.
  void librdkafkaAssignmentV0() {
    auto a = DecodeConsumerAssignment(FromHex("0000000000010006676f6c64656e000000010000000000000000"));
    QVERIFY2(a.ok(), a.status().message().c_str());
    QCOMPARE(a->version, int16_t(0));
    QCOMPARE(a->partitions.size(), size_t(1));
    QCOMPARE(a->partitions[0].topic, std::string("golden"));
    QCOMPARE(a->partitions[0].partition.value, 0);
    QVERIFY(a->user_data.has_value());
    QVERIFY(a->user_data->empty());
  }

  // JoinGroup v5 metadata from librdkafka: subscription v1, topics ["golden"], owned partitions [].
  void librdkafkaSubscriptionV1() {
    auto s = DecodeConsumerSubscription(FromHex("0001000000010006676f6c64656e0000000000000000"));
    QVERIFY2(s.ok(), s.status().message().c_str());
    QCOMPARE(s->version, int16_t(1));
    QCOMPARE(s->topics, std::vector<std::string>{"golden"});
    QVERIFY(s->owned_partitions.empty());
    QCOMPARE(s->generation_id, -1);
  }

  // JoinGroup v2 metadata from kafka-python: subscription v0 without owned partitions.
  void kafkaPythonSubscriptionV0() {
    auto s = DecodeConsumerSubscription(FromHex("0000000000010006676f6c64656e00000000"));
    QVERIFY2(s.ok(), s.status().message().c_str());
    QCOMPARE(s->version, int16_t(0));
    QCOMPARE(s->topics, std::vector<std::string>{"golden"});
    QVERIFY(s->user_data.has_value() && s->user_data->empty());
  }

  void subscriptionV3AllFields() {
    protocol::Writer w;
    w.WriteInt16(3);
    w.WriteInt32(2);
    w.WriteString("a");
    w.WriteString("b");
    w.WriteInt32(2);
    w.WriteRaw(std::vector<uint8_t>{0xca, 0xfe});
    WriteTopicPartitions(w, {{"a", {1, 3}}});
    w.WriteInt32(7);
    w.WriteNullableString(std::string("rack-1"));
    auto s = DecodeConsumerSubscription(Bytes(w));
    QVERIFY2(s.ok(), s.status().message().c_str());
    QCOMPARE(s->topics, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(*s->user_data, std::string("\xca\xfe"));
    QCOMPARE(s->owned_partitions.size(), size_t(2));
    QCOMPARE(s->owned_partitions[1].partition.value, 3);
    QCOMPARE(s->generation_id, 7);
    QCOMPARE(*s->rack_id, std::string("rack-1"));
  }

  // A version above 3 is read as 3 (later versions only append), trailing bytes ignored.
  void assignmentNewerVersionAndNullUserData() {
    protocol::Writer w;
    w.WriteInt16(4);
    WriteTopicPartitions(w, {{"t", {2, 0}}, {"u", {5}}});
    w.WriteInt32(-1);  // null user data
    w.WriteInt32(12345);  // a future field
    auto a = DecodeConsumerAssignment(Bytes(w));
    QVERIFY2(a.ok(), a.status().message().c_str());
    QCOMPARE(a->partitions.size(), size_t(3));
    QCOMPARE(a->partitions[2].topic, std::string("u"));
    QVERIFY(!a->user_data.has_value());
  }

  void emptyBytesAreAnEmptyAssignment() {
    auto a = DecodeConsumerAssignment({});
    QVERIFY(a.ok());
    QVERIFY(a->partitions.empty());
  }

  void malformedBytesAreCorruption() {
    // Truncated inside the partition array.
    auto a = DecodeConsumerAssignment(FromHex("0000000000010006676f6c64656e0000000100"));
    QVERIFY(!a.ok());
    QVERIFY(a.status().IsCorruption());
    QVERIFY2(a.status().message().find("assignment") != std::string::npos, a.status().message().c_str());
    // A huge array count is refused before allocating.
    auto b = DecodeConsumerAssignment(FromHex("00007fffffff"));
    QVERIFY(!b.ok());
    // Negative version.
    auto c = DecodeConsumerSubscription(FromHex("ffff00000000"));
    QVERIFY(!c.ok());
  }

  void messageLag() {
    QCOMPARE(MessageLag(40, 100), int64_t(60));
    QCOMPARE(MessageLag(100, 100), int64_t(0));
    QCOMPARE(MessageLag(-1, 100), int64_t(-1));  // nothing committed: unknown
    QCOMPARE(MessageLag(5, -1), int64_t(-1));    // leader unavailable: unknown
    QCOMPARE(MessageLag(0, 10), int64_t(10));    // below a log start of e.g. 4, still counted from 0 (Kafka)
  }

  void timeLag() {
    const int64_t now = 1'700'000'100'000;
    QCOMPARE(TimeLagMs(100, 100, std::nullopt, now), int64_t(0));  // caught up
    QCOMPARE(TimeLagMs(40, 100, now - 2500, now), int64_t(2500));
    QCOMPARE(TimeLagMs(40, 100, std::nullopt, now), int64_t(-1));  // record not readable
    QCOMPARE(TimeLagMs(-1, 100, now - 5, now), int64_t(-1));       // nothing committed
    QCOMPARE(TimeLagMs(40, 100, now + 900, now), int64_t(0));      // a producer clock ahead of ours
  }
};

QTEST_GUILESS_MAIN(TestGroupClient)
#include "test_group_client.moc"
