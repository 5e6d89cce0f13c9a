#include "perf_latency.h"

#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "perf_client.h"
#include "perf_produce.h"

namespace partita::perf {

namespace {

constexpr size_t kHeaderBytes = 24;  // run id, sequence, send time (ns), little-endian host order

struct Shared {
  uint64_t run_id = 0;
  int64_t num_records = 0;
  std::vector<int64_t> sent_ns;        // by sequence; written before produce, read by the delivery report
  std::vector<uint32_t> e2e_us;        // by sequence, 0 = not received (a received sample is at least 1 us)
  std::vector<uint32_t> produce_us;    // delivery report latencies, in report order
  std::atomic<int64_t> received{0};
  std::atomic<int64_t> delivered{0};
  std::atomic<int64_t> errors{0};
  std::atomic<bool> producer_done{false};
  std::string first_error;  // producer thread only
};

uint32_t ClampUs(int64_t ns) {
  int64_t us = ns / 1000;
  return static_cast<uint32_t>(std::clamp<int64_t>(us, 1, UINT32_MAX));
}

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* s = static_cast<Shared*>(opaque);
  if (m->err) {
    if (s->errors.fetch_add(1) == 0) s->first_error = rd_kafka_err2str(m->err);
    return;
  }
  const int64_t seq = reinterpret_cast<intptr_t>(m->_private);
  if (seq >= 0 && seq < s->num_records) s->produce_us.push_back(ClampUs(NowNs() - s->sent_ns[seq]));
  s->delivered.fetch_add(1);
}

// Consumer thread: assigned at the end of every partition; records the latency of each record of this run.
void Consume(rd_kafka_t* rk, Shared* s, int timeout_ms, const std::atomic<bool>& stop) {
  int64_t last_record_ns = NowNs();
  while (!stop && s->received.load() < s->num_records) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
    const int64_t now = NowNs();
    if (!m) {
      if (s->producer_done && now - last_record_ns > int64_t(timeout_ms) * 1000000) break;
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && m->len >= kHeaderBytes) {
      uint64_t run_id;
      int64_t seq, sent;
      std::memcpy(&run_id, m->payload, 8);
      std::memcpy(&seq, static_cast<const char*>(m->payload) + 8, 8);
      std::memcpy(&sent, static_cast<const char*>(m->payload) + 16, 8);
      if (run_id == s->run_id && seq >= 0 && seq < s->num_records && s->e2e_us[seq] == 0) {
        s->e2e_us[seq] = ClampUs(now - sent);
        s->received.fetch_add(1);
        last_record_ns = now;
      }
    } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      s->errors.fetch_add(1);
    }
    rd_kafka_message_destroy(m);
  }
}

rd_kafka_t* MakeConsumer(const Options& options, const std::string& bootstrap, std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  bool ok = SetConf(conf, "bootstrap.servers", bootstrap, error) &&
            SetConf(conf, "group.id", "partita-perf-latency-" + std::to_string(getpid()), error) &&
            SetConf(conf, "enable.auto.commit", "false", error) &&
            SetConf(conf, "fetch.wait.max.ms", "100", error) && SetConfList(conf, options.extra, error);
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
  if (!rk) {
    *error = errstr;
    rd_kafka_conf_destroy(conf);
  }
  return rk;
}

// Assigns every partition at its end and waits until the positions are resolved, so that no record sent
// afterwards is skipped.
bool AssignAtEnd(rd_kafka_t* rk, const std::string& topic, std::string* error) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  int partitions = 0;
  bool ok = WaitForTopic(rk, rkt, 15000, &partitions, error);
  rd_kafka_topic_destroy(rkt);
  if (!ok) return false;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      *error = "cannot read the end offset of partition " + std::to_string(p);
      rd_kafka_topic_partition_list_destroy(list);
      return false;
    }
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = high;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    *error = std::string("assign: ") + rd_kafka_err2str(err);
    return false;
  }
  return true;
}

rd_kafka_t* MakeProducer(const Options& options, const std::string& bootstrap, Shared* s, std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_conf_set_opaque(conf, s);
  bool ok = SetConf(conf, "bootstrap.servers", bootstrap, error) && SetConf(conf, "acks", options.acks, error) &&
            SetConf(conf, "compression.codec", options.compression, error) &&
            SetConf(conf, "linger.ms", std::to_string(options.linger_ms), error) &&
            (options.batch_size <= 0 || SetConf(conf, "batch.size", std::to_string(options.batch_size), error)) &&
            SetConfList(conf, options.extra, error);
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (!rk) {
    *error = errstr;
    rd_kafka_conf_destroy(conf);
  }
  return rk;
}

}  // namespace

bool RunLatency(const Options& options, const std::string& bootstrap, const std::atomic<bool>& stop,
                LatencyResult* result, std::string* error) {
  result->target = bootstrap;
  if (options.record_size < static_cast<int>(kHeaderBytes)) {
    *error = "latency records carry a 24-byte header: --record-size must be at least 24";
    return false;
  }
  double rate = options.throughput;
  if (rate <= 0) {
    ProduceResult max_run;
    if (!RunProduce(options, bootstrap, bootstrap, /*quiet=*/true, stop, &max_run, error)) return false;
    result->max_rate = max_run.RecordsPerSec();
    rate = result->max_rate / 2;
    std::printf("maximum produce rate %.0f records/s; measuring latency at %.0f records/s\n", result->max_rate, rate);
    if (rate <= 0) {
      *error = "the maximum-rate run delivered nothing: " + max_run.first_error;
      return false;
    }
  }
  result->target_rate = rate;

  Shared s;
  s.run_id = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
  s.num_records = options.num_records;
  s.sent_ns.assign(options.num_records, 0);
  s.e2e_us.assign(options.num_records, 0);
  s.produce_us.reserve(options.num_records);

  rd_kafka_t* consumer = MakeConsumer(options, bootstrap, error);
  if (!consumer) return false;
  if (!AssignAtEnd(consumer, options.topic, error)) {
    rd_kafka_destroy(consumer);
    return false;
  }
  rd_kafka_t* producer = MakeProducer(options, bootstrap, &s, error);
  if (!producer) {
    rd_kafka_destroy(consumer);
    return false;
  }
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(producer, options.topic.c_str(), nullptr);
  int partitions = 0;
  if (!WaitForTopic(producer, rkt, 15000, &partitions, error)) {
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(producer);
    rd_kafka_destroy(consumer);
    return false;
  }
  // Let the consumer's first fetches start from the assigned end offsets before the clock matters.
  for (int i = 0; i < 10; ++i) {
    if (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100)) rd_kafka_message_destroy(m);
  }
  std::thread consumer_thread([&] { Consume(consumer, &s, options.timeout_ms, stop); });

  std::vector<char> payload(options.record_size, 'x');
  const int64_t start = NowNs();
  const double interval_ns = 1e9 / rate;
  int64_t i = 0;
  for (; i < options.num_records && !stop; ++i) {
    const int64_t due = start + static_cast<int64_t>(interval_ns * static_cast<double>(i));
    for (int64_t now = NowNs(); now < due; now = NowNs()) {
      rd_kafka_poll(producer, 0);
      if (due - now > 200000) std::this_thread::sleep_for(std::chrono::nanoseconds(due - now - 100000));
    }
    const int64_t sent = NowNs();
    s.sent_ns[i] = sent;
    std::memcpy(payload.data(), &s.run_id, 8);
    std::memcpy(payload.data() + 8, &i, 8);
    std::memcpy(payload.data() + 16, &sent, 8);
    while (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload.data(), payload.size(),
                            nullptr, 0, reinterpret_cast<void*>(static_cast<intptr_t>(i))) != 0) {
      if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        if (s.errors.fetch_add(1) == 0) s.first_error = rd_kafka_err2str(rd_kafka_last_error());
        break;
      }
      rd_kafka_poll(producer, 1);
    }
    rd_kafka_poll(producer, 0);
  }
  const double send_s = static_cast<double>(NowNs() - start) / 1e9;
  result->sent = i;
  rd_kafka_flush(producer, 60000);
  s.producer_done = true;
  if (i < s.num_records) s.num_records = i;  // stopped early: do not wait for records never sent
  consumer_thread.join();

  result->achieved_rate = send_s > 0 ? static_cast<double>(i) / send_s : 0;
  result->delivered = s.delivered.load();
  result->received = s.received.load();
  result->errors = s.errors.load();
  result->first_error = s.first_error;
  std::vector<uint32_t> e2e;
  e2e.reserve(result->received);
  for (int64_t k = 0; k < i; ++k)
    if (s.e2e_us[k] != 0) e2e.push_back(s.e2e_us[k]);
  result->end_to_end = SummarizeLatency(&e2e);
  result->produce = SummarizeLatency(&s.produce_us);

  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(producer);
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return true;
}

void PrintLatencyResult(const LatencyResult& r) {
  std::printf("== end-to-end latency: %s\n", r.target.c_str());
  if (r.max_rate > 0) std::printf("  %-26s %.0f records/s\n", "measured max produce rate", r.max_rate);
  std::printf("  %-26s %.0f records/s\n", "target rate", r.target_rate);
  std::printf("  %-26s %.0f records/s\n", "achieved send rate", r.achieved_rate);
  std::printf("  %-26s %lld sent, %lld acknowledged, %lld consumed, %lld errors\n", "records",
              static_cast<long long>(r.sent), static_cast<long long>(r.delivered), static_cast<long long>(r.received),
              static_cast<long long>(r.errors));
  auto line = [](const char* what, const LatencySummary& l) {
    std::printf("  %-26s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, avg %.2f ms\n", what, l.p50_ms,
                l.p99_ms, l.p999_ms, l.max_ms, l.avg_ms);
  };
  line("end to end (consume-send)", r.end_to_end);
  line("produce (ack-send)", r.produce);
  if (!r.first_error.empty()) std::printf("  %-26s %s\n", "first error", r.first_error.c_str());
}

}  // namespace partita::perf
