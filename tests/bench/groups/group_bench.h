// partita-group-bench: consumer-group benchmarks against Partita (or any Kafka-compatible cluster).
//
// Three modes, each measured from the outside with librdkafka (or, for commits, with engine/client's blocking
// BrokerConnection so that the client stays light and the broker is what gets loaded):
//   consume    pre-produce N records to a multi-partition topic, then read them once with one assigned
//              consumer and once with a group of subscribed consumers (one thread each); records/s of both.
//   rebalance  M members (one librdkafka consumer per thread) join one group: time from the last subscribe()
//              to the moment every member has its assignment; then one member leaves: time until the rest
//              are reassigned.
//   commits    G groups, each committing offsets once per second to one coordinator for D seconds
//              (admin commits: generation -1, empty member id); commit latency percentiles and the broker
//              process's CPU (utime+stime from /proc/<pid>/stat) over the window.
// By default each mode starts its own LocalCluster (ZooKeeper + partita-broker processes) in a temp dir;
// --bootstrap-servers uses an existing cluster instead (then --broker-pid names the process to measure).
// Not a test: it measures and prints; exit status 1 only when a run could not complete or lost records.
#pragma once

#include <librdkafka/rdkafka.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/bench/common/bench_util.h"

namespace partita::cluster {
class LocalCluster;
}

namespace partita::groupbench {

struct Args {
  std::string mode;
  std::string bootstrap;      // empty: start a LocalCluster
  std::string broker_binary;  // partita-broker for the LocalCluster
  std::string dir;            // LocalCluster data dir (default: a fresh temp dir, removed afterwards)
  pid_t broker_pid = -1;      // commits on an existing cluster: the coordinator's process
  // consume
  int64_t num_records = 3000000;
  int record_size = 100;
  int partitions = 0;  // 0: the mode's default (consume 6, rebalance 20)
  int consumers = 3;
  // rebalance
  int members = 10;
  std::vector<int> delays_ms = {3000, 300, 0};  // one LocalCluster per value
  // commits
  int groups = 1000;
  int duration_s = 30;
  int connections = 4;
  int partitions_per_commit = 1;
  std::vector<std::pair<std::string, std::string>> broker_overrides;  // --broker-config k=v
  std::vector<std::pair<std::string, std::string>> client_config;     // -X k=v (librdkafka)
};

using bench::NowNs;
using bench::WaitFor;

// A cluster to run against: either started here (owns a LocalCluster and its temp dir) or external.
class Target {
 public:
  // Starts a 1-broker LocalCluster of processes unless args.bootstrap is set, with the mode's overrides and
  // then args.broker_overrides (the user's win). Prints what it started. nullptr (after printing why) on failure.
  static std::unique_ptr<Target> Open(const Args& args, const std::map<std::string, std::string>& overrides);
  ~Target();
  const std::string& bootstrap() const { return bootstrap_; }
  // The broker process to measure (the LocalCluster's only broker, or --broker-pid); -1 if unknown.
  pid_t broker_pid() const { return broker_pid_; }

 private:
  Target() = default;
  std::unique_ptr<cluster::LocalCluster> cluster_;
  std::string bootstrap_;
  std::string owned_dir_;
  pid_t broker_pid_ = -1;
};

// Creates a topic (RF 1) through engine/client, or accepts an existing one. False after printing why.
bool CreateTopic(const std::string& bootstrap, const std::string& topic, int partitions);

// A librdkafka conf with settings, then args.client_config (-X, wins). nullptr after printing a rejected value.
rd_kafka_conf_t* MakeConf(const std::vector<std::pair<std::string, std::string>>& settings, const Args& args);

// Nearest-rank percentile of sorted values (0 for none).
double Percentile(const std::vector<double>& sorted, double p);

// 1-minute load average, for the report.
double LoadAverage1();

int RunConsume(const Args& args);
int RunRebalance(const Args& args);
int RunCommits(const Args& args);

}  // namespace partita::groupbench
