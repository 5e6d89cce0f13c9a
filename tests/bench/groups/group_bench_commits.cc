// commits mode: G groups each commit offsets once per second to one coordinator for D seconds.
// The client is engine/client's blocking BrokerConnection (a few connections, one thread each), sending
// OffsetCommit as admin commits (generation -1, empty member id: the group has no members), which is the same
// append-and-replicate path on the broker as a member's commit without the per-member checks. Group ids are
// chosen (FindCoordinator v4, batched) so that every group has the same coordinator. Group g's k-th commit is
// due at t0 + k s + g/G s, spreading the load evenly; a connection that falls behind sends at once, and the
// lateness is reported. The broker's CPU is utime+stime of its process (/proc/<pid>/stat, all threads) over the
// window from t0 to the last answer.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/client/broker_connection.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/offset_commit.h"
#include "tests/bench/groups/group_bench.h"

namespace partita::groupbench {

namespace {

using client::BrokerConnection;

// utime+stime of a process in seconds; -1 if unreadable.
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = text.rfind(')');
  if (paren == std::string::npos) return -1;
  std::istringstream fields(text.substr(paren + 1));
  std::string f;
  long long utime = -1, stime = -1;
  for (int i = 3; i <= 15 && (fields >> f); ++i) {  // field 3 is the state; 14 utime, 15 stime
    if (i == 14) utime = std::atoll(f.c_str());
    if (i == 15) stime = std::atoll(f.c_str());
  }
  if (utime < 0 || stime < 0) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long ProcessRssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

double SelfCpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Coordinator {
  int32_t node = -1;
  std::string host;
  int port = 0;
};

// Picks `count` group ids that all have the coordinator of the first one.
bool ChooseGroups(const std::string& bootstrap, int count, std::vector<std::string>* groups, Coordinator* coord) {
  auto hp = client::ParseHostPort(bootstrap.substr(0, bootstrap.find(',')));
  if (!hp.ok()) return std::fprintf(stderr, "%s\n", hp.status().ToString().c_str()), false;
  auto conn = BrokerConnection::Connect(hp->first, hp->second);
  if (!conn.ok()) return std::fprintf(stderr, "%s\n", conn.status().ToString().c_str()), false;
  const std::string prefix = "group-bench-commits-" + std::to_string(::getpid()) + "-";
  int next = 0;
  const int64_t deadline = NowNs() + 60LL * 1000000000;
  while (static_cast<int>(groups->size()) < count) {
    if (NowNs() > deadline) return std::fprintf(stderr, "no coordinator for the groups within 60 s\n"), false;
    protocol::FindCoordinatorRequest req;
    for (int i = 0; i < 200; ++i) req.coordinator_keys.push_back(prefix + std::to_string(next + i));
    auto resp = (*conn)->Send<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse>(req, 4);
    if (!resp.ok()) return std::fprintf(stderr, "FindCoordinator: %s\n", resp.status().ToString().c_str()), false;
    bool retry = false;
    for (const auto& c : resp->coordinators) retry = retry || c.error_code != 0;
    if (retry) {  // __consumer_offsets is being created or loaded
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    next += 200;
    for (const auto& c : resp->coordinators) {
      if (coord->node < 0) *coord = {c.node_id, c.host, c.port};
      if (c.node_id == coord->node && static_cast<int>(groups->size()) < count) groups->push_back(c.key);
    }
  }
  return true;
}

struct Totals {
  std::mutex mu;
  std::vector<double> latency_ms;
  std::vector<double> late_ms;
  int64_t errors = 0;
  std::string first_error;
};

class Committer {
 public:
  Committer(std::unique_ptr<BrokerConnection> conn, const std::string& topic, int partitions)
      : conn_(std::move(conn)), topic_(topic), partitions_(partitions) {}

  // One OffsetCommit; returns an empty string on success, else what went wrong.
  std::string Commit(const std::string& group, int64_t offset) {
    protocol::OffsetCommitRequest req;
    req.group_id = group;
    req.generation_id = -1;
    req.member_id = "";
    req.topics.resize(1);
    req.topics[0].name = topic_;
    for (int p = 0; p < partitions_; ++p) {
      protocol::OffsetCommitRequest::Partition part;
      part.partition_index = p;
      part.committed_offset = offset;
      part.committed_metadata = "";
      req.topics[0].partitions.push_back(part);
    }
    auto resp = conn_->Send<protocol::OffsetCommitRequest, protocol::OffsetCommitResponse>(req);
    if (!resp.ok()) return resp.status().ToString();
    for (const auto& t : resp->topics) {
      for (const auto& p : t.partitions) {
        if (p.error_code != 0) return "OffsetCommit error code " + std::to_string(p.error_code);
      }
    }
    return "";
  }

 private:
  std::unique_ptr<BrokerConnection> conn_;
  const std::string topic_;
  const int partitions_;
};

}  // namespace

int RunCommits(const Args& args) {
  auto target = Target::Open(args, {});
  if (!target) return 1;
  const std::string topic = "group-bench-commits-" + std::to_string(::getpid());
  if (!CreateTopic(target->bootstrap(), topic, args.partitions_per_commit)) return 1;
  std::vector<std::string> groups;
  Coordinator coord;
  if (!ChooseGroups(target->bootstrap(), args.groups, &groups, &coord)) return 1;
  const pid_t pid = target->broker_pid();
  std::printf("%zu groups on coordinator %d (%s:%d, pid %d), %d partition(s) per commit, %d connections\n",
              groups.size(), coord.node, coord.host.c_str(), coord.port, static_cast<int>(pid),
              args.partitions_per_commit, args.connections);

  std::vector<std::unique_ptr<Committer>> committers;
  for (int c = 0; c < args.connections; ++c) {
    auto conn = BrokerConnection::Connect(coord.host, coord.port);
    if (!conn.ok()) return std::fprintf(stderr, "%s\n", conn.status().ToString().c_str()), 1;
    committers.push_back(std::make_unique<Committer>(std::move(*conn), topic, args.partitions_per_commit));
  }
  // Warm-up: every group commits once (creates it in the coordinator's cache), retrying while the
  // coordinator loads. Not measured.
  for (size_t g = 0; g < groups.size(); ++g) {
    const int64_t deadline = NowNs() + 30LL * 1000000000;
    for (std::string e; !(e = committers[g % committers.size()]->Commit(groups[g], 0)).empty();) {
      if (NowNs() > deadline) return std::fprintf(stderr, "warm-up commit of %s: %s\n", groups[g].c_str(), e.c_str()), 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  Totals totals;
  const int64_t G = static_cast<int64_t>(groups.size());
  const int64_t t0 = NowNs() + 500000000;
  std::this_thread::sleep_until(std::chrono::steady_clock::time_point(std::chrono::nanoseconds(t0)));
  const double broker_cpu0 = pid > 0 ? ProcessCpuSeconds(pid) : -1;
  const double self_cpu0 = SelfCpuSeconds();
  const double load0 = LoadAverage1();
  std::vector<std::thread> threads;
  for (size_t c = 0; c < committers.size(); ++c) {
    threads.emplace_back([&, c] {
      std::vector<double> lat, late;
      int64_t errors = 0;
      std::string first_error;
      for (int k = 0; k < args.duration_s; ++k) {
        for (int64_t g = static_cast<int64_t>(c); g < G; g += static_cast<int64_t>(committers.size())) {
          const int64_t due = t0 + int64_t(k) * 1000000000 + g * 1000000000 / G;
          const int64_t now = NowNs();
          if (now < due) {
            std::this_thread::sleep_until(std::chrono::steady_clock::time_point(std::chrono::nanoseconds(due)));
          }
          const int64_t sent = NowNs();
          std::string e = committers[c]->Commit(groups[static_cast<size_t>(g)], k + 1);
          lat.push_back(static_cast<double>(NowNs() - sent) / 1e6);
          late.push_back(static_cast<double>(std::max<int64_t>(sent - due, 0)) / 1e6);
          if (!e.empty() && errors++ == 0) first_error = e;
        }
      }
      std::lock_guard<std::mutex> lock(totals.mu);
      totals.latency_ms.insert(totals.latency_ms.end(), lat.begin(), lat.end());
      totals.late_ms.insert(totals.late_ms.end(), late.begin(), late.end());
      totals.errors += errors;
      if (totals.first_error.empty()) totals.first_error = first_error;
    });
  }
  for (auto& t : threads) t.join();
  const int64_t t1 = NowNs();
  const double broker_cpu = pid > 0 ? ProcessCpuSeconds(pid) - broker_cpu0 : -1;
  const double self_cpu = SelfCpuSeconds() - self_cpu0;
  const double wall = static_cast<double>(t1 - t0) / 1e9;

  std::sort(totals.latency_ms.begin(), totals.latency_ms.end());
  std::sort(totals.late_ms.begin(), totals.late_ms.end());
  const size_t n = totals.latency_ms.size();
  std::printf("%zu commits in %.2f s (%.0f commits/s), %lld errors%s%s\n", n, wall, static_cast<double>(n) / wall,
              static_cast<long long>(totals.errors), totals.errors ? ", first: " : "", totals.first_error.c_str());
  std::printf("commit latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f\n",
              Percentile(totals.latency_ms, 50), Percentile(totals.latency_ms, 90), Percentile(totals.latency_ms, 99),
              Percentile(totals.latency_ms, 99.9), n ? totals.latency_ms.back() : 0.0);
  std::printf("send lateness vs schedule ms: p50 %.2f, p99 %.2f, max %.2f\n", Percentile(totals.late_ms, 50),
              Percentile(totals.late_ms, 99), n ? totals.late_ms.back() : 0.0);
  if (broker_cpu >= 0) {
    std::printf("broker pid %d: %.2f s CPU in %.2f s = %.3f cores (target < 1), RSS %ld kB\n", static_cast<int>(pid),
                broker_cpu, wall, broker_cpu / wall, ProcessRssKb(pid));
  } else {
    std::printf("broker CPU: unknown (pass --broker-pid for an existing cluster)\n");
  }
  std::printf("client: %.2f s CPU = %.3f cores; load average %.2f before, %.2f after\n", self_cpu, self_cpu / wall,
              load0, LoadAverage1());
  return totals.errors == 0 && n > 0 ? 0 : 1;
}

}  // namespace partita::groupbench
