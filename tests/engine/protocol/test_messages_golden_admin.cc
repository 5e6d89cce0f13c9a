// Golden bytes for the admin / replication APIs, written by hand from the Kafka 3.8 JSON schemas (annotated
// field by field), one request and one response per API at least, covering both the classic and the flexible
// (compact + tagged fields) encodings. Each is decoded, checked, and re-encoded byte for byte.
#include <QtTest>

#include "golden_util.h"
#include "message_samples_admin.h"

using namespace partita::protocol;
using namespace partita::protocol::testing;

class TestMessagesGoldenAdmin : public QObject {
  Q_OBJECT
 private slots:
  void offsetForLeaderEpochRequestV4() {
    CheckGolden<OffsetForLeaderEpochRequest>(
        "ffffffff"                       // replica_id -1 (consumer)
        "02" "0274"                      // topics: 1, "t"
        "02" "00000000" "00000005" "00000004" "00"  // partitions: 1 {0, current 5, epoch 4}, tags
        "00" "00",                       // topic tags, top tags
        4, [](const OffsetForLeaderEpochRequest& m) {
          QCOMPARE(m.replica_id, -1);
          QCOMPARE(m.topics[0].topic, std::string("t"));
          QCOMPARE(m.topics[0].partitions[0].current_leader_epoch, 5);
          QCOMPARE(m.topics[0].partitions[0].leader_epoch, 4);
        });
  }

  void offsetForLeaderEpochRequestV0() {
    CheckGolden<OffsetForLeaderEpochRequest>(
        "00000001" "000174" "00000001" "00000003" "00000002",  // "t" partition 3 epoch 2
        0, [](const OffsetForLeaderEpochRequest& m) {
          QCOMPARE(m.replica_id, -2);
          QCOMPARE(m.topics[0].partitions[0].partition, 3);
          QCOMPARE(m.topics[0].partitions[0].current_leader_epoch, -1);
          QCOMPARE(m.topics[0].partitions[0].leader_epoch, 2);
        });
  }

  void offsetForLeaderEpochResponseV0() {
    CheckGolden<OffsetForLeaderEpochResponse>(
        "00000001" "000174"              // topics: 1, "t"
        "00000001" "0000" "00000000" "000000000000002a",  // error 0, partition 0, end_offset 42
        0, [](const OffsetForLeaderEpochResponse& m) {
          QCOMPARE(m.topics[0].partitions[0].end_offset, int64_t(42));
          QCOMPARE(m.topics[0].partitions[0].leader_epoch, -1);
        });
  }

  void offsetForLeaderEpochResponseV4() {
    CheckGolden<OffsetForLeaderEpochResponse>(
        "00000000" "02" "0274"           // throttle, topics: 1, "t"
        "02" "0000" "00000001" "00000007" "0000000000000064" "00"  // partition 1, epoch 7, end 100
        "00" "00",
        4, [](const OffsetForLeaderEpochResponse& m) {
          QCOMPARE(m.topics[0].partitions[0].partition, 1);
          QCOMPARE(m.topics[0].partitions[0].leader_epoch, 7);
          QCOMPARE(m.topics[0].partitions[0].end_offset, int64_t(100));
        });
  }

  void initProducerIdRequestV0() {
    CheckGolden<InitProducerIdRequest>("ffff" "0000ea60", 0, [](const InitProducerIdRequest& m) {
      QVERIFY(!m.transactional_id.has_value());  // idempotent producer
      QCOMPARE(m.transaction_timeout_ms, 60000);
    });
  }

  void initProducerIdRequestV4() {
    CheckGolden<InitProducerIdRequest>(
        "0574786e31" "00000064" "ffffffffffffffff" "ffff" "00",  // "txn1", 100 ms, pid -1, epoch -1, tags
        4, [](const InitProducerIdRequest& m) {
          QCOMPARE(*m.transactional_id, std::string("txn1"));
          QCOMPARE(m.transaction_timeout_ms, 100);
          QCOMPARE(m.producer_id, int64_t(-1));
          QCOMPARE(m.producer_epoch, int16_t(-1));
        });
  }

  void initProducerIdResponseV2() {
    CheckGolden<InitProducerIdResponse>(
        "00000000" "0000" "00000000000003e8" "0000" "00",  // throttle, error, pid 1000, epoch 0, tags
        2, [](const InitProducerIdResponse& m) {
          QCOMPARE(m.producer_id, int64_t(1000));
          QCOMPARE(m.producer_epoch, int16_t(0));
        });
  }

  void alterConfigsRequestV0() {
    CheckGolden<AlterConfigsRequest>(
        "00000001" "02" "000174"         // resources: 1, topic "t"
        "00000001" "00016b" "000176"     // configs: 1, "k" = "v"
        "00",                            // validate_only
        0, [](const AlterConfigsRequest& m) {
          QCOMPARE(m.resources[0].resource_type, int8_t(2));
          QCOMPARE(m.resources[0].configs[0].name, std::string("k"));
          QCOMPARE(*m.resources[0].configs[0].value, std::string("v"));
          QVERIFY(!m.validate_only);
        });
  }

  void alterConfigsResponseV2() {
    CheckGolden<AlterConfigsResponse>(
        "00000000" "02" "0000" "00" "02" "0274" "00" "00",  // 1 response: ok, message null, topic "t"
        2, [](const AlterConfigsResponse& m) {
          QCOMPARE(m.responses.size(), size_t(1));
          QVERIFY(!m.responses[0].error_message.has_value());
          QCOMPARE(m.responses[0].resource_name, std::string("t"));
        });
  }

  void incrementalAlterConfigsRequestV1() {
    CheckGolden<IncrementalAlterConfigsRequest>(
        "02" "02" "0274"                 // resources: 1, topic "t"
        "03" "026b" "00" "0276" "00"     // configs: 2: "k" SET "v"
        "026a" "01" "00" "00"            //             "j" DELETE null
        "00"                             // resource tags
        "01" "00",                       // validate_only, tags
        1, [](const IncrementalAlterConfigsRequest& m) {
          const auto& c = m.resources[0].configs;
          QCOMPARE(c.size(), size_t(2));
          QCOMPARE(c[0].config_operation, int8_t(0));
          QCOMPARE(*c[0].value, std::string("v"));
          QCOMPARE(c[1].config_operation, int8_t(1));
          QVERIFY(!c[1].value.has_value());
          QVERIFY(m.validate_only);
        });
  }

  void incrementalAlterConfigsResponseV0() {
    CheckGolden<IncrementalAlterConfigsResponse>(
        "00000000" "00000001" "0028" "0003626164" "02" "000174",  // INVALID_CONFIG "bad" topic "t"
        0, [](const IncrementalAlterConfigsResponse& m) {
          QCOMPARE(m.responses[0].error_code, int16_t(40));
          QCOMPARE(*m.responses[0].error_message, std::string("bad"));
        });
  }

  void describeLogDirsRequestV0All() {
    CheckGolden<DescribeLogDirsRequest>("ffffffff", 0, [](const DescribeLogDirsRequest& m) {
      QVERIFY(!m.topics.has_value());
    });
  }

  void describeLogDirsRequestV2() {
    CheckGolden<DescribeLogDirsRequest>("02" "0274" "0200000000" "00" "00", 2, [](const DescribeLogDirsRequest& m) {
      QCOMPARE(m.topics->size(), size_t(1));
      QCOMPARE((*m.topics)[0].partitions, std::vector<int32_t>{0});
    });
  }

  void describeLogDirsResponseV4() {
    CheckGolden<DescribeLogDirsResponse>(
        "00000000" "0000"                // throttle, error
        "02" "0000" "022f"               // results: 1, error 0, log_dir "/"
        "02" "0274"                      // topics: 1, "t"
        "02" "00000000" "0000000000000400" "0000000000000000" "00" "00"  // p0, 1024 bytes, lag 0, !future
        "00"                             // topic tags
        "0000000000002000" "0000000000001000" "00"  // total 8192, usable 4096, result tags
        "00",
        4, [](const DescribeLogDirsResponse& m) {
          QCOMPARE(m.results[0].log_dir, std::string("/"));
          QCOMPARE(m.results[0].topics[0].partitions[0].partition_size, int64_t(1024));
          QCOMPARE(m.results[0].total_bytes, int64_t(8192));
          QCOMPARE(m.results[0].usable_bytes, int64_t(4096));
        });
  }

  void describeClusterRequestV0() {
    CheckGolden<DescribeClusterRequest>("01" "00", 0, [](const DescribeClusterRequest& m) {
      QVERIFY(m.include_cluster_authorized_operations);
      QCOMPARE(m.endpoint_type, int8_t(1));
    });
  }

  void describeClusterResponseV1() {
    CheckGolden<DescribeClusterResponse>(
        "00000000" "0000" "00" "01"      // throttle, error, message null, endpoint_type brokers
        "0263" "00000001"                // cluster_id "c", controller 1
        "02" "00000001" "0268" "00002384" "00" "00"  // brokers: 1 {1, "h", 9092, rack null}
        "80000000" "00",                 // cluster_authorized_operations, tags
        1, [](const DescribeClusterResponse& m) {
          QCOMPARE(m.cluster_id, std::string("c"));
          QCOMPARE(m.brokers[0].port, 9092);
          QCOMPARE(m.cluster_authorized_operations, INT32_MIN);
        });
  }

  void electLeadersRequestV1() {
    CheckGolden<ElectLeadersRequest>(
        "00" "00000001" "000174" "00000001" "00000000" "0000ea60",  // preferred, "t" [0], 60 s
        1, [](const ElectLeadersRequest& m) {
          QCOMPARE(m.election_type, int8_t(0));
          QCOMPARE((*m.topic_partitions)[0].partitions, std::vector<int32_t>{0});
          QCOMPARE(m.timeout_ms, 60000);
        });
  }

  void electLeadersResponseV2() {
    CheckGolden<ElectLeadersResponse>(
        "00000000" "0000" "02" "0274" "02" "00000000" "0000" "00" "00" "00" "00",
        2, [](const ElectLeadersResponse& m) {
          QCOMPARE(m.replica_election_results[0].topic, std::string("t"));
          QVERIFY(!m.replica_election_results[0].partition_result[0].error_message.has_value());
        });
  }

  void alterPartitionReassignmentsRequestV0() {
    CheckGolden<AlterPartitionReassignmentsRequest>(
        "0000ea60" "02" "0274"           // timeout, topics: 1, "t"
        "03" "00000000" "03" "00000001" "00000002" "00"  // partition 0 -> [1, 2]
        "00000001" "00" "00"             // partition 1 -> null (cancel)
        "00" "00",
        0, [](const AlterPartitionReassignmentsRequest& m) {
          QCOMPARE(*m.topics[0].partitions[0].replicas, (std::vector<int32_t>{1, 2}));
          QVERIFY(!m.topics[0].partitions[1].replicas.has_value());
        });
  }

  void alterPartitionReassignmentsResponseV0() {
    CheckGolden<AlterPartitionReassignmentsResponse>(
        "00000000" "0000" "00" "02" "0274" "02" "00000000" "0055" "00" "00" "00" "00",
        0, [](const AlterPartitionReassignmentsResponse& m) {
          QCOMPARE(m.responses[0].partitions[0].error_code, int16_t(85));
        });
  }

  void listPartitionReassignmentsRequestV0() {
    CheckGolden<ListPartitionReassignmentsRequest>("0000ea60" "00" "00", 0,
                                                   [](const ListPartitionReassignmentsRequest& m) {
                                                     QVERIFY(!m.topics.has_value());
                                                   });
  }

  void listPartitionReassignmentsResponseV0() {
    CheckGolden<ListPartitionReassignmentsResponse>(
        "00000000" "0000" "00" "02" "0274" "02" "00000000"
        "03" "00000001" "00000002"       // replicas [1, 2]
        "02" "00000002" "02" "00000001"  // adding [2], removing [1]
        "00" "00" "00",
        0, [](const ListPartitionReassignmentsResponse& m) {
          const auto& p = m.topics[0].partitions[0];
          QCOMPARE(p.replicas, (std::vector<int32_t>{1, 2}));
          QCOMPARE(p.adding_replicas, std::vector<int32_t>{2});
          QCOMPARE(p.removing_replicas, std::vector<int32_t>{1});
        });
  }
};

QTEST_GUILESS_MAIN(TestMessagesGoldenAdmin)
#include "test_messages_golden_admin.moc"
