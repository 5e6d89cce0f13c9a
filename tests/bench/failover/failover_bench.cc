// partita-failover-bench: how long acks=all writes stop when a partition leader dies.
//
// Starts a LocalCluster of 3 partita-broker processes and a real ZooKeeper in a temp dir (or --dir), creates an
// RF=3 topic with min.insync.replicas=2, and runs an idempotent acks=all librdkafka producer at --rate records/s.
// Each round waits for a full ISR and steady acknowledgements, kill -9s the partition leader, and reports the time
// from the kill to the first successful acks=all delivery report that came from another broker (the new leader;
// rd_kafka_message_broker_id names the broker that answered), then restarts the killed broker. At the end it
// reports every round, the minimum/median/maximum and whether any record failed (idempotence: none may).
// Not a test: it measures and prints; exit status 1 only if the run could not complete.
// Threads: the main thread drives the rounds; one producer thread sends and serves delivery reports.
#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/cluster/local_cluster.h"
#include "tests/bench/common/bench_util.h"

namespace {

using partita::Result;
using partita::Status;

using partita::bench::NowNs;
using partita::bench::WaitFor;

struct Args {
  std::string broker_binary;
  std::string dir;
  int rounds = 3;
  int rate = 1000;
  int session_timeout_ms = 6000;
};

struct Delivery {
  int64_t at_ns;
  int32_t broker;
};

// Delivery reports shared between the producer thread and the main thread.
struct Reports {
  std::mutex mu;
  std::vector<Delivery> ok;  // successful acks=all deliveries, in report order
  int64_t failed = 0;
  std::string first_error;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* r = static_cast<Reports*>(opaque);
  std::lock_guard<std::mutex> lock(r->mu);
  if (m->err) {
    if (r->failed++ == 0) r->first_error = rd_kafka_err2str(m->err);
    return;
  }
  r->ok.push_back({NowNs(), rd_kafka_message_broker_id(m)});
}

bool ParseArgs(int argc, char** argv, Args* a) {
  a->broker_binary = partita::bench::SiblingBrokerBinary();
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "-h" || flag == "--help" || i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (flag == "--broker-binary") a->broker_binary = v;
    else if (flag == "--dir") a->dir = v;
    else if (flag == "--rounds") a->rounds = std::max(1, std::atoi(v.c_str()));
    else if (flag == "--rate") a->rate = std::max(1, std::atoi(v.c_str()));
    else if (flag == "--session-timeout-ms") a->session_timeout_ms = std::max(1000, std::atoi(v.c_str()));
    else return false;
  }
  return true;
}

// The partition's leader and ISR size from a fresh client (none is kept: a killed broker's connection is gone).
bool Partition0(const std::string& bootstrap, const std::string& topic, int32_t* leader, size_t* isr) {
  partita::client::ClientOptions options;
  options.controller_retry_ms = 2000;
  auto c = partita::client::ClusterClient::Connect(bootstrap, options);
  if (!c.ok()) return false;
  auto md = (*c)->RefreshMetadata();
  if (!md.ok()) return false;
  const auto* t = md->FindTopic(topic);
  if (!t || t->partitions.empty()) return false;
  *leader = t->partitions[0].leader;
  *isr = t->partitions[0].isr.size();
  return true;
}

rd_kafka_t* MakeProducer(const std::string& bootstrap, Reports* reports) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_conf_set_opaque(conf, reports);
  char err[512];
  const std::pair<const char*, std::string> settings[] = {
      {"bootstrap.servers", bootstrap},
      {"enable.idempotence", "true"},  // implies acks=all and in-order retries
      {"acks", "all"},
      {"linger.ms", "1"},
      {"message.timeout.ms", "120000"},
      {"retry.backoff.ms", "50"},
      {"reconnect.backoff.ms", "50"},
      {"reconnect.backoff.max.ms", "500"},
      {"topic.metadata.refresh.fast.interval.ms", "100"},
      // As the cluster tests' producer: a dead leader that the metadata still names is otherwise only re-queried
      // at librdkafka's slow periodic refresh.
      {"topic.metadata.refresh.interval.ms", "1000"},
  };
  for (const auto& [k, v] : settings) {
    if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof(err)) != RD_KAFKA_CONF_OK) {
      std::fprintf(stderr, "%s=%s: %s\n", k, v.c_str(), err);
      rd_kafka_conf_destroy(conf);
      return nullptr;
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
  if (!rk) {
    std::fprintf(stderr, "producer: %s\n", err);
    rd_kafka_conf_destroy(conf);
  }
  return rk;
}

int Run(const Args& args) {
  std::string dir = args.dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/partita-failover-XXXXXX";
    if (!::mkdtemp(tmpl)) return std::perror("mkdtemp"), 1;
    dir = tmpl;
  }
  partita::cluster::LocalCluster::Options options;
  options.data_dir = dir + "/cluster";
  options.brokers = 3;
  options.mode = partita::cluster::LocalCluster::BrokerMode::kProcess;
  options.broker_binary = args.broker_binary;
  options.broker_overrides = {{"zookeeper.session.timeout.ms", std::to_string(args.session_timeout_ms)},
                              {"auto.create.topics.enable", "false"}};
  std::printf("starting ZooKeeper and 3 brokers (%s) in %s\n", args.broker_binary.c_str(), dir.c_str());
  auto started = partita::cluster::LocalCluster::Start(options);
  if (!started.ok()) {
    std::fprintf(stderr, "cluster: %s\n", started.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<partita::cluster::LocalCluster> cluster = std::move(*started);
  const std::string bootstrap = cluster->BootstrapServers();
  const std::string topic = "failover";
  {
    auto c = partita::client::ClusterClient::Connect(bootstrap, {});
    if (!c.ok()) return std::fprintf(stderr, "connect: %s\n", c.status().ToString().c_str()), 1;
    partita::client::NewTopic t;
    t.name = topic;
    t.partitions = 1;
    t.replication_factor = 3;
    t.configs = {{"min.insync.replicas", "2"}};
    if (Status st = (*c)->CreateTopic(t); !st.ok()) {
      std::fprintf(stderr, "create: %s\n", st.ToString().c_str());
      return 1;
    }
  }

  Reports reports;
  rd_kafka_t* producer = MakeProducer(bootstrap, &reports);
  if (!producer) return 1;
  std::atomic<bool> stop{false};
  std::thread sender([&] {
    const int64_t interval = 1000000000LL / args.rate;
    int64_t next = NowNs();
    char value[100];
    std::memset(value, 'x', sizeof(value));
    while (!stop) {
      rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(value, sizeof(value)),
                        RD_KAFKA_V_END);
      next += interval;
      while (NowNs() < next) rd_kafka_poll(producer, 1);
    }
    rd_kafka_flush(producer, 120000);
  });

  std::vector<double> failover_ms;
  int exit_code = 0;
  for (int round = 1; round <= args.rounds && exit_code == 0; ++round) {
    int32_t leader = -1;
    size_t isr = 0;
    if (!WaitFor([&] { return Partition0(bootstrap, topic, &leader, &isr) && leader > 0 && isr == 3; }, 60000)) {
      std::fprintf(stderr, "round %d: the ISR never became full\n", round);
      exit_code = 1;
      break;
    }
    size_t acked_before;
    {
      std::lock_guard<std::mutex> lock(reports.mu);
      acked_before = reports.ok.size();
    }
    // Steady state: acknowledgements flowing for 2 s.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    {
      std::lock_guard<std::mutex> lock(reports.mu);
      if (reports.ok.size() <= acked_before) {
        std::fprintf(stderr, "round %d: no acknowledgements before the kill (%s)\n", round,
                     reports.first_error.c_str());
        exit_code = 1;
        break;
      }
    }
    const int64_t killed_at = NowNs();
    if (Status st = cluster->KillBroker(leader); !st.ok()) {
      std::fprintf(stderr, "kill broker %d: %s\n", leader, st.ToString().c_str());
      exit_code = 1;
      break;
    }
    Delivery first{-1, -1};
    int64_t elected_at = -1;  // when a fresh metadata request first named another leader
    int32_t new_leader = -1;
    const bool recovered = WaitFor(
        [&] {
          size_t isr_now = 0;
          if (elected_at < 0 && Partition0(bootstrap, topic, &new_leader, &isr_now) && new_leader > 0 &&
              new_leader != leader) {
            elected_at = NowNs();
          }
          std::lock_guard<std::mutex> lock(reports.mu);
          for (auto it = reports.ok.rbegin(); it != reports.ok.rend() && it->at_ns > killed_at; ++it) {
            if (it->broker != leader) first = *it;  // keeps the earliest such report
          }
          return first.at_ns > 0;
        },
        120000);
    if (!recovered) {
      std::fprintf(stderr, "round %d: no acks=all write succeeded within 120 s of killing broker %d\n", round, leader);
      exit_code = 1;
      break;
    }
    const double ms = static_cast<double>(first.at_ns - killed_at) / 1e6;
    failover_ms.push_back(ms);
    std::printf("round %d: kill -9 of leader %d -> new leader in metadata after %.0f ms, first acks=all write "
                "acknowledged by broker %d after %.0f ms\n",
                round, leader, elected_at > 0 ? static_cast<double>(elected_at - killed_at) / 1e6 : -1.0,
                first.broker, ms);
    // Restart the killed broker (its old session may hold its id until the session timeout).
    const bool restarted = WaitFor([&] { return cluster->StartBroker(leader).ok(); }, 60000);
    if (!restarted) {
      std::fprintf(stderr, "round %d: broker %d did not restart\n", round, leader);
      exit_code = 1;
    }
  }
  stop = true;
  sender.join();
  int64_t failed;
  std::string first_error;
  size_t acked;
  {
    std::lock_guard<std::mutex> lock(reports.mu);
    failed = reports.failed;
    first_error = reports.first_error;
    acked = reports.ok.size();
  }
  rd_kafka_destroy(producer);
  (void)cluster->Stop();
  if (args.dir.empty()) std::filesystem::remove_all(dir);

  std::sort(failover_ms.begin(), failover_ms.end());
  if (!failover_ms.empty()) {
    std::printf("failover (kill -9 -> first acks=all ack from the new leader), %zu rounds, session timeout %d ms: "
                "min %.0f ms, median %.0f ms, max %.0f ms\n",
                failover_ms.size(), args.session_timeout_ms, failover_ms.front(), failover_ms[failover_ms.size() / 2],
                failover_ms.back());
  }
  std::printf("records acknowledged %zu, failed %lld%s%s\n", acked, static_cast<long long>(failed),
              failed ? ", first error: " : "", first_error.c_str());
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fputs("usage: partita-failover-bench [--rounds 3] [--rate 1000] [--session-timeout-ms 6000]\n"
               "                              [--broker-binary PATH] [--dir D]\n",
               stderr);
    return 2;
  }
  return Run(args);
}
