#include "perf_mock.h"

#include <librdkafka/rdkafka_mock.h>

#include <algorithm>

#include "perf_client.h"

namespace partita::perf {

std::unique_ptr<MockCluster> MockCluster::Start(int brokers, const std::string& topic,
                                                int partitions, std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (!SetConf(conf, "test.mock.num.brokers", std::to_string(brokers), error)) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  char errstr[512];
  rd_kafka_t* host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (host == nullptr) {
    rd_kafka_conf_destroy(conf);
    *error = std::string("creating the mock cluster host: ") + errstr;
    return nullptr;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_handle_mock_cluster(host);
  if (cluster == nullptr) {
    rd_kafka_destroy(host);
    *error = "librdkafka did not create a mock cluster (test.mock.num.brokers)";
    return nullptr;
  }
  // Replication as a real small cluster would have it, capped like Kafka's usual 3.
  int replication = std::min(brokers, 3);
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, topic.c_str(), partitions,
                                                       replication);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_destroy(host);
    *error = "creating mock topic " + topic + ": " + rd_kafka_err2str(err);
    return nullptr;
  }
  std::string label = "mock (" + std::to_string(brokers) + (brokers == 1 ? " broker" : " brokers") +
                      ", " + std::to_string(partitions) +
                      (partitions == 1 ? " partition)" : " partitions)");
  return std::unique_ptr<MockCluster>(
      new MockCluster(host, rd_kafka_mock_cluster_bootstraps(cluster), std::move(label)));
}

MockCluster::~MockCluster() { rd_kafka_destroy(host_); }

}  // namespace partita::perf
