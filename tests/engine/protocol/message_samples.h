// Test helpers: for each API, a sample request/response holding non-default values in every field that the
// given version carries (fields the version lacks keep their defaults, so a decoded copy compares equal),
// plus equality helpers for the structs that hold RecordsField (which has no operator==).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_records.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"

namespace partita::protocol::testing {

inline Uuid SampleUuid(uint8_t seed) {
  Uuid u{};
  for (size_t i = 0; i < u.size(); ++i) u[i] = static_cast<uint8_t>(seed + i * 7);
  return u;
}

inline std::vector<uint8_t> SampleRecordBytes(uint8_t seed, size_t n) {
  std::vector<uint8_t> b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed ^ (i * 31));
  return b;
}

// ---- equality for structs holding RecordsField ----
inline bool SameRecords(const RecordsField& a, const RecordsField& b) {
  return a.is_null == b.is_null && std::equal(a.view.begin(), a.view.end(), b.view.begin(), b.view.end());
}

inline bool Equal(const ProduceRequest& a, const ProduceRequest& b) {
  if (a.transactional_id != b.transactional_id || a.acks != b.acks || a.timeout_ms != b.timeout_ms ||
      a.topics.size() != b.topics.size())
    return false;
  for (size_t i = 0; i < a.topics.size(); ++i) {
    const auto& ta = a.topics[i];
    const auto& tb = b.topics[i];
    if (ta.name != tb.name || ta.partitions.size() != tb.partitions.size()) return false;
    for (size_t j = 0; j < ta.partitions.size(); ++j) {
      if (ta.partitions[j].index != tb.partitions[j].index) return false;
      if (!SameRecords(ta.partitions[j].records, tb.partitions[j].records)) return false;
    }
  }
  return true;
}

inline bool Equal(const FetchResponse& a, const FetchResponse& b) {
  if (a.throttle_time_ms != b.throttle_time_ms || a.error_code != b.error_code || a.session_id != b.session_id ||
      a.responses.size() != b.responses.size())
    return false;
  for (size_t i = 0; i < a.responses.size(); ++i) {
    const auto& ta = a.responses[i];
    const auto& tb = b.responses[i];
    if (ta.topic != tb.topic || ta.partitions.size() != tb.partitions.size()) return false;
    for (size_t j = 0; j < ta.partitions.size(); ++j) {
      const auto& pa = ta.partitions[j];
      const auto& pb = tb.partitions[j];
      if (pa.partition_index != pb.partition_index || pa.error_code != pb.error_code ||
          pa.high_watermark != pb.high_watermark || pa.last_stable_offset != pb.last_stable_offset ||
          pa.log_start_offset != pb.log_start_offset || pa.aborted_transactions != pb.aborted_transactions ||
          pa.preferred_read_replica != pb.preferred_read_replica || !(pa.current_leader == pb.current_leader) ||
          !SameRecords(pa.records, pb.records))
        return false;
    }
  }
  return a.node_endpoints == b.node_endpoints;
}

template <typename T>
bool Equal(const T& a, const T& b) {
  return a == b;
}

// ---- samples ----
// A topic id (KIP-516) with every byte distinct, so a byte order mistake shows.
inline constexpr protocol::Uuid kSampleTopicId{0x8a, 0x1f, 0x02, 0x33, 0x44, 0x5c, 0x46, 0x77,
                                               0x98, 0x09, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f};
inline MetadataRequest SampleMetadataRequest(int16_t v) {
  MetadataRequest m;
  m.topics = std::vector<MetadataRequest::Topic>{{{}, "orders"}, {{}, "payments-\xc3\xa9"}};
  if (v >= 12) m.topics->push_back({kSampleTopicId, std::nullopt});  // by id alone (KIP-516)
  if (v >= 4) m.allow_auto_topic_creation = false;
  if (v >= 8) {
    m.include_cluster_authorized_operations = v <= 10;  // v8-10 only
    m.include_topic_authorized_operations = true;
  }
  return m;
}

inline MetadataResponse SampleMetadataResponse(int16_t v) {
  MetadataResponse m;
  if (v >= 3) m.throttle_time_ms = 17;
  m.brokers.push_back({1, "broker-a.local", 9092, v >= 1 ? std::optional<std::string>("rack-1") : std::nullopt});
  m.brokers.push_back({2, "broker-b.local", 9093, std::nullopt});
  if (v >= 2) m.cluster_id = "cluster-xyz";
  if (v >= 1) m.controller_id = 2;
  MetadataResponse::Topic t;
  t.error_code = 0;
  t.name = "orders";
  if (v >= 10) t.topic_id = kSampleTopicId;
  if (v >= 1) t.is_internal = true;
  MetadataResponse::Partition p;
  p.error_code = 9;
  p.partition_index = 3;
  p.leader_id = 1;
  if (v >= 7) p.leader_epoch = 42;
  p.replica_nodes = {1, 2, 3};
  p.isr_nodes = {1, 2};
  if (v >= 5) p.offline_replicas = {3};
  t.partitions = {p, p};
  t.partitions[1].partition_index = 4;
  if (v >= 8) t.topic_authorized_operations = 0x1f;
  m.topics.push_back(t);
  MetadataResponse::Topic t2;
  t2.error_code = 3;
  t2.name = "missing";
  m.topics.push_back(t2);
  if (v >= 12) {
    MetadataResponse::Topic t3;  // an unknown id: null name
    t3.error_code = 100;
    t3.name = std::nullopt;
    t3.topic_id = kSampleTopicId;
    t3.topic_id[0] = 0x42;
    m.topics.push_back(t3);
  }
  if (v >= 8 && v <= 10) m.cluster_authorized_operations = 0x0e;
  return m;
}

// Produce samples own their record bytes; keep the returned object alive while its views are used.
inline ProduceRequest SampleProduceRequest(int16_t v) {
  ProduceRequest m;
  if (v >= 3) m.transactional_id = "txn-1";
  m.acks = -1;
  m.timeout_ms = 30000;
  ProduceRequest::Topic t;
  t.name = "orders";
  t.partitions.resize(2);
  t.partitions[0].index = 0;
  t.partitions[0].records.SetOwned(SampleRecordBytes(5, 70));
  t.partitions[1].index = 7;
  t.partitions[1].records.is_null = true;
  m.topics.push_back(std::move(t));
  // SetOwned made `view` point into the vector's buffer; moving the vector keeps the buffer.
  return m;
}

inline ProduceResponse SampleProduceResponse(int16_t v) {
  ProduceResponse m;
  ProduceResponse::Partition p;
  p.index = 2;
  p.error_code = 6;
  p.base_offset = 123456789012LL;
  if (v >= 2) p.log_append_time_ms = 1700000000000LL;
  if (v >= 5) p.log_start_offset = 100;
  if (v >= 8) {
    p.record_errors = {{0, "bad key"}, {3, std::nullopt}};
    p.error_message = "some records were invalid";
  }
  if (v >= 10) p.current_leader = {BrokerId(3), 9};  // KIP-951 leader discovery (error 6 above)
  m.responses.push_back({"orders", {p}});
  if (v >= 1) m.throttle_time_ms = 5;
  if (v >= 10) m.node_endpoints = {{BrokerId(3), "broker-3", 9092, "rack-a"}, {BrokerId(4), "b4", 9093, std::nullopt}};
  return m;
}

inline FetchRequest SampleFetchRequest(int16_t v) {
  FetchRequest m;
  m.replica_id = -1;
  m.max_wait_ms = 500;
  m.min_bytes = 1;
  if (v >= 3) m.max_bytes = 52428800;
  if (v >= 4) m.isolation_level = 1;
  if (v >= 7) {
    m.session_id = 77;
    m.session_epoch = 3;
  }
  FetchRequest::Partition p;
  p.partition = 1;
  if (v >= 9) p.current_leader_epoch = 8;
  p.fetch_offset = 9876543210LL;
  if (v >= 12) p.last_fetched_epoch = 7;
  if (v >= 5) p.log_start_offset = 12;
  p.partition_max_bytes = 1048576;
  if (v >= 13) {
    m.topics.push_back({"", kSampleTopicId, {p, p}});  // by id (KIP-516)
  } else {
    m.topics.push_back({"orders", {}, {p, p}});
  }
  m.topics[0].partitions[1].partition = 2;
  if (v >= 13) {
    protocol::Uuid old_id = kSampleTopicId;
    old_id[15] = 0x01;
    m.forgotten_topics_data.push_back({"", old_id, {0, 5}});
  } else if (v >= 7) {
    m.forgotten_topics_data.push_back({"old-topic", {}, {0, 5}});
  }
  if (v >= 11) m.rack_id = "rack-2";
  if (v >= 15) m.replica_state = {2, 4294967301LL};  // KIP-903: a follower's id and broker epoch
  return m;
}

inline FetchResponse SampleFetchResponse(int16_t v, const std::vector<uint8_t>& records) {
  FetchResponse m;
  if (v >= 1) m.throttle_time_ms = 12;
  if (v >= 7) {
    m.error_code = 0;
    m.session_id = 91;
  }
  FetchResponse::Topic t;
  if (v >= 13) {
    t.topic_id = kSampleTopicId;
  } else {
    t.topic = "orders";
  }
  t.partitions.resize(2);
  auto& p = t.partitions[0];
  p.partition_index = 1;
  p.error_code = 1;
  p.high_watermark = 5000;
  if (v >= 4) {
    p.last_stable_offset = 4990;
    p.aborted_transactions = std::vector<FetchResponse::AbortedTransaction>{{1001, 4000}, {1002, 4100}};
  }
  if (v >= 5) p.log_start_offset = 10;
  if (v >= 11) p.preferred_read_replica = 3;
  if (v >= 12) p.current_leader = {BrokerId(4), 11};  // KIP-951 (sent from v16, on the wire from v12)
  p.records.view = records;
  auto& q = t.partitions[1];
  q.partition_index = 2;
  q.high_watermark = 3;
  if (v >= 4) q.aborted_transactions = std::vector<FetchResponse::AbortedTransaction>{};
  q.records.is_null = true;
  m.responses.push_back(std::move(t));
  if (v >= 16) m.node_endpoints = {{BrokerId(4), "broker-4", 9092, std::nullopt}};
  return m;
}

inline ListOffsetsRequest SampleListOffsetsRequest(int16_t v) {
  ListOffsetsRequest m;
  m.replica_id = -1;
  if (v >= 2) m.isolation_level = 1;
  ListOffsetsRequest::Partition p;
  p.partition_index = 4;
  if (v >= 4) p.current_leader_epoch = 6;
  p.timestamp = -2;
  if (v == 0) p.max_num_offsets = 3;
  m.topics.push_back({"orders", {p}});
  return m;
}

inline ListOffsetsResponse SampleListOffsetsResponse(int16_t v) {
  ListOffsetsResponse m;
  if (v >= 2) m.throttle_time_ms = 1;
  ListOffsetsResponse::Partition p;
  p.partition_index = 4;
  p.error_code = 75;
  if (v == 0) p.old_style_offsets = {300, 0};
  if (v >= 1) {
    p.timestamp = 1700000000123LL;
    p.offset = 300;
  }
  if (v >= 4) p.leader_epoch = 6;
  m.topics.push_back({"orders", {p}});
  return m;
}

inline CreateTopicsRequest SampleCreateTopicsRequest(int16_t v) {
  CreateTopicsRequest m;
  CreateTopicsRequest::Topic t;
  t.name = "new-topic";
  t.num_partitions = 3;
  t.replication_factor = 2;
  t.assignments = {{0, {1, 2}}, {1, {2, 3}}};
  t.configs = {{"cleanup.policy", "compact"}, {"retention.ms", std::nullopt}};
  m.topics.push_back(t);
  m.topics.push_back({"defaults", -1, -1, {}, {}});
  m.timeout_ms = 15000;
  if (v >= 1) m.validate_only = true;
  return m;
}

inline CreateTopicsResponse SampleCreateTopicsResponse(int16_t v) {
  CreateTopicsResponse m;
  if (v >= 2) m.throttle_time_ms = 4;
  CreateTopicsResponse::Topic t;
  t.name = "new-topic";
  if (v >= 7) t.topic_id = SampleUuid(3);
  t.error_code = 36;
  if (v >= 1) t.error_message = "Topic 'new-topic' already exists.";
  if (v >= 5) {
    t.topic_config_error_code = 29;
    t.num_partitions = 3;
    t.replication_factor = 2;
    t.configs = std::vector<CreateTopicsResponse::Config>{{"cleanup.policy", "compact", true, 1, false},
                                                          {"secret", std::nullopt, false, 5, true}};
  }
  m.topics.push_back(t);
  CreateTopicsResponse::Topic t2;
  t2.name = "ok-topic";
  m.topics.push_back(t2);
  return m;
}

inline DeleteTopicsRequest SampleDeleteTopicsRequest(int16_t v) {
  DeleteTopicsRequest m;
  if (v >= 6) {
    m.topics = {{"orders", SampleUuid(9)}, {std::nullopt, SampleUuid(1)}};
  } else {
    m.topic_names = {"orders", "payments"};
  }
  m.timeout_ms = 20000;
  return m;
}

inline DeleteTopicsResponse SampleDeleteTopicsResponse(int16_t v) {
  DeleteTopicsResponse m;
  if (v >= 1) m.throttle_time_ms = 8;
  DeleteTopicsResponse::Result a;
  a.name = "orders";
  if (v >= 6) a.topic_id = SampleUuid(9);
  a.error_code = 3;
  if (v >= 5) a.error_message = "no such topic";
  m.responses.push_back(a);
  DeleteTopicsResponse::Result b;
  b.name = v >= 6 ? std::optional<std::string>() : std::optional<std::string>("payments");
  m.responses.push_back(b);
  return m;
}

inline DescribeConfigsRequest SampleDescribeConfigsRequest(int16_t v) {
  DescribeConfigsRequest m;
  m.resources.push_back({2, "orders", std::vector<std::string>{"retention.ms", "cleanup.policy"}});
  m.resources.push_back({4, "1", std::nullopt});
  if (v >= 1) m.include_synonyms = true;
  if (v >= 3) m.include_documentation = true;
  return m;
}

inline DescribeConfigsResponse SampleDescribeConfigsResponse(int16_t v) {
  DescribeConfigsResponse m;
  m.throttle_time_ms = 2;
  DescribeConfigsResponse::Result res;
  res.error_code = 0;
  res.error_message = "fine";
  res.resource_type = 2;
  res.resource_name = "orders";
  DescribeConfigsResponse::Config c;
  c.name = "retention.ms";
  c.value = "604800000";
  c.read_only = true;
  if (v == 0) c.is_default = true;
  if (v >= 1) {
    c.config_source = 5;
    c.synonyms = {{"log.retention.ms", "604800000", 4}, {"log.retention.hours", std::nullopt, 5}};
  }
  c.is_sensitive = true;
  if (v >= 3) {
    c.config_type = 5;
    c.documentation = "How long to keep a log segment.";
  }
  res.configs.push_back(c);
  DescribeConfigsResponse::Config c2;
  c2.name = "password";
  res.configs.push_back(c2);
  m.results.push_back(res);
  m.results.push_back({29, std::nullopt, 4, "1", {}});
  return m;
}

inline CreatePartitionsRequest SampleCreatePartitionsRequest(int16_t) {
  CreatePartitionsRequest m;
  m.topics.push_back({"orders", 6, std::vector<CreatePartitionsRequest::Assignment>{{{1, 2}}, {{2, 3}}}});
  m.topics.push_back({"payments", 4, std::nullopt});
  m.timeout_ms = 25000;
  m.validate_only = true;
  return m;
}

inline CreatePartitionsResponse SampleCreatePartitionsResponse(int16_t) {
  CreatePartitionsResponse m;
  m.throttle_time_ms = 3;
  m.results.push_back({"orders", 37, "too few partitions"});
  m.results.push_back({"payments", 0, std::nullopt});
  return m;
}

inline DeleteRecordsRequest SampleDeleteRecordsRequest(int16_t) {
  DeleteRecordsRequest m;
  m.topics.push_back({"orders", {{0, 100}, {1, -1}}});
  m.timeout_ms = 9000;
  return m;
}

inline DeleteRecordsResponse SampleDeleteRecordsResponse(int16_t) {
  DeleteRecordsResponse m;
  m.throttle_time_ms = 6;
  m.topics.push_back({"orders", {{0, 100, 0}, {1, 0, 1}}});
  return m;
}

inline ApiVersionsRequest SampleApiVersionsRequest(int16_t v) {
  ApiVersionsRequest m;
  if (v >= 3) {
    m.client_software_name = "partita";
    m.client_software_version = "0.1.0";
  }
  return m;
}

}  // namespace partita::protocol::testing
