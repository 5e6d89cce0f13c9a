// Round trips every message of every API at every version we serve: a sample with non-default values in
// each field the version carries is encoded, decoded, compared field by field (operator== / Equal), re-encoded
// byte for byte, and the reader must end exactly at the frame's end. Every strict prefix of each encoding must
// fail cleanly, and hostile array counts must be refused without allocating.
#include <QtTest>

#include "engine/protocol/api_key.h"
#include "engine/protocol/error_code.h"
#include "message_samples.h"
#include "message_samples_admin.h"
#include "message_samples_group.h"

using namespace partita::protocol;
using namespace partita::protocol::testing;
using partita::BrokerId;

namespace {

QByteArray Hex(const std::vector<uint8_t>& b) {
  return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size())).toHex();
}

// Encode -> decode -> compare -> re-encode, then truncations. Uses QVERIFY, so callers check
// QTest::currentTestFailed() to stop early.
template <typename T>
void CheckRoundTrip(const T& in, int16_t version, const char* what) {
  const QByteArray label = QByteArray(what) + " v" + QByteArray::number(version);
  Writer w;
  in.Encode(w, version);
  const std::vector<uint8_t> bytes = w.bytes();
  QVERIFY2(w.splices().empty(), label);
  T out;
  Reader r(bytes);
  out.Decode(r, version);
  QVERIFY2(r.ok(), label + ": " + QByteArray::fromStdString(r.status().ToString()));
  QVERIFY2(r.remaining() == 0, label + ": bytes left over");
  QVERIFY2(Equal(in, out), label + ": decoded value differs; bytes " + Hex(bytes));
  Writer w2;
  out.Encode(w2, version);
  QVERIFY2(w2.bytes() == bytes, label + ": re-encode differs\n" + Hex(bytes) + "\n" + Hex(w2.bytes()));
  // Every strict prefix is a truncated frame: decoding must fail, not crash or read past the end.
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    T t;
    Reader rc(cut);
    t.Decode(rc, version);
    QVERIFY2(!rc.ok(), label + ": prefix of " + QByteArray::number(qulonglong(n)) + " bytes decoded");
  }
}

// Flips bytes of a valid encoding at random and decodes: must end ok or failed, never crash or hang.
template <typename T>
void FuzzDecode(const T& sample, int16_t version, uint32_t seed) {
  Writer w;
  sample.Encode(w, version);
  std::vector<uint8_t> base = w.bytes();
  uint32_t x = seed * 2654435761u + 1;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  };
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<uint8_t> b = base;
    const int flips = 1 + static_cast<int>(next() % 4);
    for (int f = 0; f < flips && !b.empty(); ++f) b[next() % b.size()] = static_cast<uint8_t>(next());
    T out;
    Reader r(b);
    out.Decode(r, version);
    QVERIFY(r.remaining() <= b.size());
  }
}

}  // namespace

class TestMessagesRoundTrip : public QObject {
  Q_OBJECT
 private slots:
  void metadata() {
    for (int16_t v = MetadataRequest::kMinVersion; v <= MetadataRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleMetadataRequest(v), v, "MetadataRequest");
      CheckRoundTrip(SampleMetadataResponse(v), v, "MetadataResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void metadataAllTopics() {
    // Null (v1+) and empty (v0) topic lists both mean "all topics" and decode to nullopt.
    for (int16_t v = 0; v <= MetadataRequest::kMaxVersion; ++v) {
      MetadataRequest m;
      Writer w;
      m.Encode(w, v);
      Reader r(w.bytes());
      MetadataRequest out;
      out.topics.emplace();
      out.Decode(r, v);
      QVERIFY(r.ok());
      QVERIFY(!out.topics.has_value());
    }
    // From v1 an empty list means "no topics" and must stay distinct from null.
    MetadataRequest empty;
    empty.topics.emplace();
    CheckRoundTrip(empty, 1, "MetadataRequest(empty)");
    CheckRoundTrip(empty, 9, "MetadataRequest(empty)");
  }

  void produce() {
    for (int16_t v = ProduceRequest::kMinVersion; v <= ProduceRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleProduceRequest(v), v, "ProduceRequest");
      CheckRoundTrip(SampleProduceResponse(v), v, "ProduceResponse");
      FuzzDecode(SampleProduceRequest(v), v, 500 + v);
      FuzzDecode(SampleProduceResponse(v), v, 600 + v);  // v10+: the KIP-951 tagged fields
      if (QTest::currentTestFailed()) return;
    }
  }

  void produceRecordsAreViews() {
    // Decoding must not copy record data: the view points into the frame.
    ProduceRequest in = SampleProduceRequest(9);
    Writer w;
    in.Encode(w, 9);
    Reader r(w.bytes());
    ProduceRequest out;
    out.Decode(r, 9);
    QVERIFY(r.ok());
    const auto& view = out.topics[0].partitions[0].records.view;
    QVERIFY(view.data() >= w.bytes().data() && view.data() + view.size() <= w.bytes().data() + w.bytes().size());
    QVERIFY(out.topics[0].partitions[1].records.is_null);
  }

  void fetch() {
    const std::vector<uint8_t> records = SampleRecordBytes(11, 90);
    for (int16_t v = FetchRequest::kMinVersion; v <= FetchRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleFetchRequest(v), v, "FetchRequest");
      CheckRoundTrip(SampleFetchResponse(v, records), v, "FetchResponse");
      FuzzDecode(SampleFetchRequest(v), v, 700 + v);  // v15+: KIP-903's tagged replica_state
      FuzzDecode(SampleFetchResponse(v, records), v, 800 + v);  // v16: KIP-951's tagged fields
      if (QTest::currentTestFailed()) return;
    }
  }

  void fetchResponseSplicesRegions() {
    // A broker answer carries file regions: the length prefix covers them and they are spliced, not copied.
    FetchResponse m;
    m.responses.push_back({"t", {}});
    m.responses[0].partitions.resize(1);
    partita::FileRegion region{};
    region.length = 1000;
    m.responses[0].partitions[0].records.regions.push_back(region);
    for (int16_t v : {int16_t(4), int16_t(12)}) {
      Writer w;
      m.Encode(w, v);
      QCOMPARE(w.splices().size(), size_t(1));
      QCOMPARE(w.size(), w.bytes().size() + 1000);
    }
  }

  void fetchV12TaggedFields() {
    // Kafka may add diverging_epoch / current_leader / snapshot_id (tags 0-2) to a v12 partition: we skip the
    // KRaft ones (diverging_epoch here) and keep current_leader (KIP-951).
    FetchResponse m;
    m.responses.push_back({"t", {}});
    m.responses[0].partitions.resize(1);
    m.responses[0].partitions[0].records.is_null = true;
    Writer w;
    m.Encode(w, 12);
    std::vector<uint8_t> b = w.bytes();
    // Layout end: ... records(0x00) partition-tags(0x00) topic-tags(0x00) top-tags(0x00).
    QCOMPARE(b[b.size() - 3], uint8_t(0));
    // Each tagged struct ends with its own (empty) tagged-field section, as Kafka writes flexible structs.
    const std::vector<uint8_t> tags = {0x02, 0x00, 0x0d, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 9, 0,
                                       0x01, 0x09, 0, 0, 0, 1, 0, 0, 0, 2, 0};
    b.erase(b.end() - 3);
    b.insert(b.end() - 2, tags.begin(), tags.end());
    FetchResponse out;
    Reader r(b);
    out.Decode(r, 12);
    QVERIFY2(r.ok(), r.status().ToString().c_str());
    QCOMPARE(r.remaining(), size_t(0));
    QCOMPARE(out.responses[0].partitions[0].current_leader.leader_id.value, 1);
    QCOMPARE(out.responses[0].partitions[0].current_leader.leader_epoch, 2);
    m.responses[0].partitions[0].current_leader = {BrokerId(1), 2};
    QVERIFY(Equal(m, out));
  }

  void listOffsets() {
    for (int16_t v = ListOffsetsRequest::kMinVersion; v <= ListOffsetsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleListOffsetsRequest(v), v, "ListOffsetsRequest");
      CheckRoundTrip(SampleListOffsetsResponse(v), v, "ListOffsetsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void createTopics() {
    for (int16_t v = CreateTopicsRequest::kMinVersion; v <= CreateTopicsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleCreateTopicsRequest(v), v, "CreateTopicsRequest");
      CheckRoundTrip(SampleCreateTopicsResponse(v), v, "CreateTopicsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void deleteTopics() {
    for (int16_t v = DeleteTopicsRequest::kMinVersion; v <= DeleteTopicsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDeleteTopicsRequest(v), v, "DeleteTopicsRequest");
      CheckRoundTrip(SampleDeleteTopicsResponse(v), v, "DeleteTopicsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void describeConfigs() {
    for (int16_t v = DescribeConfigsRequest::kMinVersion; v <= DescribeConfigsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDescribeConfigsRequest(v), v, "DescribeConfigsRequest");
      CheckRoundTrip(SampleDescribeConfigsResponse(v), v, "DescribeConfigsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void createPartitions() {
    for (int16_t v = CreatePartitionsRequest::kMinVersion; v <= CreatePartitionsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleCreatePartitionsRequest(v), v, "CreatePartitionsRequest");
      CheckRoundTrip(SampleCreatePartitionsResponse(v), v, "CreatePartitionsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void deleteRecords() {
    for (int16_t v = DeleteRecordsRequest::kMinVersion; v <= DeleteRecordsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDeleteRecordsRequest(v), v, "DeleteRecordsRequest");
      CheckRoundTrip(SampleDeleteRecordsResponse(v), v, "DeleteRecordsResponse");
      if (QTest::currentTestFailed()) return;
    }
  }

  void offsetForLeaderEpoch() {
    for (int16_t v = OffsetForLeaderEpochRequest::kMinVersion; v <= OffsetForLeaderEpochRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleOffsetForLeaderEpochRequest(v), v, "OffsetForLeaderEpochRequest");
      CheckRoundTrip(SampleOffsetForLeaderEpochResponse(v), v, "OffsetForLeaderEpochResponse");
      FuzzDecode(SampleOffsetForLeaderEpochRequest(v), v, 100 + v);
      FuzzDecode(SampleOffsetForLeaderEpochResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void initProducerId() {
    for (int16_t v = InitProducerIdRequest::kMinVersion; v <= InitProducerIdRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleInitProducerIdRequest(v), v, "InitProducerIdRequest");
      CheckRoundTrip(SampleInitProducerIdResponse(v), v, "InitProducerIdResponse");
      FuzzDecode(SampleInitProducerIdRequest(v), v, 100 + v);
      FuzzDecode(SampleInitProducerIdResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void alterConfigs() {
    for (int16_t v = AlterConfigsRequest::kMinVersion; v <= AlterConfigsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleAlterConfigsRequest(v), v, "AlterConfigsRequest");
      CheckRoundTrip(SampleAlterConfigsResponse(v), v, "AlterConfigsResponse");
      FuzzDecode(SampleAlterConfigsRequest(v), v, 100 + v);
      FuzzDecode(SampleAlterConfigsResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void incrementalAlterConfigs() {
    for (int16_t v = IncrementalAlterConfigsRequest::kMinVersion; v <= IncrementalAlterConfigsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleIncrementalAlterConfigsRequest(v), v, "IncrementalAlterConfigsRequest");
      CheckRoundTrip(SampleIncrementalAlterConfigsResponse(v), v, "IncrementalAlterConfigsResponse");
      FuzzDecode(SampleIncrementalAlterConfigsRequest(v), v, 100 + v);
      FuzzDecode(SampleIncrementalAlterConfigsResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void describeLogDirs() {
    for (int16_t v = DescribeLogDirsRequest::kMinVersion; v <= DescribeLogDirsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDescribeLogDirsRequest(v), v, "DescribeLogDirsRequest");
      CheckRoundTrip(SampleDescribeLogDirsResponse(v), v, "DescribeLogDirsResponse");
      FuzzDecode(SampleDescribeLogDirsRequest(v), v, 100 + v);
      FuzzDecode(SampleDescribeLogDirsResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void describeCluster() {
    for (int16_t v = DescribeClusterRequest::kMinVersion; v <= DescribeClusterRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDescribeClusterRequest(v), v, "DescribeClusterRequest");
      CheckRoundTrip(SampleDescribeClusterResponse(v), v, "DescribeClusterResponse");
      FuzzDecode(SampleDescribeClusterRequest(v), v, 100 + v);
      FuzzDecode(SampleDescribeClusterResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void electLeaders() {
    for (int16_t v = ElectLeadersRequest::kMinVersion; v <= ElectLeadersRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleElectLeadersRequest(v), v, "ElectLeadersRequest");
      CheckRoundTrip(SampleElectLeadersResponse(v), v, "ElectLeadersResponse");
      FuzzDecode(SampleElectLeadersRequest(v), v, 100 + v);
      FuzzDecode(SampleElectLeadersResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void alterPartitionReassignments() {
    for (int16_t v = AlterPartitionReassignmentsRequest::kMinVersion; v <= AlterPartitionReassignmentsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleAlterPartitionReassignmentsRequest(v), v, "AlterPartitionReassignmentsRequest");
      CheckRoundTrip(SampleAlterPartitionReassignmentsResponse(v), v, "AlterPartitionReassignmentsResponse");
      FuzzDecode(SampleAlterPartitionReassignmentsRequest(v), v, 100 + v);
      FuzzDecode(SampleAlterPartitionReassignmentsResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void listPartitionReassignments() {
    for (int16_t v = ListPartitionReassignmentsRequest::kMinVersion; v <= ListPartitionReassignmentsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleListPartitionReassignmentsRequest(v), v, "ListPartitionReassignmentsRequest");
      CheckRoundTrip(SampleListPartitionReassignmentsResponse(v), v, "ListPartitionReassignmentsResponse");
      FuzzDecode(SampleListPartitionReassignmentsRequest(v), v, 100 + v);
      FuzzDecode(SampleListPartitionReassignmentsResponse(v), v, 200 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void adminNullLists() {
    // Null lists mean "all" and must stay distinct from empty lists.
    for (int16_t v = 0; v <= DescribeLogDirsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(DescribeLogDirsRequest{}, v, "DescribeLogDirsRequest(null)");
      DescribeLogDirsRequest empty;
      empty.topics.emplace();
      CheckRoundTrip(empty, v, "DescribeLogDirsRequest(empty)");
    }
    for (int16_t v = 0; v <= ElectLeadersRequest::kMaxVersion; ++v) {
      CheckRoundTrip(ElectLeadersRequest{}, v, "ElectLeadersRequest(null)");
    }
    CheckRoundTrip(ListPartitionReassignmentsRequest{}, 0, "ListPartitionReassignmentsRequest(null)");
    CheckRoundTrip(InitProducerIdRequest{}, 0, "InitProducerIdRequest(null id)");
    CheckRoundTrip(InitProducerIdRequest{}, 4, "InitProducerIdRequest(null id)");
    // Null replicas (cancel) encode as compact length 0; an empty list as 1.
    AlterPartitionReassignmentsRequest cancel;
    cancel.topics.push_back({"t", {{0, std::nullopt}}});
    Writer w;
    cancel.Encode(w, 0);
    QCOMPARE(w.bytes()[w.bytes().size() - 4], uint8_t(0));
  }

  void findCoordinator() {
    for (int16_t v = FindCoordinatorRequest::kMinVersion; v <= FindCoordinatorRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleFindCoordinatorRequest(v), v, "FindCoordinatorRequest");
      CheckRoundTrip(SampleFindCoordinatorResponse(v), v, "FindCoordinatorResponse");
      FuzzDecode(SampleFindCoordinatorRequest(v), v, 300 + v);
      FuzzDecode(SampleFindCoordinatorResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void joinGroup() {
    for (int16_t v = JoinGroupRequest::kMinVersion; v <= JoinGroupRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleJoinGroupRequest(v), v, "JoinGroupRequest");
      CheckRoundTrip(SampleJoinGroupResponse(v), v, "JoinGroupResponse");
      FuzzDecode(SampleJoinGroupRequest(v), v, 300 + v);
      FuzzDecode(SampleJoinGroupResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void syncGroup() {
    for (int16_t v = SyncGroupRequest::kMinVersion; v <= SyncGroupRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleSyncGroupRequest(v), v, "SyncGroupRequest");
      CheckRoundTrip(SampleSyncGroupResponse(v), v, "SyncGroupResponse");
      FuzzDecode(SampleSyncGroupRequest(v), v, 300 + v);
      FuzzDecode(SampleSyncGroupResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void heartbeat() {
    for (int16_t v = HeartbeatRequest::kMinVersion; v <= HeartbeatRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleHeartbeatRequest(v), v, "HeartbeatRequest");
      CheckRoundTrip(SampleHeartbeatResponse(v), v, "HeartbeatResponse");
      FuzzDecode(SampleHeartbeatRequest(v), v, 300 + v);
      FuzzDecode(SampleHeartbeatResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void leaveGroup() {
    for (int16_t v = LeaveGroupRequest::kMinVersion; v <= LeaveGroupRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleLeaveGroupRequest(v), v, "LeaveGroupRequest");
      CheckRoundTrip(SampleLeaveGroupResponse(v), v, "LeaveGroupResponse");
      FuzzDecode(SampleLeaveGroupRequest(v), v, 300 + v);
      FuzzDecode(SampleLeaveGroupResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void offsetCommit() {
    for (int16_t v = OffsetCommitRequest::kMinVersion; v <= OffsetCommitRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleOffsetCommitRequest(v), v, "OffsetCommitRequest");
      CheckRoundTrip(SampleOffsetCommitResponse(v), v, "OffsetCommitResponse");
      FuzzDecode(SampleOffsetCommitRequest(v), v, 300 + v);
      FuzzDecode(SampleOffsetCommitResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void offsetFetch() {
    for (int16_t v = OffsetFetchRequest::kMinVersion; v <= OffsetFetchRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleOffsetFetchRequest(v), v, "OffsetFetchRequest");
      CheckRoundTrip(SampleOffsetFetchResponse(v), v, "OffsetFetchResponse");
      FuzzDecode(SampleOffsetFetchRequest(v), v, 300 + v);
      FuzzDecode(SampleOffsetFetchResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void describeGroups() {
    for (int16_t v = DescribeGroupsRequest::kMinVersion; v <= DescribeGroupsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDescribeGroupsRequest(v), v, "DescribeGroupsRequest");
      CheckRoundTrip(SampleDescribeGroupsResponse(v), v, "DescribeGroupsResponse");
      FuzzDecode(SampleDescribeGroupsRequest(v), v, 300 + v);
      FuzzDecode(SampleDescribeGroupsResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void listGroups() {
    for (int16_t v = ListGroupsRequest::kMinVersion; v <= ListGroupsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleListGroupsRequest(v), v, "ListGroupsRequest");
      CheckRoundTrip(SampleListGroupsResponse(v), v, "ListGroupsResponse");
      FuzzDecode(SampleListGroupsRequest(v), v, 300 + v);
      FuzzDecode(SampleListGroupsResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void deleteGroups() {
    for (int16_t v = DeleteGroupsRequest::kMinVersion; v <= DeleteGroupsRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleDeleteGroupsRequest(v), v, "DeleteGroupsRequest");
      CheckRoundTrip(SampleDeleteGroupsResponse(v), v, "DeleteGroupsResponse");
      FuzzDecode(SampleDeleteGroupsRequest(v), v, 300 + v);
      FuzzDecode(SampleDeleteGroupsResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void offsetDelete() {
    for (int16_t v = OffsetDeleteRequest::kMinVersion; v <= OffsetDeleteRequest::kMaxVersion; ++v) {
      CheckRoundTrip(SampleOffsetDeleteRequest(v), v, "OffsetDeleteRequest");
      CheckRoundTrip(SampleOffsetDeleteResponse(v), v, "OffsetDeleteResponse");
      FuzzDecode(SampleOffsetDeleteRequest(v), v, 300 + v);
      FuzzDecode(SampleOffsetDeleteResponse(v), v, 400 + v);
      if (QTest::currentTestFailed()) return;
    }
  }

  void groupBytesAreOwned() {
    // Protocol metadata and assignments must survive the frame they came in.
    JoinGroupRequest in = SampleJoinGroupRequest(7);
    JoinGroupRequest out;
    {
      Writer w;
      in.Encode(w, 7);
      std::vector<uint8_t> frame = w.TakeBytes();
      Reader r(frame);
      out.Decode(r, 7);
      QVERIFY(r.ok());
      std::fill(frame.begin(), frame.end(), uint8_t(0xee));
    }
    QCOMPARE(out.protocols[2].metadata, in.protocols[2].metadata);
  }

  void groupNullBytesFail() {
    // SyncGroup v0 response with assignment length -1: BYTES there is not nullable.
    const std::vector<uint8_t> b = {0, 0, 0xff, 0xff, 0xff, 0xff};
    SyncGroupResponse m;
    Reader r(b);
    m.Decode(r, 0);
    QVERIFY(!r.ok());
  }

  void offsetFetchNullTopics() {
    // v2+ null = all committed partitions; v8 per group.
    for (int16_t v = 2; v <= 7; ++v) {
      OffsetFetchRequest m;
      m.group_id = "g";
      CheckRoundTrip(m, v, "OffsetFetchRequest(null topics)");
    }
    // Before v2 a null list cannot be sent: it is written as an empty array.
    OffsetFetchRequest old;
    old.group_id = "g";
    Writer w;
    old.Encode(w, 1);
    QCOMPARE(w.bytes(), (std::vector<uint8_t>{0, 1, 'g', 0, 0, 0, 0}));
  }

  void hostileCountsAreRefused() {
    // A 4-byte frame claiming 2^31-1 topics must fail before allocating anything.
    const std::vector<uint8_t> huge = {0x7f, 0xff, 0xff, 0xff};
    MetadataRequest m;
    Reader r1(huge);
    m.Decode(r1, 1);
    QVERIFY(!r1.ok());
    DeleteRecordsRequest d;
    Reader r2(huge);
    d.Decode(r2, 0);
    QVERIFY(!r2.ok());
    // Compact count (varint 0xffffffff) in a flexible request.
    const std::vector<uint8_t> compact = {0xff, 0xff, 0xff, 0xff, 0x0f};
    CreateTopicsRequest c;
    Reader r3(compact);
    c.Decode(r3, 5);
    QVERIFY(!r3.ok());
    // 1000 partitions claimed but only a few bytes follow.
    const std::vector<uint8_t> fetch = {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 1,  // replica, wait, min
                                        0, 0, 0, 1, 0, 1, 't', 0, 0, 0x03, 0xe8, 0, 0, 0, 0};
    FetchRequest f;
    Reader r4(fetch);
    f.Decode(r4, 0);
    QVERIFY(!r4.ok());
  }

  void nullForNonNullableArrayFails() {
    // DeleteRecords v0 topics = null (-1) is a protocol error, not "no topics".
    const std::vector<uint8_t> b = {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1};
    DeleteRecordsRequest d;
    Reader r(b);
    d.Decode(r, 0);
    QVERIFY(!r.ok());
  }

  void unknownTaggedFieldsAreIgnored() {
    // DeleteRecords v2 with an unknown top-level tag 7 of 3 bytes.
    DeleteRecordsRequest in = SampleDeleteRecordsRequest(2);
    Writer w;
    in.Encode(w, 2);
    std::vector<uint8_t> b = w.bytes();
    b.pop_back();  // the empty tag section
    for (uint8_t x : {0x01, 0x07, 0x03, 0xaa, 0xbb, 0xcc}) b.push_back(x);
    DeleteRecordsRequest out;
    Reader r(b);
    out.Decode(r, 2);
    QVERIFY(r.ok());
    QCOMPARE(r.remaining(), size_t(0));
    QVERIFY(in == out);
  }

  void corruptedInputNeverCrashes() {
    std::vector<uint8_t> records = SampleRecordBytes(1, 40);
    for (int16_t v = 0; v <= 12; ++v) {
      if (v <= MetadataRequest::kMaxVersion) FuzzDecode(SampleMetadataRequest(v), v, 1 + v);
      if (v <= MetadataRequest::kMaxVersion) FuzzDecode(SampleMetadataResponse(v), v, 2 + v);
      if (v <= ProduceRequest::kMaxVersion) FuzzDecode(SampleProduceRequest(v), v, 3 + v);
      if (v <= ProduceRequest::kMaxVersion) FuzzDecode(SampleProduceResponse(v), v, 4 + v);
      FuzzDecode(SampleFetchRequest(v), v, 5 + v);
      FuzzDecode(SampleFetchResponse(v, records), v, 6 + v);
      if (v <= ListOffsetsRequest::kMaxVersion) FuzzDecode(SampleListOffsetsRequest(v), v, 7 + v);
      if (v <= ListOffsetsRequest::kMaxVersion) FuzzDecode(SampleListOffsetsResponse(v), v, 8 + v);
      if (v <= CreateTopicsRequest::kMaxVersion) FuzzDecode(SampleCreateTopicsRequest(v), v, 9 + v);
      if (v <= CreateTopicsRequest::kMaxVersion) FuzzDecode(SampleCreateTopicsResponse(v), v, 10 + v);
      if (v <= DeleteTopicsRequest::kMaxVersion) FuzzDecode(SampleDeleteTopicsRequest(v), v, 11 + v);
      if (v <= DeleteTopicsRequest::kMaxVersion) FuzzDecode(SampleDeleteTopicsResponse(v), v, 12 + v);
      if (v <= DescribeConfigsRequest::kMaxVersion) FuzzDecode(SampleDescribeConfigsRequest(v), v, 13 + v);
      if (v <= DescribeConfigsRequest::kMaxVersion) FuzzDecode(SampleDescribeConfigsResponse(v), v, 14 + v);
      if (v <= CreatePartitionsRequest::kMaxVersion) FuzzDecode(SampleCreatePartitionsRequest(v), v, 15 + v);
      if (v <= CreatePartitionsRequest::kMaxVersion) FuzzDecode(SampleCreatePartitionsResponse(v), v, 16 + v);
      if (v <= DeleteRecordsRequest::kMaxVersion) FuzzDecode(SampleDeleteRecordsRequest(v), v, 17 + v);
      if (v <= DeleteRecordsRequest::kMaxVersion) FuzzDecode(SampleDeleteRecordsResponse(v), v, 18 + v);
    }
  }

  void apiKeyNames() {
    QCOMPARE(ApiKeyName(0), "Produce");
    QCOMPARE(ApiKeyName(3), "Metadata");
    QCOMPARE(ApiKeyName(18), "ApiVersions");
    QCOMPARE(ApiKeyName(37), "CreatePartitions");
    QCOMPARE(ApiKeyName(60), "DescribeCluster");
    QCOMPARE(ApiKeyName(999), "Unknown");
    QCOMPARE(ApiKeyName(-1), "Unknown");
  }

  void errorCodeNames() {
    QCOMPARE(ErrorCodeName(ErrorCode::kNone), "NONE");
    QCOMPARE(ErrorCodeName(ErrorCode::kUnknownServerError), "UNKNOWN_SERVER_ERROR");
    QCOMPARE(ErrorCodeName(ErrorCode::kUnknownTopicOrPartition), "UNKNOWN_TOPIC_OR_PARTITION");
    QCOMPARE(ErrorCodeName(ErrorCode::kNotLeaderOrFollower), "NOT_LEADER_OR_FOLLOWER");
    QCOMPARE(ErrorCodeName(ErrorCode::kInvalidTxnState), "INVALID_TXN_STATE");
    QCOMPARE(ErrorCodeName(ErrorCode::kTransactionalIdAuthorizationFailed), "TRANSACTIONAL_ID_AUTHORIZATION_FAILED");
    QCOMPARE(ErrorCodeName(ErrorCode::kInconsistentClusterId), "INCONSISTENT_CLUSTER_ID");
    QCOMPARE(ErrorCodeName(ErrorCode::kTransactionalIdNotFound), "TRANSACTIONAL_ID_NOT_FOUND");
    QCOMPARE(ErrorCodeName(static_cast<ErrorCode>(999)), "UNKNOWN_ERROR_CODE");
    // Every known code has a distinct name and a non-empty message.
    QSet<QByteArray> seen;
    for (int c = -1; c <= 120; ++c) {
      const char* name = ErrorCodeName(static_cast<ErrorCode>(c));
      if (QByteArray(name) == "UNKNOWN_ERROR_CODE") continue;
      QVERIFY2(!seen.contains(name), name);
      seen.insert(name);
      QVERIFY(QByteArray(ErrorCodeMessage(static_cast<ErrorCode>(c))).size() > 5);
    }
    QCOMPARE(seen.size(), 93);  // every code in error_code.h
    QCOMPARE(ErrorCodeName(ErrorCode::kTransactionAbortable), "TRANSACTION_ABORTABLE");
  }
};

QTEST_GUILESS_MAIN(TestMessagesRoundTrip)
#include "test_messages_roundtrip.moc"
