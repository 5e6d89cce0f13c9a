#include "perf_consume.h"

#include <librdkafka/rdkafka.h>

#include <unistd.h>

#include <cstdio>

#include "perf_client.h"

namespace partita::perf {

namespace {

rd_kafka_conf_t* MakeConf(const Options& options, const std::string& bootstrap_servers,
                          bool rewind_at_end, std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  bool ok = SetConf(conf, "bootstrap.servers", bootstrap_servers, error) &&
            SetConf(conf, "enable.partition.eof", rewind_at_end ? "true" : "false", error) &&
            // At the end of the mock's log a fetch waits fetch.wait.max.ms
            // (500 ms) for data that will never come; with two such fetches in
            // flight per rewind the run would measure idle waits, not reads.
            (!rewind_at_end || SetConf(conf, "fetch.wait.max.ms", "5", error));
  if (ok && !options.group.empty()) {
    ok = SetConf(conf, "group.id", options.group, error) &&
         SetConf(conf, "auto.offset.reset", "earliest", error);
  } else if (ok) {
    // Plain assignment never joins a group, but librdkafka 2.0's
    // rd_kafka_assign() refuses a handle without group.id ("Unknown group"),
    // so give it a private, never-committed one.
    ok = SetConf(conf, "group.id", "partita-perf-assign-" + std::to_string(getpid()), error) &&
         SetConf(conf, "enable.auto.commit", "false", error);
  }
  ok = ok && SetConfList(conf, options.extra, error);
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  return conf;
}

// Assigns partitions 0..n-1 of the topic at their beginning offsets.
bool AssignAll(rd_kafka_t* rk, const std::string& topic, int* partition_count,
               std::string* error) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  bool ok = WaitForTopic(rk, rkt, 15000, partition_count, error);
  const int partitions = *partition_count;
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

// Asynchronous seek of one partition back to its log start (see header).
void Rewind(rd_kafka_t* rk, const rd_kafka_message_t* eof) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, rd_kafka_topic_name(eof->rkt), eof->partition)->offset =
      RD_KAFKA_OFFSET_BEGINNING;
  if (rd_kafka_error_t* error = rd_kafka_seek_partitions(rk, list, 0)) rd_kafka_error_destroy(error);
  rd_kafka_topic_partition_list_destroy(list);
}

}  // namespace

bool RunConsume(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, bool rewind_at_end, const std::atomic<bool>& stop,
                ConsumeResult* result, std::string* error) {
  *result = ConsumeResult();
  result->target = target;
  result->first_record_s = -1;

  rd_kafka_conf_t* conf = MakeConf(options, bootstrap_servers, rewind_at_end, error);
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
  bool started = options.group.empty() ? AssignAll(rk, options.topic, &result->partitions, error)
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
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (rewind_at_end) {
          Rewind(rk, m);
          result->rewinds++;
        }
      } else {
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

  if (stop.load() && records < options.num_records && result->first_error.empty()) {
    result->first_error = "interrupted after " + std::to_string(records) + " records";
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
