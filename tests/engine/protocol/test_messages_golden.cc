// Golden bytes that did not come from our encoder.
//
// Requests were captured from real clients with tests/engine/protocol/capture_requests.py (a fake broker on a
// free loopback port that answers ApiVersions and Metadata v0/v1 and records every request frame):
//   kcat (librdkafka 2.0.2):         kcat -b 127.0.0.1:PORT -L -m 2
//   kafka-python 2.0.2:               KafkaConsumer(api_version=(2,5,0), client_id='golden-client').topics()
//   confluent_kafka 1.7.0 / librdkafka 2.0.2, client.id 'golden' (the fake broker advertises Produce 0-7,
//   Fetch 0-11, ListOffsets 0-5, Metadata 0-1, CreateTopics 0-4):
//     Producer(acks=-1).produce('golden', key=b'key', value=b'value', partition=0, ...)  -> Produce v7
//     Consumer.assign([TopicPartition('golden', 0, 5)])                                 -> Fetch v11
//     Consumer.assign([TopicPartition('golden', 0, OFFSET_END)])                        -> ListOffsets v2
//     AdminClient.create_topics([NewTopic('new-topic', 3, 1, {'cleanup.policy': 'compact'})]) -> CreateTopics v4
// Each frame is the request header plus body (without the 4-byte size prefix). The test decodes it, checks the
// fields, and re-encodes header + body byte for byte.
//
// Responses were written by hand from the Kafka 3.8 JSON schemas (annotated byte by byte below).
#include <QtTest>

#include "engine/protocol/request_header.h"
#include "golden_util.h"
#include "message_samples.h"

using namespace partita::protocol;
using namespace partita::protocol::testing;
using partita::BrokerId;

using namespace partita::protocol::testing;

class TestMessagesGolden : public QObject {
  Q_OBJECT
 private slots:
  // ---------------- captured requests ----------------
  void kcatApiVersionsV3() {
    auto frame = FromHex("0012000300000001000772646b61666b61000b6c696272646b61666b6106322e302e3200");
    RequestHeader h;
    ApiVersionsRequest m;
    DecodeCaptured(frame, 2, h, m);
    QCOMPARE(h.correlation_id, 1);
    QCOMPARE(*h.client_id, std::string("rdkafka"));
    QCOMPARE(m.client_software_name, std::string("librdkafka"));
    QCOMPARE(m.client_software_version, std::string("2.0.2"));
  }

  void kcatMetadataV1() {
    // First an empty topic list (v1: "no topics", just brokers), then null (all topics).
    RequestHeader h;
    MetadataRequest m;
    DecodeCaptured(FromHex("0003000100000002000772646b61666b6100000000"), 1, h, m);
    QCOMPARE(h.correlation_id, 2);
    QVERIFY(m.topics.has_value());
    QVERIFY(m.topics->empty());
    QVERIFY(m.allow_auto_topic_creation);
    MetadataRequest all;
    DecodeCaptured(FromHex("0003000100000003000772646b61666b61ffffffff"), 1, h, all);
    QVERIFY(!all.topics.has_value());
  }

  void kafkaPythonMetadataV1() {
    RequestHeader h;
    MetadataRequest m;
    DecodeCaptured(FromHex("0003000100000001000d676f6c64656e2d636c69656e74ffffffff"), 1, h, m);
    QCOMPARE(*h.client_id, std::string("golden-client"));
    QVERIFY(!m.topics.has_value());
  }

  void librdkafkaProduceV7() {
    auto frame = FromHex(
        "00000007000000030006676f6c64656effffffff00007530000000010006676f6c64656e000000010000000000000050"
        "000000000000000000000044000000000216c8334a0000000000000000018bcfe568000000018bcfe56800ffffffffff"
        "ffffffffffffffffff0000000124000000066b65790a76616c75650202680231");
    RequestHeader h;
    ProduceRequest m;
    DecodeCaptured(frame, 1, h, m);
    QCOMPARE(h.api_version, int16_t(7));
    QVERIFY(!m.transactional_id.has_value());
    QCOMPARE(m.acks, int16_t(-1));
    QCOMPARE(m.timeout_ms, 30000);
    QCOMPARE(m.topics.size(), size_t(1));
    QCOMPARE(m.topics[0].name, std::string("golden"));
    QCOMPARE(m.topics[0].partitions.size(), size_t(1));
    const auto& p = m.topics[0].partitions[0];
    QCOMPARE(p.index, 0);
    QVERIFY(!p.records.is_null);
    QCOMPARE(p.records.view.size(), size_t(80));
    // The view is the record batch: base offset 0, batch length 68 (= 80 - 12), magic 2 at byte 16.
    QCOMPARE(p.records.view[11], uint8_t(0x44));
    QCOMPARE(p.records.view[16], uint8_t(2));
    QCOMPARE(p.records.view.data(), frame.data() + (frame.size() - 80));
  }

  void librdkafkaFetchV11() {
    auto frame = FromHex(
        "0001000b000000040006676f6c64656effffffff000001f400000001032000000100000000ffffffff00000001000667"
        "6f6c64656e0000000100000000ffffffff0000000000000005ffffffffffffffff00100000000000000000");
    RequestHeader h;
    FetchRequest m;
    DecodeCaptured(frame, 1, h, m);
    QCOMPARE(h.api_version, int16_t(11));
    QCOMPARE(m.replica_id, -1);
    QCOMPARE(m.max_wait_ms, 500);
    QCOMPARE(m.min_bytes, 1);
    QCOMPARE(m.max_bytes, 52428800);
    QCOMPARE(m.isolation_level, int8_t(1));
    QCOMPARE(m.session_id, 0);
    QCOMPARE(m.session_epoch, -1);
    QCOMPARE(m.topics.size(), size_t(1));
    QCOMPARE(m.topics[0].topic, std::string("golden"));
    QCOMPARE(m.topics[0].partitions.size(), size_t(1));
    const auto& p = m.topics[0].partitions[0];
    QCOMPARE(p.partition, 0);
    QCOMPARE(p.current_leader_epoch, -1);
    QCOMPARE(p.fetch_offset, int64_t(5));
    QCOMPARE(p.log_start_offset, int64_t(-1));
    QCOMPARE(p.partition_max_bytes, 1048576);
    QVERIFY(m.forgotten_topics_data.empty());
    QCOMPARE(m.rack_id, std::string());
  }

  void librdkafkaListOffsetsV2() {
    auto frame = FromHex(
        "00020002000000040006676f6c64656effffffff01000000010006676f6c64656e0000000100000000ffffffffffffff"
        "ff");
    RequestHeader h;
    ListOffsetsRequest m;
    DecodeCaptured(frame, 1, h, m);
    QCOMPARE(m.replica_id, -1);
    QCOMPARE(m.isolation_level, int8_t(1));
    QCOMPARE(m.topics.size(), size_t(1));
    QCOMPARE(m.topics[0].name, std::string("golden"));
    QCOMPARE(m.topics[0].partitions.size(), size_t(1));
    QCOMPARE(m.topics[0].partitions[0].partition_index, 0);
    QCOMPARE(m.topics[0].partitions[0].timestamp, int64_t(-1));  // latest
  }

  void librdkafkaCreateTopicsV4() {
    auto frame = FromHex(
        "00130004000000030006676f6c64656e0000000100096e65772d746f7069630000000300010000000000000001000e63"
        "6c65616e75702e706f6c6963790007636f6d706163740000138800");
    RequestHeader h;
    CreateTopicsRequest m;
    DecodeCaptured(frame, 1, h, m);
    QCOMPARE(m.topics.size(), size_t(1));
    const auto& t = m.topics[0];
    QCOMPARE(t.name, std::string("new-topic"));
    QCOMPARE(t.num_partitions, 3);
    QCOMPARE(t.replication_factor, int16_t(1));
    QVERIFY(t.assignments.empty());
    QCOMPARE(t.configs.size(), size_t(1));
    QCOMPARE(t.configs[0].name, std::string("cleanup.policy"));
    QCOMPARE(*t.configs[0].value, std::string("compact"));
    QCOMPARE(m.timeout_ms, 5000);
    QVERIFY(!m.validate_only);
  }

  // ---------------- hand-written responses ----------------
  void apiVersionsResponseV3() {
    CheckGolden<ApiVersionsResponse>(
        "0000"              // error_code
        "02"                // compact array: 1 element
        "0012" "0000" "0003" "00"  // ApiVersions 0-3, tags
        "00000000"          // throttle
        "00",               // tags
        3, [](const ApiVersionsResponse& m) {
          QCOMPARE(m.api_keys.size(), size_t(1));
          QCOMPARE(m.api_keys[0].api_key, int16_t(18));
          QCOMPARE(m.api_keys[0].max_version, int16_t(3));
        });
  }

  // KIP-516 layouts, bytes written from Kafka 3.8's MetadataRequest/Response and FetchRequest/Response specs.
  void metadataV12ByTopicId() {
    CheckGolden<MetadataRequest>(
        "02"                                        // topics: 1
        "8a1f0233445c46779809aabbccddee0f" "00" "00"  // topic_id, name null, tags
        "01" "00" "00",                             // allow_auto_topic_creation, include_topic_ops, tags
        12, [](const MetadataRequest& m) {
          QVERIFY(m.topics.has_value());
          QCOMPARE(m.topics->size(), size_t(1));
          QVERIFY(!(*m.topics)[0].name.has_value());
          QCOMPARE((*m.topics)[0].topic_id, kSampleTopicId);
        });
    CheckGolden<MetadataResponse>(
        "00000000" "01" "0263" "ffffffff"           // throttle, brokers: 0, cluster "c", controller -1
        "03"                                        // topics: 2
        "0064" "00" "8a1f0233445c46779809aabbccddee0f" "00" "01" "80000000" "00"  // UNKNOWN_TOPIC_ID, null name
        "0000" "0274" "8a1f0233445c46779809aabbccddee0f" "00" "01" "80000000" "00"  // "t" with its id
        "00",                                       // tags (no cluster_authorized_operations from v11)
        12, [](const MetadataResponse& m) {
          QCOMPARE(m.topics.size(), size_t(2));
          QCOMPARE(m.topics[0].error_code, int16_t(100));
          QVERIFY(!m.topics[0].name.has_value());
          QCOMPARE(m.topics[1].name.value_or(""), std::string("t"));
          QCOMPARE(m.topics[1].topic_id, kSampleTopicId);
        });
  }

  void fetchV13ByTopicId() {
    CheckGolden<FetchRequest>(
        "ffffffff" "000001f4" "00000001" "03200000" "00"  // replica -1, wait 500, min 1, max 50 MiB, isolation
        "00000000" "ffffffff"                             // session 0, epoch -1 (sessionless)
        "02" "8a1f0233445c46779809aabbccddee0f"           // topics: 1, by id
        "02" "00000000" "ffffffff" "000000000000002a" "ffffffff" "ffffffffffffffff" "00100000" "00"  // partition 0
        "00"                                              // topic tags
        "02" "8a1f0233445c46779809aabbccddee01" "020000000300"  // forgotten: one id, partitions [3]
        "01" "00",                                        // rack "" , tags
        13, [](const FetchRequest& m) {
          QCOMPARE(m.topics.size(), size_t(1));
          QCOMPARE(m.topics[0].topic_id, kSampleTopicId);
          QVERIFY(m.topics[0].topic.empty());
          QCOMPARE(m.topics[0].partitions[0].fetch_offset, int64_t(42));
          QCOMPARE(m.forgotten_topics_data.size(), size_t(1));
          QCOMPARE(m.forgotten_topics_data[0].partitions, std::vector<int32_t>{3});
        });
    CheckGolden<FetchResponse>(
        "00000000" "0000" "00000007"                      // throttle, error, session 7
        "02" "8a1f0233445c46779809aabbccddee0f"           // responses: 1, by id
        "02" "00000000" "0064" "ffffffffffffffff" "ffffffffffffffff" "ffffffffffffffff"  // UNKNOWN_TOPIC_ID
        "00" "ffffffff" "00" "00"                         // aborted null, preferred -1, records null, tags
        "00" "00",                                        // topic tags, tags
        13, [](const FetchResponse& m) {
          QCOMPARE(m.responses.size(), size_t(1));
          QCOMPARE(m.responses[0].topic_id, kSampleTopicId);
          QCOMPARE(m.responses[0].partitions[0].error_code, int16_t(100));
        });
  }

  // Fetch v15 (KIP-903): replica_id leaves the wire; a follower names itself in the tagged replica_state
  // (tag 1: replica_id, replica_epoch = its broker epoch). Hand-computed from the schema's layout.
  void fetchV15ReplicaState() {
    CheckGolden<FetchRequest>(
        "000001f4" "00000001" "03200000" "00"             // (no replica_id) wait 500, min 1, max 50 MiB, isolation
        "00000000" "ffffffff"                             // session 0, epoch -1
        "02" "8a1f0233445c46779809aabbccddee0f"           // topics: 1, by id
        "02" "00000000" "00000005" "000000000000002a" "ffffffff" "0000000000000000" "00100000" "00"
        "00"                                              // topic tags
        "01" "01"                                         // forgotten [], rack ""
        "01" "01" "0d" "00000002" "0000000100000005" "00",  // tags: 1, tag 1 (13 bytes): replica 2, epoch 2^32+5
        15, [](const FetchRequest& m) {
          QCOMPARE(m.replica_id, -1);  // not on the wire: the default
          QCOMPARE(m.replica_state.replica_id, 2);
          QCOMPARE(m.replica_state.replica_epoch, int64_t(4294967301LL));
          QCOMPARE(m.topics[0].partitions[0].current_leader_epoch, 5);
          QCOMPARE(m.topics[0].partitions[0].log_start_offset, int64_t(0));
        });
    // A consumer's v15 request has no replica_state (it is at its default): it ends with rack "" and no tags.
    FetchRequest consumer;
    Writer w;
    consumer.Encode(w, 15);
    QCOMPARE(ToHex(w.bytes()).right(4), QByteArray("0100"));
  }

  // Fetch v16 (KIP-951): a NOT_LEADER_OR_FOLLOWER partition carries the current leader (partition tag 1) and
  // the answer that leader's endpoint (top-level tag 0).
  void fetchResponseV16LeaderDiscovery() {
    CheckGolden<FetchResponse>(
        "00000000" "0000" "00000000"                      // throttle, error, session 0
        "02" "8a1f0233445c46779809aabbccddee0f" "02"      // responses: 1, by id, partitions: 1
        "00000000" "0006"                                 // partition 0, NOT_LEADER_OR_FOLLOWER
        "ffffffffffffffff" "ffffffffffffffff" "ffffffffffffffff"  // hw, lso, log start: -1
        "00" "ffffffff" "00"                              // aborted null, preferred -1, records null
        "01" "01" "09" "00000002" "00000007" "00"         // tags: current_leader (tag 1): leader 2, epoch 7
        "00"                                              // topic tags
        "01" "00" "0d" "02" "00000002" "0268" "00002384" "00" "00",  // node_endpoints (tag 0): 2 = h:9092
        16, [](const FetchResponse& m) {
          const auto& p = m.responses[0].partitions[0];
          QCOMPARE(p.error_code, int16_t(6));
          QCOMPARE(p.current_leader.leader_id.value, 2);
          QCOMPARE(p.current_leader.leader_epoch, 7);
          QCOMPARE(m.node_endpoints.size(), size_t(1));
          QCOMPARE(m.node_endpoints[0].node_id.value, 2);
          QCOMPARE(m.node_endpoints[0].host, std::string("h"));
          QCOMPARE(m.node_endpoints[0].port, 9092);
          QVERIFY(!m.node_endpoints[0].rack.has_value());
        });
    // Below v16 node_endpoints is not part of the answer: a v15 encoding leaves it out (the top tags are empty).
    FetchResponse m;
    m.node_endpoints.push_back({BrokerId(2), "h", 9092, std::nullopt});
    Writer w;
    m.Encode(w, 15);
    QCOMPARE(ToHex(w.bytes()), QByteArray("00000000" "0000" "00000000" "01" "00"));
  }

  // Produce v10 (KIP-951): the same leader discovery on NOT_LEADER_OR_FOLLOWER (partition tag 0, top tag 0).
  void produceResponseV10LeaderDiscovery() {
    CheckGolden<ProduceResponse>(
        "02" "0274" "02"                                  // responses: 1, name "t", partitions: 1
        "00000000" "0006"                                 // index 0, NOT_LEADER_OR_FOLLOWER
        "ffffffffffffffff" "ffffffffffffffff" "ffffffffffffffff"  // base offset, append time, log start: -1
        "01" "00"                                         // record_errors [], error_message null
        "01" "00" "09" "00000002" "00000007" "00"         // tags: current_leader (tag 0): leader 2, epoch 7
        "00"                                              // topic tags
        "00000000"                                        // throttle
        "01" "00" "0e" "02" "00000002" "0268" "00002384" "0272" "00",  // node_endpoints: 2 = h:9092 rack "r"
        10, [](const ProduceResponse& m) {
          const auto& p = m.responses[0].partitions[0];
          QCOMPARE(p.current_leader.leader_id.value, 2);
          QCOMPARE(p.current_leader.leader_epoch, 7);
          QCOMPARE(m.node_endpoints.size(), size_t(1));
          QCOMPARE(m.node_endpoints[0].rack.value_or(""), std::string("r"));
        });
    // v11 has v10's layout (it only adds TRANSACTION_ABORTABLE to what the client understands).
    ProduceResponse m;
    m.responses.push_back({"t", {}});
    m.responses[0].partitions.emplace_back().current_leader = {BrokerId(2), 7};
    Writer w10, w11;
    m.Encode(w10, 10);
    m.Encode(w11, 11);
    QCOMPARE(ToHex(w11.bytes()), ToHex(w10.bytes()));
  }

  void metadataResponseV9() {
    CheckGolden<MetadataResponse>(
        "00000005"                       // throttle_time_ms
        "02"                             // brokers: 1
        "00000001" "0268" "00002384" "00" "00"  // node 1, host "h", port 9092, rack null, tags
        "0263"                           // cluster_id "c"
        "00000001"                       // controller_id
        "02"                             // topics: 1
        "0000" "0274" "00"               // error, name "t", is_internal
        "02"                             // partitions: 1
        "0000" "00000000" "00000001" "00000007"  // error, index 0, leader 1, leader_epoch 7
        "0200000001" "0200000001" "01" "00"      // replicas [1], isr [1], offline [], tags
        "80000000" "00"                  // topic_authorized_operations, tags
        "80000000"                       // cluster_authorized_operations
        "00",                            // tags
        9, [](const MetadataResponse& m) {
          QCOMPARE(m.throttle_time_ms, 5);
          QCOMPARE(m.brokers.size(), size_t(1));
          QCOMPARE(m.brokers[0].host, std::string("h"));
          QCOMPARE(m.brokers[0].port, 9092);
          QVERIFY(!m.brokers[0].rack.has_value());
          QCOMPARE(*m.cluster_id, std::string("c"));
          QCOMPARE(m.controller_id, 1);
          QCOMPARE(m.topics.size(), size_t(1));
          QCOMPARE(m.topics[0].name.value_or(""), std::string("t"));
          QCOMPARE(m.topics[0].partitions[0].leader_epoch, 7);
          QCOMPARE(m.topics[0].partitions[0].isr_nodes, std::vector<int32_t>{1});
          QVERIFY(m.topics[0].partitions[0].offline_replicas.empty());
          QCOMPARE(m.cluster_authorized_operations, INT32_MIN);
        });
  }

  void produceResponseV9() {
    CheckGolden<ProduceResponse>(
        "02" "0274" "02"                 // responses: 1, name "t", partitions: 1
        "00000000" "0000"                // index 0, error
        "000000000000002a"               // base_offset 42
        "ffffffffffffffff"               // log_append_time_ms -1
        "0000000000000000"               // log_start_offset 0
        "01" "00" "00"                   // record_errors [], error_message null, tags
        "00"                             // topic tags
        "00000000" "00",                 // throttle, tags
        9, [](const ProduceResponse& m) {
          QCOMPARE(m.responses.size(), size_t(1));
          QCOMPARE(m.responses[0].partitions[0].base_offset, int64_t(42));
          QCOMPARE(m.responses[0].partitions[0].log_append_time_ms, int64_t(-1));
          QCOMPARE(m.responses[0].partitions[0].log_start_offset, int64_t(0));
          QVERIFY(!m.responses[0].partitions[0].error_message.has_value());
        });
  }

  void fetchResponseV12() {
    CheckGolden<FetchResponse>(
        "00000000" "0000" "0000000a"     // throttle, error, session_id 10
        "02" "0274" "02"                 // responses: 1, topic "t", partitions: 1
        "00000000" "0000"                // partition 0, error
        "0000000000000064"               // high_watermark 100
        "0000000000000063"               // last_stable_offset 99
        "0000000000000000"               // log_start_offset 0
        "00"                             // aborted_transactions null
        "ffffffff"                       // preferred_read_replica -1
        "04aabbcc"                       // records: 3 bytes
        "00" "00" "00",                  // partition, topic, top tags
        12, [](const FetchResponse& m) {
          QCOMPARE(m.session_id, 10);
          const auto& p = m.responses[0].partitions[0];
          QCOMPARE(p.high_watermark, int64_t(100));
          QCOMPARE(p.last_stable_offset, int64_t(99));
          QVERIFY(!p.aborted_transactions.has_value());
          QCOMPARE(p.preferred_read_replica, -1);
          QCOMPARE(p.records.view.size(), size_t(3));
          QCOMPARE(p.records.view[0], uint8_t(0xaa));
        });
  }

  void fetchResponseV4AbortedTransactions() {
    CheckGolden<FetchResponse>(
        "00000000"                       // throttle
        "00000001" "000174"              // responses: 1, topic "t"
        "00000001" "00000002" "0000"     // partitions: 1, partition 2, error
        "0000000000000064" "0000000000000050"  // hw 100, lso 80
        "00000001" "00000000000003e9" "0000000000000051"  // aborted: [(1001, 81)]
        "ffffffff",                      // records null
        4, [](const FetchResponse& m) {
          const auto& p = m.responses[0].partitions[0];
          QCOMPARE(p.partition_index, 2);
          QCOMPARE(p.aborted_transactions->size(), size_t(1));
          QCOMPARE((*p.aborted_transactions)[0].producer_id, int64_t(1001));
          QCOMPARE((*p.aborted_transactions)[0].first_offset, int64_t(81));
          QVERIFY(p.records.is_null);
        });
  }

  void listOffsetsResponseV1() {
    CheckGolden<ListOffsetsResponse>(
        "00000001" "000174"              // topics: 1, name "t"
        "00000001" "00000000" "0000"     // partitions: 1, index 0, error
        "ffffffffffffffff"               // timestamp -1
        "000000000000002a",              // offset 42
        1, [](const ListOffsetsResponse& m) {
          QCOMPARE(m.topics[0].partitions[0].timestamp, int64_t(-1));
          QCOMPARE(m.topics[0].partitions[0].offset, int64_t(42));
        });
  }

  void listOffsetsResponseV0() {
    CheckGolden<ListOffsetsResponse>(
        "00000001" "000174" "00000001" "00000000" "0000"
        "00000002" "000000000000002a" "0000000000000000",  // old_style_offsets [42, 0]
        0, [](const ListOffsetsResponse& m) {
          QCOMPARE(m.topics[0].partitions[0].old_style_offsets, (std::vector<int64_t>{42, 0}));
        });
  }

  void createTopicsResponseV5WithTaggedField() {
    CheckGolden<CreateTopicsResponse>(
        "00000000"                       // throttle
        "02" "0274" "0000" "00"          // topics: 1, name "t", error 0, error_message null
        "00000003" "0001" "00"           // num_partitions 3, replication_factor 1, configs null
        "01" "00" "02" "001d"            // tags: 1 field, tag 0 (topic_config_error_code), size 2, 29
        "00",                            // top-level tags
        5, [](const CreateTopicsResponse& m) {
          QCOMPARE(m.topics[0].name, std::string("t"));
          QCOMPARE(m.topics[0].num_partitions, 3);
          QCOMPARE(m.topics[0].replication_factor, int16_t(1));
          QVERIFY(!m.topics[0].configs.has_value());
          QCOMPARE(m.topics[0].topic_config_error_code, int16_t(29));
        });
  }

  void deleteTopicsResponseV4() {
    CheckGolden<DeleteTopicsResponse>(
        "00000000" "02" "0274" "0003" "00" "00",  // throttle, 1 result "t" UNKNOWN_TOPIC_OR_PARTITION
        4, [](const DeleteTopicsResponse& m) {
          QCOMPARE(*m.responses[0].name, std::string("t"));
          QCOMPARE(m.responses[0].error_code, int16_t(3));
        });
  }

  void describeConfigsResponseV1() {
    CheckGolden<DescribeConfigsResponse>(
        "00000000"                       // throttle
        "00000001" "0000" "ffff"         // results: 1, error 0, error_message null
        "02" "000174"                    // resource_type topic, name "t"
        "00000001" "00016b" "000176"     // configs: 1, name "k", value "v"
        "00" "05" "00"                   // read_only, config_source 5, is_sensitive
        "00000000",                      // synonyms []
        1, [](const DescribeConfigsResponse& m) {
          const auto& c = m.results[0].configs[0];
          QCOMPARE(c.name, std::string("k"));
          QCOMPARE(*c.value, std::string("v"));
          QCOMPARE(c.config_source, int8_t(5));
        });
  }

  void createPartitionsResponseV2() {
    CheckGolden<CreatePartitionsResponse>(
        "00000000" "02" "0274" "0025" "036e6f" "00" "00",  // 1 result "t", INVALID_PARTITIONS, "no"
        2, [](const CreatePartitionsResponse& m) {
          QCOMPARE(m.results[0].error_code, int16_t(37));
          QCOMPARE(*m.results[0].error_message, std::string("no"));
        });
  }

  void deleteRecordsResponseV0() {
    CheckGolden<DeleteRecordsResponse>(
        "00000000" "00000001" "000174" "00000001" "00000000" "000000000000000a" "0000",
        0, [](const DeleteRecordsResponse& m) {
          QCOMPARE(m.topics[0].partitions[0].low_watermark, int64_t(10));
        });
  }

  void apiVersionsRoundTrip() {
    for (int16_t v = 0; v <= ApiVersionsRequest::kMaxVersion; ++v) {
      ApiVersionsRequest in = SampleApiVersionsRequest(v);
      Writer w;
      in.Encode(w, v);
      ApiVersionsRequest out;
      Reader r(w.bytes());
      out.Decode(r, v);
      QVERIFY(r.ok());
      QCOMPARE(r.remaining(), size_t(0));
      QCOMPARE(out.client_software_name, in.client_software_name);
      QCOMPARE(out.client_software_version, in.client_software_version);
    }
  }
};

QTEST_GUILESS_MAIN(TestMessagesGolden)
#include "test_messages_golden.moc"
