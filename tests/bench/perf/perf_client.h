// Small librdkafka helpers shared by the producer and consumer of partita-perf.
//
// Contract: each helper returns false and sets *error when librdkafka rejects
// a value or the cluster does not answer; handles and confs stay owned by the
// caller. Header-only, stateless, callable from any thread.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_CLIENT_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_CLIENT_H_

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace partita::perf {

inline bool SetConf(rd_kafka_conf_t* conf, const std::string& key, const std::string& value,
                    std::string* error) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof(errstr)) !=
      RD_KAFKA_CONF_OK) {
    *error = key + "=" + value + ": " + errstr;
    return false;
  }
  return true;
}

// -X overrides are applied last so they win over the tool's own settings.
inline bool SetConfList(rd_kafka_conf_t* conf,
                        const std::vector<std::pair<std::string, std::string>>& list,
                        std::string* error) {
  for (const auto& [key, value] : list) {
    if (!SetConf(conf, key, value, error)) return false;
  }
  return true;
}

// Fetches topic metadata until the topic has partitions, so a run starts with
// a connected client and fails fast (instead of after message.timeout.ms) when
// the cluster is unreachable or the topic is missing. Retries because a
// freshly auto-created topic briefly reports LEADER_NOT_AVAILABLE.
inline bool WaitForTopic(rd_kafka_t* rk, rd_kafka_topic_t* rkt, int timeout_ms,
                         int* partition_count, std::string* error) {
  *partition_count = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, 5000);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (md->topic_cnt == 1) {
        err = md->topics[0].err;
        *partition_count = md->topics[0].partition_cnt;
      }
      rd_kafka_metadata_destroy(md);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR && *partition_count > 0) return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      *error = std::string("metadata for topic ") + rd_kafka_topic_name(rkt) + ": " +
               rd_kafka_err2str(err);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_CLIENT_H_
