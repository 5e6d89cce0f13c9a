// One round trip per generated message x version (tools/protogen, engine/protocol/schemas). For every API,
// request and response, in every version the schema declares: a sample with every field the version has set
// to a non-default value (Sample() from the generated <name>_samples.h; nullable fields null for odd seeds)
// is encoded, decoded and compared; the decoded value encodes to the same bytes; and every strict prefix of
// the encoding is refused (the decoder never reads past the frame and never accepts a truncated message).
// Golden bytes from real clients live in test_messages_golden*.cc; this test covers every declared version.
#include <QtTest>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/protocol/messages/all_samples.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

using namespace partita::protocol;

namespace {

template <typename T>
std::vector<uint8_t> EncodeOf(const T& m, int16_t version) {
  Writer w;
  m.Encode(w, version);
  return w.bytes();
}

// Returns an empty string when the round trip holds, else what went wrong.
template <typename T>
std::string RoundTrip(int16_t version, int seed, size_t& checked) {
  T sample;
  testing::Sample(sample, version, seed);
  const std::vector<uint8_t> bytes = EncodeOf(sample, version);
  T decoded;
  Reader r(bytes);
  decoded.Decode(r, version);
  if (!r.ok()) return "decode failed: " + r.status().ToString();
  if (r.remaining() != 0) return "decode left " + std::to_string(r.remaining()) + " bytes";
  if constexpr (std::equality_comparable<T>) {
    if (!(decoded == sample)) return "decoded value differs from the sample";
  }
  if (EncodeOf(decoded, version) != bytes) return "re-encoding differs";
  for (size_t n = 0; n < bytes.size(); ++n) {
    T partial;
    Reader pr(std::span<const uint8_t>(bytes.data(), n));
    partial.Decode(pr, version);
    if (pr.ok()) return "a " + std::to_string(n) + "-byte prefix of " + std::to_string(bytes.size()) + " decoded";
  }
  ++checked;
  return {};
}

}  // namespace

class TestMessagesGenerated : public QObject {
  Q_OBJECT
 private slots:
  void everyMessageEveryVersionRoundTrips() {
    size_t checked = 0;
    size_t apis = 0;
    generated::ForEachApi([&](auto request, auto response) {
      using Req = decltype(request);
      using Resp = decltype(response);
      ++apis;
      for (int16_t v = Req::kMinVersion; v <= Req::kMaxVersion; ++v) {
        for (int seed : {2, 3}) {  // even: nullable fields set; odd: nullable fields null
          std::string why = RoundTrip<Req>(v, seed, checked);
          QVERIFY2(why.empty(), (std::string(ApiKeyName(static_cast<int16_t>(Req::kApiKey))) + " request v" +
                                 std::to_string(v) + " seed " + std::to_string(seed) + ": " + why).c_str());
          why = RoundTrip<Resp>(v, seed, checked);
          QVERIFY2(why.empty(), (std::string(ApiKeyName(static_cast<int16_t>(Req::kApiKey))) + " response v" +
                                 std::to_string(v) + " seed " + std::to_string(seed) + ": " + why).c_str());
        }
      }
    });
    QVERIFY(apis >= 37);  // 30 served APIs + 7 declared security APIs
    qInfo("%zu APIs, %zu round trips", apis, checked);
  }

  void hostileArrayCountIsRefusedBeforeAllocating() {
    // DescribeGroups v0 request: groups array count 0x7fffffff with 4 bytes behind it. The Reader refuses the
    // count (each element takes at least 2 bytes) before anything is reserved.
    const std::vector<uint8_t> bytes = {0x7f, 0xff, 0xff, 0xff, 0, 1, 'a', 0};
    DescribeGroupsRequest m;
    Reader r(bytes);
    m.Decode(r, 0);
    QVERIFY(!r.ok());
    QVERIFY(m.groups.capacity() < 16);
  }

  void taggedFieldWithWrongSizeIsRefused() {
    // CreateTopics v5 response topic: tag 0 (topic_config_error_code, INT16) declared with 3 bytes.
    CreateTopicsResponse sample;
    sample.topics.emplace_back().name = "t";
    sample.topics[0].topic_config_error_code = 42;
    std::vector<uint8_t> bytes = EncodeOf(sample, 5);
    CreateTopicsResponse ok;
    Reader r_ok(bytes);
    ok.Decode(r_ok, 5);
    QVERIFY(r_ok.ok());
    QCOMPARE(ok.topics.at(0).topic_config_error_code, int16_t(42));
    // The topic's tagged section: 01 (count) 00 (tag) 02 (size) 00 2a; then the top-level empty section.
    const std::vector<uint8_t> tail = {1, 0, 2, 0, 42, 0};
    QVERIFY(bytes.size() > tail.size());
    QCOMPARE(std::vector<uint8_t>(bytes.end() - 6, bytes.end()), tail);
    bytes[bytes.size() - 4] = 3;  // size 3: the field's reader is left one byte it cannot use
    bytes.push_back(0);
    CreateTopicsResponse bad;
    Reader r_bad(bytes);
    bad.Decode(r_bad, 5);
    QVERIFY(!r_bad.ok());
  }

  void unknownTaggedFieldsAreSkipped() {
    // Heartbeat v4 request with an unknown tag 7 (3 bytes) in the top-level tagged section.
    HeartbeatRequest m;
    m.group_id = "g";
    m.member_id = "m";
    std::vector<uint8_t> bytes = EncodeOf(m, 4);
    QCOMPARE(bytes.back(), uint8_t(0));
    bytes.back() = 1;
    for (uint8_t b : {7, 3, 1, 2, 3}) bytes.push_back(b);
    HeartbeatRequest decoded;
    Reader r(bytes);
    decoded.Decode(r, 4);
    QVERIFY(r.ok());
    QCOMPARE(r.remaining(), size_t(0));
    QVERIFY(decoded == m);
  }
};

QTEST_GUILESS_MAIN(TestMessagesGenerated)
#include "test_messages_generated.moc"
