// consume mode: one assigned consumer vs a group of subscribed consumers reading the same records.
// The producer and consumers are librdkafka clients with partita-perf's settings (queued.min.messages=1000000
// so a fast consumer does not wait on its own flow control). Rates count from the first record any consumer
// received to the last record of the run ("after first"), and from the consumer's creation ("total", which
// for the group includes the join and group.initial.rebalance.delay.ms).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/bench/groups/group_bench.h"

namespace partita::groupbench {

namespace {

constexpr int64_t kIdleLimitNs = 30LL * 1000000000;  // give up when no record arrives for this long

struct Produced {
  int64_t delivered = 0;
  int64_t failed = 0;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* p = static_cast<Produced*>(opaque);
  if (m->err) ++p->failed;
  else ++p->delivered;
}

bool Produce(const Args& args, const std::string& bootstrap, const std::string& topic, int partitions) {
  Produced produced;
  rd_kafka_conf_t* conf = MakeConf({{"bootstrap.servers", bootstrap},
                                    {"acks", "1"},
                                    {"linger.ms", "5"},
                                    {"queue.buffering.max.messages", "1000000"}},
                                   args);
  if (!conf) return false;
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_conf_set_opaque(conf, &produced);
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return std::fprintf(stderr, "producer: %s\n", err), false;
  }
  std::string payload(static_cast<size_t>(args.record_size), 'A');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('A' + (i * 7) % 26);
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const int64_t start = NowNs();
  for (int64_t i = 0; i < args.num_records;) {
    // Partition by sequence: every partition gets the same share, in large batches.
    if (rd_kafka_produce(rkt, static_cast<int32_t>(i % partitions), 0, payload.data(), payload.size(), nullptr, 0,
                         nullptr) == 0) {
      ++i;
      continue;
    }
    if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      std::fprintf(stderr, "produce: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
      break;
    }
    rd_kafka_poll(rk, 1);  // serve delivery reports, then retry
  }
  rd_kafka_flush(rk, 120000);
  const double s = static_cast<double>(NowNs() - start) / 1e9;
  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(rk);
  std::printf("produced %lld records (%d bytes) to %d partitions in %.2f s (%.0f records/s), %lld failed\n",
              static_cast<long long>(produced.delivered), args.record_size, partitions, s,
              static_cast<double>(produced.delivered) / s, static_cast<long long>(produced.failed));
  return produced.delivered == args.num_records && produced.failed == 0;
}

// Shared by every consumer of one run.
struct Run {
  int64_t target = 0;
  std::atomic<int64_t> records{0};
  std::atomic<int64_t> errors{0};
  std::atomic<bool> done{false};
  std::mutex mu;
  int64_t first_ns = 0;  // earliest first record over all consumers
  int64_t last_ns = 0;   // latest record over all consumers
};

// Reads until the run has its target (or goes idle), adding to run->records in chunks.
int64_t ConsumeLoop(rd_kafka_t* rk, Run* run) {
  int64_t mine = 0, unreported = 0, first = 0, last = NowNs();
  while (!run->done.load(std::memory_order_relaxed)) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
    if (!m) {
      // Idle: hand over the partial chunk so the run's total can reach its target.
      if (unreported && run->records.fetch_add(unreported) + unreported >= run->target) run->done = true;
      unreported = 0;
      if (NowNs() - last > kIdleLimitNs) break;
      continue;
    }
    if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && run->errors++ == 0) {
        std::fprintf(stderr, "consume: %s\n", rd_kafka_message_errstr(m));
      }
      rd_kafka_message_destroy(m);
      continue;
    }
    rd_kafka_message_destroy(m);
    last = NowNs();
    if (mine++ == 0) first = last;
    if (++unreported == 1000) {
      if (run->records.fetch_add(unreported) + unreported >= run->target) run->done = true;
      unreported = 0;
    }
  }
  if (unreported && run->records.fetch_add(unreported) + unreported >= run->target) run->done = true;
  std::lock_guard<std::mutex> lock(run->mu);
  if (mine > 0 && (run->first_ns == 0 || first < run->first_ns)) run->first_ns = first;
  run->last_ns = std::max(run->last_ns, last);
  return mine;
}

void Report(const char* label, const Run& run, int64_t start) {
  const double total_s = static_cast<double>(run.last_ns - start) / 1e9;
  const double after_s = static_cast<double>(run.last_ns - run.first_ns) / 1e9;
  const int64_t n = run.records.load();
  std::printf("%s: %lld records, %.2f s total (%.0f records/s), first record after %.3f s, "
              "%.0f records/s after first, %lld errors, load %.2f\n",
              label, static_cast<long long>(n), total_s, static_cast<double>(n) / total_s,
              static_cast<double>(run.first_ns - start) / 1e9, static_cast<double>(n) / after_s,
              static_cast<long long>(run.errors.load()), LoadAverage1());
  std::fflush(stdout);
}

std::vector<std::pair<std::string, std::string>> ConsumerSettings(const std::string& bootstrap,
                                                                  const std::string& group) {
  return {{"bootstrap.servers", bootstrap},
          {"group.id", group},
          {"auto.offset.reset", "earliest"},
          {"queued.min.messages", "1000000"},
          {"enable.partition.eof", "false"}};
}

bool RunSingle(const Args& args, const std::string& bootstrap, const std::string& topic, int partitions) {
  // librdkafka 2.0's rd_kafka_assign() wants a group.id; this one never joins and never commits.
  auto settings = ConsumerSettings(bootstrap, "group-bench-assign-" + std::to_string(::getpid()));
  settings.emplace_back("enable.auto.commit", "false");
  rd_kafka_conf_t* conf = MakeConf(settings, args);
  if (!conf) return false;
  Run run;
  run.target = args.num_records;
  const int64_t start = NowNs();
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
  if (!rk) return rd_kafka_conf_destroy(conf), std::fprintf(stderr, "consumer: %s\n", err), false;
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  ConsumeLoop(rk, &run);
  Report("single consumer (assign)", run, start);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return run.records.load() >= args.num_records && run.errors.load() == 0;
}

bool RunGroup(const Args& args, const std::string& bootstrap, const std::string& topic) {
  const std::string group = "group-bench-consume-" + std::to_string(::getpid());
  Run run;
  run.target = args.num_records;
  std::vector<int64_t> per_member(static_cast<size_t>(args.consumers), 0);
  std::atomic<bool> failed{false};
  const int64_t start = NowNs();
  std::vector<std::thread> threads;
  for (int i = 0; i < args.consumers; ++i) {
    threads.emplace_back([&, i] {
      rd_kafka_conf_t* conf = MakeConf(ConsumerSettings(bootstrap, group), args);
      char err[512];
      rd_kafka_t* rk = conf ? rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err)) : nullptr;
      if (!rk) {
        if (conf) rd_kafka_conf_destroy(conf), std::fprintf(stderr, "consumer: %s\n", err);
        failed = true;
        return;
      }
      rd_kafka_poll_set_consumer(rk);
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
      rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
      rd_kafka_subscribe(rk, list);
      rd_kafka_topic_partition_list_destroy(list);
      per_member[static_cast<size_t>(i)] = ConsumeLoop(rk, &run);
      // Every member keeps polling until the total is reached (done), so nobody leaves (and triggers a
      // rebalance) while others still read.
      rd_kafka_consumer_close(rk);
      rd_kafka_destroy(rk);
    });
  }
  for (auto& t : threads) t.join();
  char label[64];
  std::snprintf(label, sizeof(label), "group of %d consumers (subscribe)", args.consumers);
  Report(label, run, start);
  std::printf("  records per member:");
  for (int64_t n : per_member) std::printf(" %lld", static_cast<long long>(n));
  std::printf("\n");
  return !failed && run.records.load() >= args.num_records && run.errors.load() == 0;
}

}  // namespace

int RunConsume(const Args& args) {
  const int partitions = args.partitions > 0 ? args.partitions : 6;
  // Kafka's broker default, not LocalCluster's 0: with no delay the first member takes every partition and
  // may read everything before the others' join makes it rebalance, so "the group" would be one consumer.
  auto target = Target::Open(args, {{"group.initial.rebalance.delay.ms", "3000"}});
  if (!target) return 1;
  const std::string topic = "group-bench-" + std::to_string(::getpid());
  if (!CreateTopic(target->bootstrap(), topic, partitions)) return 1;
  std::printf("load average before: %.2f\n", LoadAverage1());
  if (!Produce(args, target->bootstrap(), topic, partitions)) return 1;
  bool ok = RunSingle(args, target->bootstrap(), topic, partitions);
  ok = RunGroup(args, target->bootstrap(), topic) && ok;
  return ok ? 0 : 1;
}

}  // namespace partita::groupbench
