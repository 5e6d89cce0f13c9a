// partita-fetch-session-bench: the broker CPU incremental fetch sessions (KIP-227) save for a consumer of many
// partitions.
//
// Starts a LocalCluster of one partita-broker process and a real ZooKeeper in a temp dir, creates a topic of
// --partitions partitions, writes one record to each, then sends --fetches Fetch requests (max_wait 0, as a busy
// consumer polling at its positions) naming every partition: once sessionless (session epoch -1: every request
// and answer carry every partition) and once in an incremental session (engine/client/fetch_session_builder.h:
// after the first request only what changed — here nothing — and answers with only what changed). Reports the
// broker's CPU time (user + system, /proc/<pid>/stat) per 1,000 fetches and the bytes of each answer.
// Then our own consumer path, as partita-cli console-consumer polls all partitions: before, one FetchRecords per
// partition per poll (sessionless); now ClusterClient::FetchMany, one incremental-session fetch per leader per
// poll. Reports the broker's CPU per 1,000 polls of every partition (--polls / --session-polls polls).
// Not a test: it measures and prints; exit status 1 only if the run could not complete.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "engine/client/broker_connection.h"
#include "engine/client/cluster_client.h"
#include "engine/client/fetch_session_builder.h"
#include "engine/cluster/local_cluster.h"
#include "tests/bench/common/bench_util.h"

namespace {

using partita::bench::NowNs;
using partita::bench::WaitFor;

struct Args {
  std::string broker_binary;
  int partitions = 1000;
  int fetches = 2000;
  int polls = 20;            // of all partitions, one FetchRecords per partition each
  int session_polls = 2000;  // of all partitions, one FetchMany each (cheap: more for a measurable CPU time)
};

bool ParseArgs(int argc, char** argv, Args* a) {
  a->broker_binary = partita::bench::SiblingBrokerBinary();
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (flag == "--broker") a->broker_binary = v;
    else if (flag == "--partitions") a->partitions = std::max(1, std::atoi(v.c_str()));
    else if (flag == "--fetches") a->fetches = std::max(1, std::atoi(v.c_str()));
    else if (flag == "--polls") a->polls = std::max(1, std::atoi(v.c_str()));
    else if (flag == "--session-polls") a->session_polls = std::max(1, std::atoi(v.c_str()));
    else return false;
  }
  return true;
}

// utime + stime of a process in milliseconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks).
int64_t CpuMs(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(line.substr(close + 2));
  std::string f;
  int64_t utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::atoll(f.c_str());
    if (i == 15) stime = std::atoll(f.c_str());
  }
  return (utime + stime) * 1000 / ::sysconf(_SC_CLK_TCK);
}

struct Measured {
  double broker_ms_per_1000 = 0;
  size_t answer_bytes = 0;  // of the last answer
  size_t request_partitions = 0;  // in the last request
};

// --fetches requests of every partition at its log end, in a session or not, on one connection.
partita::Result<Measured> FetchLoop(const Args& args, const std::string& host, int port, pid_t broker,
                                    const std::string& topic, bool incremental) {
  partita::client::ConnectionOptions o;
  o.client_id = "fetch-session-bench";
  auto conn = partita::client::BrokerConnection::Connect(host, port, o);
  if (!conn.ok()) return conn.status();
  partita::client::FetchSessionBuilder session;
  partita::client::FetchSessionBuilder::Wanted wanted;
  for (int p = 0; p < args.partitions; ++p) {
    auto& w = wanted[{topic, partita::PartitionId(p)}];
    w.partition = p;
    w.fetch_offset = 1;  // after the one record: nothing new, as for a consumer that is caught up
    w.partition_max_bytes = 1 << 20;
  }
  Measured m;
  const int64_t cpu_before = CpuMs(broker);
  for (int i = 0; i < args.fetches; ++i) {
    partita::protocol::FetchRequest req;
    req.max_wait_ms = 0;
    req.min_bytes = 1;
    req.max_bytes = 50 << 20;
    session.Build(wanted, 11, &req);
    if (!incremental) req.session_epoch = -1;
    m.request_partitions = 0;
    for (const auto& t : req.topics) m.request_partitions += t.partitions.size();
    std::vector<uint8_t> frame;
    auto resp = (*conn)->Send<partita::protocol::FetchRequest, partita::protocol::FetchResponse>(req, 11, nullptr,
                                                                                                 &frame);
    if (!resp.ok()) return resp.status();
    if (resp->error_code != 0) return partita::Status::Corruption("fetch error " + std::to_string(resp->error_code));
    session.OnResponse(*resp);
    m.answer_bytes = frame.size();
  }
  m.broker_ms_per_1000 = double(CpuMs(broker) - cpu_before) * 1000.0 / args.fetches;
  return m;
}

// --polls polls of every partition at its end through ClusterClient: per partition (FetchRecords, what the
// console consumer did before sessions) or all at once in a session (FetchMany). Broker CPU ms per 1,000 polls.
partita::Result<double> ConsumerPolls(const Args& args, const std::string& bootstrap, pid_t broker,
                                      const std::string& topic, bool sessions) {
  auto c = partita::client::ClusterClient::Connect(bootstrap, {});
  if (!c.ok()) return c.status();
  std::map<partita::TopicPartition, int64_t> positions;
  for (int p = 0; p < args.partitions; ++p) positions[{topic, partita::PartitionId(p)}] = 1;
  partita::client::FetchOptions o;
  if (sessions) {  // the first (full) fetch opens the session; not counted, as a long-running consumer's
    auto first = (*c)->FetchMany(positions, o);
    if (!first.ok()) return first.status();
  }
  const int polls = sessions ? args.session_polls : args.polls;
  const int64_t cpu_before = CpuMs(broker);
  for (int i = 0; i < polls; ++i) {
    if (sessions) {
      auto r = (*c)->FetchMany(positions, o);
      if (!r.ok()) return r.status();
      for (const auto& pf : *r)
        if (!pf.status.ok()) return pf.status;
    } else {
      for (const auto& [tp, offset] : positions) {
        auto r = (*c)->FetchRecords(tp, offset, o);
        if (!r.ok()) return r.status();
      }
    }
  }
  const double per_1000 = double(CpuMs(broker) - cpu_before) * 1000.0 / polls;
  (*c)->CloseFetchSessions();
  return per_1000;
}

int Run(const Args& args) {
  char tmpl[] = "/tmp/partita-fetch-session-XXXXXX";
  if (!::mkdtemp(tmpl)) return std::perror("mkdtemp"), 1;
  const std::string dir = tmpl;
  partita::cluster::LocalCluster::Options options;
  options.data_dir = dir + "/cluster";
  options.brokers = 1;
  options.mode = partita::cluster::LocalCluster::BrokerMode::kProcess;
  options.broker_binary = args.broker_binary;
  options.broker_overrides = {{"auto.create.topics.enable", "false"}};
  auto started = partita::cluster::LocalCluster::Start(options);
  if (!started.ok()) return std::fprintf(stderr, "cluster: %s\n", started.status().ToString().c_str()), 1;
  std::unique_ptr<partita::cluster::LocalCluster> cluster = std::move(*started);
  const std::string topic = "sessions";
  auto c = partita::client::ClusterClient::Connect(cluster->BootstrapServers(), {});
  if (!c.ok()) return std::fprintf(stderr, "connect: %s\n", c.status().ToString().c_str()), 1;
  partita::client::NewTopic t;
  t.name = topic;
  t.partitions = args.partitions;
  t.replication_factor = 1;
  if (auto st = (*c)->CreateTopic(t); !st.ok()) return std::fprintf(stderr, "create: %s\n", st.ToString().c_str()), 1;
  for (int p = 0; p < args.partitions; ++p) {
    partita::Status st = partita::Status::Unavailable("not yet");
    WaitFor([&] { return (st = (*c)->Produce({topic, partita::PartitionId(p)}, {partita::client::ProduceRecord{"k", "one record"}}).status()).ok(); }, 30000, 50);
    if (!st.ok()) return std::fprintf(stderr, "produce to %d: %s\n", p, st.ToString().c_str()), 1;
  }
  const auto broker = cluster->Brokers().front();
  std::printf("%d partitions, %d fetches of every partition at its end (max_wait 0)\n", args.partitions, args.fetches);
  for (bool incremental : {false, true, false, true}) {
    auto m = FetchLoop(args, "127.0.0.1", broker.port, broker.pid, topic, incremental);
    if (!m.ok()) return std::fprintf(stderr, "fetch: %s\n", m.status().ToString().c_str()), 1;
    std::printf("  %-12s broker %6.0f ms CPU per 1,000 fetches; last request %zu partitions, answer %zu bytes\n",
                incremental ? "incremental" : "sessionless", m->broker_ms_per_1000, m->request_partitions,
                m->answer_bytes);
  }
  std::printf("our consumer, polls of all %d partitions at their end: %d per partition, %d with FetchMany\n",
              args.partitions, args.polls, args.session_polls);
  for (bool sessions : {false, true, false, true}) {
    auto ms = ConsumerPolls(args, cluster->BootstrapServers(), broker.pid, topic, sessions);
    if (!ms.ok()) return std::fprintf(stderr, "consumer: %s\n", ms.status().ToString().c_str()), 1;
    std::printf("  %-34s broker %8.0f ms CPU per 1,000 polls\n",
                sessions ? "FetchMany (incremental session)" : "FetchRecords per partition", *ms);
  }
  (void)cluster->Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: partita-fetch-session-bench [--partitions N] [--fetches F] [--polls P] [--session-polls S] [--broker PATH]\n");
    return 2;
  }
  return Run(args);
}
