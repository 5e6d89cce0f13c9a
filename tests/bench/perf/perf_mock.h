// An in-process librdkafka mock cluster to measure the client-bound ceiling.
//
// Contract: MockCluster::Start() creates a private producer handle with
// `test.mock.num.brokers=N` (librdkafka then hosts N mock brokers on
// 127.0.0.1 ephemeral ports, served by its own thread), creates the topic with
// rd_kafka_mock_topic_create() and exposes the brokers' bootstrap list so that
// separate producer and consumer handles share the same cluster and data.
// The object owns that handle; destroying it stops the cluster, so it must
// outlive every client connected to it. Not thread-safe; use from main.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_MOCK_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_MOCK_H_

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>

namespace partita::perf {

class MockCluster {
 public:
  // Returns nullptr and sets *error on failure.
  static std::unique_ptr<MockCluster> Start(int brokers, const std::string& topic,
                                            int partitions, std::string* error);
  ~MockCluster();

  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  const std::string& bootstrap_servers() const { return bootstrap_servers_; }
  const std::string& label() const { return label_; }

 private:
  MockCluster(rd_kafka_t* host, std::string bootstrap_servers, std::string label)
      : host_(host), bootstrap_servers_(std::move(bootstrap_servers)), label_(std::move(label)) {}

  rd_kafka_t* host_;  // Owned; its mock cluster lives as long as it does.
  std::string bootstrap_servers_;
  std::string label_;
};

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_MOCK_H_
