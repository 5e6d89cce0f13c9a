// partita-group-bench: argument parsing, the cluster to run against, and small shared helpers.
// See group_bench.h for the modes.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "engine/client/cluster_client.h"
#include "engine/cluster/local_cluster.h"
#include "tests/bench/groups/group_bench.h"

namespace partita::groupbench {

std::unique_ptr<Target> Target::Open(const Args& args, const std::map<std::string, std::string>& overrides) {
  std::unique_ptr<Target> t(new Target());
  if (!args.bootstrap.empty()) {
    t->bootstrap_ = args.bootstrap;
    t->broker_pid_ = args.broker_pid;
    if (!overrides.empty()) {
      std::printf("note: existing cluster, broker settings as configured there (wanted:");
      for (const auto& [k, v] : overrides) std::printf(" %s=%s", k.c_str(), v.c_str());
      std::printf(")\n");
    }
    return t;
  }
  std::string dir = args.dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/partita-group-bench-XXXXXX";
    if (!::mkdtemp(tmpl)) return std::perror("mkdtemp"), nullptr;
    dir = tmpl;
    t->owned_dir_ = dir;
  }
  cluster::LocalCluster::Options options;
  options.data_dir = dir + "/cluster";
  options.brokers = 1;
  options.mode = cluster::LocalCluster::BrokerMode::kProcess;
  options.broker_binary = args.broker_binary;
  options.broker_overrides = {{"auto.create.topics.enable", "false"}};
  for (const auto& [k, v] : overrides) options.broker_overrides[k] = v;
  for (const auto& [k, v] : args.broker_overrides) options.broker_overrides[k] = v;  // the user's last
  std::printf("starting ZooKeeper and 1 broker (%s) in %s:", args.broker_binary.c_str(), dir.c_str());
  for (const auto& [k, v] : options.broker_overrides) std::printf(" %s=%s", k.c_str(), v.c_str());
  std::printf("\n");
  std::fflush(stdout);
  auto started = cluster::LocalCluster::Start(options);
  if (!started.ok()) {
    std::fprintf(stderr, "cluster: %s\n", started.status().ToString().c_str());
    return nullptr;
  }
  t->cluster_ = std::move(*started);
  t->bootstrap_ = t->cluster_->BootstrapServers();
  for (const auto& b : t->cluster_->Brokers()) t->broker_pid_ = b.pid;
  return t;
}

Target::~Target() {
  if (cluster_) (void)cluster_->Stop();
  cluster_.reset();
  if (!owned_dir_.empty()) std::filesystem::remove_all(owned_dir_);
}

bool CreateTopic(const std::string& bootstrap, const std::string& topic, int partitions) {
  auto c = client::ClusterClient::Connect(bootstrap, {});
  if (!c.ok()) return std::fprintf(stderr, "connect: %s\n", c.status().ToString().c_str()), false;
  client::NewTopic t;
  t.name = topic;
  t.partitions = partitions;
  t.replication_factor = 1;
  Status st = (*c)->CreateTopic(t);
  if (!st.ok() && st.code() != Status::Code::kAlreadyExists) {
    std::fprintf(stderr, "create topic %s: %s\n", topic.c_str(), st.ToString().c_str());
    return false;
  }
  return true;
}

rd_kafka_conf_t* MakeConf(const std::vector<std::pair<std::string, std::string>>& settings, const Args& args) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  for (const auto* list : {&settings, &args.client_config}) {
    for (const auto& [k, v] : *list) {
      if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof(err)) != RD_KAFKA_CONF_OK) {
        std::fprintf(stderr, "%s=%s: %s\n", k.c_str(), v.c_str(), err);
        rd_kafka_conf_destroy(conf);
        return nullptr;
      }
    }
  }
  return conf;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[rank == 0 ? 0 : rank - 1];
}

double LoadAverage1() {
  double load[1] = {-1};
  return ::getloadavg(load, 1) == 1 ? load[0] : -1;
}

}  // namespace partita::groupbench

namespace {

using partita::groupbench::Args;

bool SplitKeyValue(const std::string& text, std::vector<std::pair<std::string, std::string>>* out) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  out->emplace_back(text.substr(0, eq), text.substr(eq + 1));
  return true;
}

bool ParseArgs(int argc, char** argv, Args* a) {
  a->broker_binary = partita::bench::SiblingBrokerBinary();
  if (argc < 2) return false;
  a->mode = argv[1];
  if (a->mode != "consume" && a->mode != "rebalance" && a->mode != "commits") return false;
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    const long long num = std::atoll(v.c_str());
    if (flag == "--bootstrap-servers") a->bootstrap = v;
    else if (flag == "--broker-binary") a->broker_binary = v;
    else if (flag == "--dir") a->dir = v;
    else if (flag == "--broker-pid") a->broker_pid = static_cast<pid_t>(num);
    else if (flag == "--num-records" && num > 0) a->num_records = num;
    else if (flag == "--record-size" && num > 0) a->record_size = static_cast<int>(num);
    else if (flag == "--partitions" && num > 0) a->partitions = static_cast<int>(num);
    else if (flag == "--consumers" && num > 0) a->consumers = static_cast<int>(num);
    else if (flag == "--members" && num > 1) a->members = static_cast<int>(num);
    else if (flag == "--groups" && num > 0) a->groups = static_cast<int>(num);
    else if (flag == "--duration-s" && num > 0) a->duration_s = static_cast<int>(num);
    else if (flag == "--connections" && num > 0) a->connections = static_cast<int>(num);
    else if (flag == "--partitions-per-commit" && num > 0) a->partitions_per_commit = static_cast<int>(num);
    else if (flag == "--delays") {
      a->delays_ms.clear();
      std::stringstream ss(v);
      for (std::string item; std::getline(ss, item, ',');) a->delays_ms.push_back(std::atoi(item.c_str()));
      if (a->delays_ms.empty()) return false;
    } else if (flag == "--broker-config") {
      if (!SplitKeyValue(v, &a->broker_overrides)) return false;
    } else if (flag == "-X") {
      if (!SplitKeyValue(v, &a->client_config)) return false;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines appear at once, also in a pipe or a log file
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fputs(
        "usage: partita-group-bench consume   [--num-records 3000000] [--record-size 100] [--partitions 6]\n"
        "                                     [--consumers 3]\n"
        "       partita-group-bench rebalance [--members 10] [--partitions 20] [--delays 3000,300,0]\n"
        "       partita-group-bench commits   [--groups 1000] [--duration-s 30] [--connections 4]\n"
        "                                     [--partitions-per-commit 1] [--broker-pid PID]\n"
        "  common: [--bootstrap-servers H:P] [--broker-binary PATH] [--dir D] [--broker-config k=v ...]\n"
        "          [-X librdkafka.key=value ...]\n"
        "  Without --bootstrap-servers each run starts ZooKeeper and one partita-broker process in a temp dir.\n",
        stderr);
    return 2;
  }
  if (args.mode == "consume") return partita::groupbench::RunConsume(args);
  if (args.mode == "rebalance") return partita::groupbench::RunRebalance(args);
  return partita::groupbench::RunCommits(args);
}
