// partita-recovery-bench: how long a broker's logs take to come back after kill -9 (issue 9).
//
// A child process opens a LogManager on --dir exactly as partita-broker does (background checkpoint thread
// running), creates --partitions partition logs with --segment-bytes segments and appends 64 KiB record
// batches (64 records of 1 KiB, valid CRC) round-robin until --gib GiB are written; it then keeps appending and
// the parent kill -9s it mid-write. The parent (optionally after dropping the page cache, --drop-caches, root
// only) then measures what a restarted broker does before it can serve: LogManager::Open over the crash image
// (recovery from each log's checkpointed recovery point) and one read at the last offset of every partition.
// A second measurement (--also-without-recovery-point) reopens the same image with the recovery-point
// checkpoint removed: the full scan the broker did before recovery points were checkpointed on roll.
// Not a test: it measures and prints; exit status 1 only if the run could not complete. The data is deleted
// at the end unless --keep.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log_manager.h"
#include "tests/bench/common/bench_util.h"

namespace {

using namespace partita;
using namespace partita::storage;
using partita::bench::NowNs;

struct Args {
  std::string dir;
  int partitions = 100;
  double gib = 10;
  int64_t segment_bytes = 1LL << 30;
  bool drop_caches = false;
  bool without_recovery_point = false;
  bool keep = false;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: partita-recovery-bench --dir DIR [--partitions 100] [--gib 10] [--segment-bytes 1073741824]\n"
               "       [--drop-caches] [--also-without-recovery-point] [--keep]\n");
  std::exit(2);
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage();
      return argv[++i];
    };
    if (k == "--dir") a.dir = value();
    else if (k == "--partitions") a.partitions = std::stoi(value());
    else if (k == "--gib") a.gib = std::stod(value());
    else if (k == "--segment-bytes") a.segment_bytes = std::stoll(value());
    else if (k == "--drop-caches") a.drop_caches = true;
    else if (k == "--also-without-recovery-point") a.without_recovery_point = true;
    else if (k == "--keep") a.keep = true;
    else Usage();
  }
  if (a.dir.empty() || a.partitions < 1 || a.gib <= 0 || a.segment_bytes < (1 << 20)) Usage();
  return a;
}

LogManagerConfig ManagerConfig(const Args& a) {
  LogManagerConfig mc;
  mc.log_dirs = {a.dir};
  mc.broker_id = 1;
  mc.cluster_id = "recovery-bench";
  mc.cleaner_enable = false;
  mc.default_log_config.segment_bytes = static_cast<int32_t>(a.segment_bytes);
  return mc;
}

TopicPartition Tp(int p) { return {"bench", PartitionId(p)}; }

std::vector<uint8_t> SampleBatch() {
  protocol::BatchBuilder b(protocol::BatchBuilder::Options{});
  const std::vector<uint8_t> value(1024, 'v');
  const int64_t now = WallClockMs();
  for (int i = 0; i < 64; ++i) {
    const std::string key = "key-" + std::to_string(i);
    b.Append(now, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key.data()), key.size()), value);
  }
  auto built = b.Build();
  if (!built.ok()) std::abort();
  return *built;
}

// The child: write until the target, tell the parent, keep writing until killed.
[[noreturn]] void Writer(const Args& a, int ready_fd) {
  auto mgr = LogManager::Open(ManagerConfig(a));
  if (!mgr.ok()) {
    std::fprintf(stderr, "writer: %s\n", mgr.status().ToString().c_str());
    std::_Exit(1);
  }
  (*mgr)->Start();
  std::vector<std::shared_ptr<Log>> logs;
  for (int p = 0; p < a.partitions; ++p) {
    auto log = (*mgr)->GetOrCreateLog(Tp(p), ManagerConfig(a).default_log_config);
    if (!log.ok()) std::_Exit(1);
    logs.push_back(*log);
  }
  const std::vector<uint8_t> batch = SampleBatch();
  const int64_t target = static_cast<int64_t>(a.gib * (1LL << 30));
  int64_t written = 0;
  bool told = false;
  for (;;) {
    for (auto& log : logs) {
      if (!log->AppendAsLeader(batch, LeaderEpoch(0)).ok()) std::_Exit(1);
      written += static_cast<int64_t>(batch.size());
    }
    if (!told && written >= target) {
      const char c = 'w';
      if (::write(ready_fd, &c, 1) != 1) std::_Exit(1);
      told = true;
    }
  }
}

struct Measure {
  double open_s = 0;
  double serve_s = 0;
  int64_t log_bytes = 0;
  int64_t segments = 0;
  int64_t bytes_after_recovery_point = 0;  // what recovery re-validates
  int64_t truncated = 0;
  int64_t offsets = 0;
};

Measure Restart(const Args& a) {
  Measure m;
  // What the checkpoint lets recovery skip: bytes in segments from the one holding each recovery point on.
  auto rps = ReadOffsetCheckpoint(a.dir + "/" + kRecoveryPointCheckpointFile);
  for (int p = 0; p < a.partitions; ++p) {
    const std::string pdir = a.dir + "/" + Tp(p).DirName();
    const int64_t rp = rps.ok() && rps->count(Tp(p)) ? rps->at(Tp(p)) : 0;
    std::vector<std::pair<int64_t, int64_t>> segs;  // base, bytes
    for (const auto& e : std::filesystem::directory_iterator(pdir)) {
      const int64_t base = ParseSegmentBaseOffset(e.path().filename().string(), kLogSuffix);
      if (base >= 0) segs.emplace_back(base, static_cast<int64_t>(e.file_size()));
    }
    std::sort(segs.begin(), segs.end());
    size_t first = 0;
    for (size_t i = 0; i < segs.size(); ++i)
      if (segs[i].first <= rp) first = i;
    for (size_t i = 0; i < segs.size(); ++i) {
      m.log_bytes += segs[i].second;
      if (i >= first) m.bytes_after_recovery_point += segs[i].second;
    }
    m.segments += static_cast<int64_t>(segs.size());
  }
  const int64_t t0 = NowNs();
  auto mgr = LogManager::Open(ManagerConfig(a));
  if (!mgr.ok()) {
    std::fprintf(stderr, "open: %s\n", mgr.status().ToString().c_str());
    std::exit(1);
  }
  const int64_t t1 = NowNs();
  for (int p = 0; p < a.partitions; ++p) {
    auto log = (*mgr)->GetLog(Tp(p));
    if (!log) std::exit(1);
    const int64_t leo = log->LogEndOffset().value;
    auto r = log->Read(Offset(leo - 1), 1 << 20, Offset(INT64_MAX), true);
    if (!r.ok() || r->bytes <= 0) {
      std::fprintf(stderr, "read of partition %d at %lld failed\n", p, static_cast<long long>(leo - 1));
      std::exit(1);
    }
    m.truncated += log->bytes_truncated_by_recovery();
    m.offsets += leo;
  }
  const int64_t t2 = NowNs();
  m.open_s = (t1 - t0) / 1e9;
  m.serve_s = (t2 - t0) / 1e9;
  (void)(*mgr)->Shutdown(false);  // no clean-shutdown marker: the image stays "crashed" for a second run
  return m;
}

void DropCaches() {
  ::sync();
  std::ofstream f("/proc/sys/vm/drop_caches");
  f << "3\n";
  if (!f) std::fprintf(stderr, "cannot drop the page cache (needs root); measuring with a warm cache\n");
}

void Print(const char* what, const Measure& m) {
  const double gib = 1.0 / (1LL << 30);
  std::printf("%s: open (recovery) %.2f s, serving every partition after %.2f s; %.2f GiB in %lld segments, "
              "%.2f GiB re-validated (after the recovery points), %lld bytes truncated, %lld offsets\n",
              what, m.open_s, m.serve_s, m.log_bytes * gib, static_cast<long long>(m.segments),
              m.bytes_after_recovery_point * gib, static_cast<long long>(m.truncated),
              static_cast<long long>(m.offsets));
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = Parse(argc, argv);
  std::error_code ec;
  std::filesystem::remove_all(a.dir, ec);
  std::filesystem::create_directories(a.dir);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return 1;
  const int64_t w0 = NowNs();
  const pid_t child = ::fork();
  if (child < 0) return 1;
  if (child == 0) {
    ::close(pipe_fds[0]);
    Writer(a, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  char c = 0;
  const bool ready = ::read(pipe_fds[0], &c, 1) == 1;
  const double write_s = (NowNs() - w0) / 1e9;
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!ready) {
    std::fprintf(stderr, "the writer failed before reaching the target\n");
    return 1;
  }
  std::printf("wrote %.1f GiB into %d partitions (segment.bytes %lld) in %.1f s (%.0f MiB/s), then kill -9 "
              "mid-write\n",
              a.gib, a.partitions, static_cast<long long>(a.segment_bytes), write_s, a.gib * 1024 / write_s);
  if (a.drop_caches) DropCaches();
  Print("restart", Restart(a));
  if (a.without_recovery_point) {
    std::filesystem::remove(a.dir + "/" + kRecoveryPointCheckpointFile, ec);
    if (a.drop_caches) DropCaches();
    Print("restart without recovery-point-offset-checkpoint (full scan)", Restart(a));
  }
  if (!a.keep) std::filesystem::remove_all(a.dir, ec);
  return 0;
}
