// rebalance mode: M librdkafka consumers (one thread each) join one new group; then one leaves.
// Every member is created first (so it has found the coordinator), then all subscribe at once. The first
// figure is the time from the LAST subscribe() call to the moment the members' assignments (as seen in their
// rebalance callbacks) cover every partition exactly once; the second is the time from one member's
// rd_kafka_consumer_close() (which sends LeaveGroup) until the remaining members again cover every partition.
// The callbacks handle both eager and cooperative assignors (-X partition.assignment.strategy=...).
// On a LocalCluster, one cluster is started per group.initial.rebalance.delay.ms value (--delays).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/client/cluster_client.h"
#include "tests/bench/groups/group_bench.h"

namespace partita::groupbench {

namespace {

struct Member {
  std::atomic<int64_t> subscribe_ns{0};
  std::atomic<int64_t> leave_ns{0};
  std::atomic<bool> leave{false};
  std::mutex mu;
  std::set<int32_t> owned;   // current assignment
  int64_t last_event_ns = 0;  // last rebalance callback
  int assigns = 0;
};

void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
  auto* m = static_cast<Member*>(opaque);
  const bool cooperative = std::string(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
  const bool assign = err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS;
  if (cooperative) {
    rd_kafka_error_t* e = assign ? rd_kafka_incremental_assign(rk, parts) : rd_kafka_incremental_unassign(rk, parts);
    if (e) rd_kafka_error_destroy(e);
  } else {
    rd_kafka_assign(rk, assign ? parts : nullptr);
  }
  const int64_t now = NowNs();
  std::lock_guard<std::mutex> lock(m->mu);
  if (!cooperative) m->owned.clear();
  for (int i = 0; i < parts->cnt; ++i) {
    if (assign) m->owned.insert(parts->elems[i].partition);
    else m->owned.erase(parts->elems[i].partition);
  }
  m->last_event_ns = now;
  if (assign) ++m->assigns;
}

// True when the members in `who` own every partition exactly once and each had an assignment callback after
// `since`; *at is then the latest callback time among them.
bool Covered(std::vector<Member>& members, const std::vector<int>& who, int partitions, int64_t since, int64_t* at) {
  std::vector<int> count(static_cast<size_t>(partitions), 0);
  int64_t latest = 0;
  for (int i : who) {
    Member& m = members[static_cast<size_t>(i)];
    std::lock_guard<std::mutex> lock(m.mu);
    if (m.assigns == 0 || m.last_event_ns <= since) return false;
    latest = std::max(latest, m.last_event_ns);
    for (int32_t p : m.owned) {
      if (p < 0 || p >= partitions || ++count[static_cast<size_t>(p)] > 1) return false;
    }
  }
  for (int c : count) {
    if (c != 1) return false;
  }
  *at = latest;
  return true;
}

// The group coordinator exists (and __consumer_offsets with it) before the clock starts, as on any cluster
// that has served a group before.
bool WarmUpCoordinator(const std::string& bootstrap) {
  auto c = client::ClusterClient::Connect(bootstrap, {});
  if (!c.ok()) return false;
  return WaitFor([&] { return (*c)->DescribeGroup("group-bench-warm-up").ok(); }, 60000);
}

bool RunRound(const Args& args, const std::string& bootstrap, const std::string& topic, int partitions,
              const std::string& delay_label, int delay_ms) {
  const std::string group = "group-bench-rebalance-" + std::to_string(::getpid()) + "-" + delay_label;
  const int n = args.members;
  std::vector<Member> members(static_cast<size_t>(n));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false}, stop{false}, failed{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Member& m = members[static_cast<size_t>(i)];
      rd_kafka_conf_t* conf = MakeConf({{"bootstrap.servers", bootstrap},
                                        {"group.id", group},
                                        {"client.id", "member-" + std::to_string(i)},
                                        {"enable.auto.commit", "false"}},
                                       args);
      char err[512];
      rd_kafka_t* rk = nullptr;
      if (conf) {
        rd_kafka_conf_set_rebalance_cb(conf, OnRebalance);
        rd_kafka_conf_set_opaque(conf, &m);
        rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
        if (!rk) rd_kafka_conf_destroy(conf), std::fprintf(stderr, "consumer: %s\n", err);
      }
      if (!rk) {
        failed = true;
        ++ready;
        return;
      }
      rd_kafka_poll_set_consumer(rk);
      ++ready;
      while (!go && !stop) std::this_thread::sleep_for(std::chrono::microseconds(200));
      m.subscribe_ns = NowNs();
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
      rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
      rd_kafka_subscribe(rk, list);
      rd_kafka_topic_partition_list_destroy(list);
      while (!stop && !m.leave) {
        if (rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk, 50)) rd_kafka_message_destroy(msg);
      }
      if (m.leave) m.leave_ns = NowNs();
      rd_kafka_consumer_close(rk);
      rd_kafka_destroy(rk);
    });
  }
  WaitFor([&] { return ready.load() == n; }, 60000, 2);
  // Let every member find the coordinator first (librdkafka starts that as soon as the handle exists).
  std::this_thread::sleep_for(std::chrono::seconds(1));
  go = true;
  std::vector<int> all(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) all[static_cast<size_t>(i)] = i;
  int64_t assigned_at = 0;
  const int timeout_ms = delay_ms * 3 + 60000;
  bool ok = !failed && WaitFor([&] { return Covered(members, all, partitions, 0, &assigned_at); }, timeout_ms, 2);
  int64_t first_sub = INT64_MAX, last_sub = 0;
  for (auto& m : members) {
    first_sub = std::min<int64_t>(first_sub, m.subscribe_ns);
    last_sub = std::max<int64_t>(last_sub, m.subscribe_ns);
  }
  const double join_ms = static_cast<double>(assigned_at - last_sub) / 1e6;
  if (ok) {
    std::printf("delay %s ms: %d members, %d partitions: every member assigned %.0f ms after the last subscribe "
                "(%.0f ms after the first; subscribes spread over %.1f ms); target < delay + 1000 ms: %s\n",
                delay_label.c_str(), n, partitions, join_ms, static_cast<double>(assigned_at - first_sub) / 1e6,
                static_cast<double>(last_sub - first_sub) / 1e6,
                delay_ms < 0 ? "n/a" : (join_ms < delay_ms + 1000 ? "met" : "MISSED"));
  } else {
    std::printf("delay %s ms: the members' assignments never covered all %d partitions once\n", delay_label.c_str(),
                partitions);
  }
  std::fflush(stdout);

  if (ok) {
    // Second rebalance: the last member leaves.
    std::this_thread::sleep_for(std::chrono::seconds(1));
    Member& leaver = members.back();
    leaver.leave = true;
    WaitFor([&] { return leaver.leave_ns.load() != 0; }, 10000, 2);
    const int64_t left = leaver.leave_ns;
    std::vector<int> rest(all.begin(), all.end() - 1);
    int64_t reassigned_at = 0;
    ok = WaitFor([&] { return Covered(members, rest, partitions, left, &reassigned_at); }, 120000, 2);
    if (ok) {
      std::printf("delay %s ms: after member %d left, the other %d own every partition again after %.0f ms\n",
                  delay_label.c_str(), n - 1, n - 1, static_cast<double>(reassigned_at - left) / 1e6);
    } else {
      std::printf("delay %s ms: after one member left, the others never covered every partition\n",
                  delay_label.c_str());
    }
    std::fflush(stdout);
  }
  stop = true;
  for (auto& t : threads) t.join();
  return ok;
}

}  // namespace

int RunRebalance(const Args& args) {
  const int partitions = args.partitions > 0 ? args.partitions : 20;
  // On an existing cluster the delay is whatever it is configured with: one round, labelled so.
  const std::vector<int> delays = args.bootstrap.empty() ? args.delays_ms : std::vector<int>{-1};
  bool ok = true;
  for (int delay : delays) {
    std::map<std::string, std::string> overrides;
    if (delay >= 0) overrides["group.initial.rebalance.delay.ms"] = std::to_string(delay);
    auto target = Target::Open(args, overrides);
    if (!target) return 1;
    const std::string topic = "group-bench-rebalance-" + std::to_string(::getpid());
    if (!CreateTopic(target->bootstrap(), topic, partitions)) return 1;
    if (!WarmUpCoordinator(target->bootstrap())) {
      std::fprintf(stderr, "the group coordinator did not become available\n");
      return 1;
    }
    std::printf("load average: %.2f\n", LoadAverage1());
    ok = RunRound(args, target->bootstrap(), topic, partitions, delay >= 0 ? std::to_string(delay) : "(as configured)",
                  delay) &&
         ok;
  }
  return ok ? 0 : 1;
}

}  // namespace partita::groupbench
