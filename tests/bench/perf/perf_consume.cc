#include "perf_consume.h"

#include <librdkafka/rdkafka.h>

#include <cstdio>

#include "perf_client.h"

namespace partita::perf {

namespace {

rd_kafka_conf_t* MakeConf(const Options& options, const std::string& bootstrap_servers,
                          std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  bool ok = SetConf(conf, "bootstrap.servers", bootstrap_servers, error);
  if (ok && !options.group.empty()) {
    ok = SetConf(conf, "group.id", options.group, error) &&
         SetConf(conf, "auto.offset.reset", "earliest", error);
  } else if (ok) {
    // Plain assignment: nothing to commit, and no group coordinator needed.
    ok = SetConf(conf, "enable.auto.commit", "false", error);
  }
  ok = ok && SetConfList(conf, options.extra, error);
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  return conf;
}

// Assigns partitions 0..n-1 of the topic at their beginning offsets.
bool AssignAll(rd_kafka_t* rk, const std::string& topic, std::string* error) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  int partitions = 0;
  bool ok = WaitForTopic(rk, rkt, 15000, &partitions, error);
  rd_kafka_topic_destroy(rkt);
  if (!ok) return false;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    *error = std::string("assign: ") + rd_kafka_err2str(err);
    return false;
  }
  return true;
}

bool Subscribe(rd_kafka_t* rk, const std::string& topic, std::string* error) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    *error = std::string("subscribe: ") + rd_kafka_err2str(err);
    return false;
  }
  return true;
}

}  // namespace

bool RunConsume(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, const std::atomic<bool>& stop,
                ConsumeResult* result, std::string* error) {
  *result = ConsumeResult();
  result->target = target;
  result->first_record_s = -1;

  rd_kafka_conf_t* conf = MakeConf(options, bootstrap_servers, error);
  if (conf == nullptr) return false;
  // The clock starts before the client exists: time to first record is what a
  // user waits for (connect, metadata, group join, first fetch).
  const int64_t start = NowNs();
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    *error = std::string("creating consumer: ") + errstr;
    return false;
  }
  rd_kafka_poll_set_consumer(rk);
  bool started = options.group.empty() ? AssignAll(rk, options.topic, error)
                                       : Subscribe(rk, options.topic, error);
  if (!started) {
    rd_kafka_destroy(rk);
    return false;
  }
  std::printf("consuming %lld records from %s on %s (%s)\n",
              static_cast<long long>(options.num_records), options.topic.c_str(), target.c_str(),
              options.group.empty() ? "assigned from the beginning"
                                    : ("group " + options.group).c_str());
  std::fflush(stdout);

  const int64_t idle_limit_ns = int64_t{options.timeout_ms} * 1000000;
  int64_t first = 0;
  int64_t last = start;
  int64_t records = 0;
  int64_t bytes = 0;
  while (records < options.num_records && !stop.load(std::memory_order_relaxed)) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
    if (m == nullptr) {
      if (NowNs() - last > idle_limit_ns) {
        if (result->first_error.empty()) {
          result->first_error = "no record for " + std::to_string(options.timeout_ms) + " ms";
        }
        break;
      }
      continue;
    }
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (result->errors++ == 0) {
          result->first_error = std::string("consume: ") + rd_kafka_message_errstr(m);
        }
      }
      rd_kafka_message_destroy(m);
      continue;
    }
    last = NowNs();
    if (records == 0) first = last;
    ++records;
    bytes += static_cast<int64_t>(m->len);
    rd_kafka_message_destroy(m);
  }

  result->records = records;
  result->payload_bytes = bytes;
  result->elapsed_s = (last - start) / 1e9;
  result->first_record_s = records > 0 ? (first - start) / 1e9 : -1;
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return true;
}

}  // namespace partita::perf
