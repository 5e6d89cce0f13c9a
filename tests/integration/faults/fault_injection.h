// Fault-injection glue of the faults suite, on top of the cluster tests' ClusterUnderTest (3 partita-broker
// processes + a real ZooKeeper): pausing and resuming processes (SIGSTOP/SIGCONT), finding the cluster's
// ZooKeeper process, cutting the tail of a killed broker's log (lost unflushed data), asking one chosen broker for
// metadata (never a paused one: a stopped process accepts TCP but never answers), and reading every replica's
// record batches from disk with the engine's BatchScanner to prove the replicas byte-identical up to the high
// watermark.
// Ownership: ResumeOnExit owns nothing but the pids it will SIGCONT. Thread safety: none; one test thread.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/cluster/local_cluster.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/batch_scanner.h"
#include "tests/integration/cluster/cluster_itest_util.h"

namespace partita::itest {

inline pid_t BrokerPid(const cluster::LocalCluster& c, int id) {
  for (const auto& b : c.Brokers())
    if (b.id == id) return b.pid;
  return -1;
}

inline int BrokerPort(const cluster::LocalCluster& c, int id) {
  for (const auto& b : c.Brokers())
    if (b.id == id) return b.port;
  return -1;
}

// SIGCONTs every pid it paused when it goes out of scope, so a failed check never leaves a process stopped (a
// stopped broker would hang the cluster's clean shutdown).
class ResumeOnExit {
 public:
  ResumeOnExit() = default;
  ResumeOnExit(const ResumeOnExit&) = delete;
  ResumeOnExit& operator=(const ResumeOnExit&) = delete;
  ~ResumeOnExit() {
    for (pid_t pid : paused_) ::kill(pid, SIGCONT);
  }
  void Pause(pid_t pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGSTOP);
    paused_.insert(pid);
  }
  void Resume(pid_t pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGCONT);
    paused_.erase(pid);
  }

 private:
  std::set<pid_t> paused_;
};

// The java process serving this cluster's ZooKeeper (its command line names <cluster_dir>/zookeeper/zoo.cfg),
// or -1. LocalCluster keeps the pid private; /proc tells it without touching the engine.
inline pid_t ZooKeeperPid(const QString& cluster_dir) {
  const QByteArray cfg = (cluster_dir + "/zookeeper/zoo.cfg").toUtf8();
  for (const QString& entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    bool numeric = false;
    const pid_t pid = entry.toInt(&numeric);
    if (!numeric) continue;
    QFile f("/proc/" + entry + "/cmdline");
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QByteArray cmd = f.readAll();
    if (cmd.contains("QuorumPeerMain") && cmd.contains(cfg)) return pid;
  }
  return -1;
}

// Metadata from one broker only (host:port), with short timeouts.
inline std::optional<client::ClusterMetadata> MetadataFrom(const std::string& address) {
  client::ClientOptions options;
  options.connection.connect_timeout_ms = 3000;
  options.connection.request_timeout_ms = 5000;
  options.controller_retry_ms = 0;
  return MetadataAt(address, options);
}

inline std::optional<client::PartitionInfo> FindPartition(const client::ClusterMetadata& md, const std::string& topic,
                                                          int partition) {
  const client::TopicInfo* t = md.FindTopic(topic);
  if (!t) return std::nullopt;
  for (const auto& p : t->partitions)
    if (p.partition == partition) return p;
  return std::nullopt;
}

// One record batch as stored in a replica's segment file.
struct DiskBatch {
  protocol::BatchHeader header;
  QByteArray bytes;  // the whole batch, baseOffset to the last record byte
  QString file;
  int64_t position = 0;
};

struct ReplicaLog {
  std::vector<DiskBatch> batches;  // in offset order, across segments
  QString tail_error;              // set when a segment ends in bytes that are not a whole batch (a torn tail)
  int64_t LogEnd() const { return batches.empty() ? 0 : batches.back().header.last_offset() + 1; }
};

inline QString PartitionDir(const QString& broker_log_dir, const QString& topic, int partition) {
  return broker_log_dir + "/" + topic + "-" + QString::number(partition);
}

// The segment files of a partition replica, by base offset (Kafka names them by base offset, zero-padded).
inline QStringList SegmentFiles(const QString& partition_dir) {
  QStringList logs;
  for (const QString& name : QDir(partition_dir).entryList(QDir::Files, QDir::Name))
    if (name.endsWith(".log")) logs << partition_dir + "/" + name;
  return logs;
}

// Every batch of a replica, read with the engine's BatchScanner (headers) plus the raw bytes.
inline ReplicaLog ReadReplica(const QString& partition_dir) {
  ReplicaLog out;
  for (const QString& path : SegmentFiles(partition_dir)) {
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      out.tail_error = "cannot open " + path;
      continue;
    }
    const int64_t size = ::lseek(fd, 0, SEEK_END);
    storage::BatchScanner scanner(fd, 0, size);
    while (scanner.Next()) {
      DiskBatch b;
      b.header = scanner.header();
      b.file = path;
      b.position = scanner.position();
      b.bytes.resize(qsizetype(b.header.total_size()));
      if (::pread(fd, b.bytes.data(), size_t(b.bytes.size()), b.position) != ssize_t(b.bytes.size())) break;
      out.batches.push_back(std::move(b));
    }
    if (!scanner.status().ok()) out.tail_error = path + ": " + QString::fromStdString(scanner.status().ToString());
    ::close(fd);
  }
  return out;
}

// A crash that loses the unflushed end of the log (power loss): cuts the replica's log at the start of the batch
// holding from_offset (that segment is truncated there, later segments are removed). Returns the records removed.
inline Result<int64_t> CutLogTail(const QString& partition_dir, int64_t from_offset) {
  const ReplicaLog log = ReadReplica(partition_dir);
  for (const DiskBatch& b : log.batches) {
    if (b.header.last_offset() < from_offset) continue;
    const int64_t removed = log.LogEnd() - b.header.base_offset;
    if (::truncate(b.file.toLocal8Bit().constData(), b.position) != 0)
      return Status::IOError("truncate " + b.file.toStdString() + " failed");
    for (const QString& path : SegmentFiles(partition_dir)) {
      if (path > b.file) QFile::remove(path);  // zero-padded names sort by base offset
    }
    return removed;
  }
  return Status::NotFound("no batch at or after offset " + std::to_string(from_offset) + " in " +
                          partition_dir.toStdString());
}

// Empty when every replica holds exactly the same batches (same bytes: offsets, leader epochs, producer ids,
// CRCs, records) below hw; otherwise the first difference per replica. Segment boundaries and the bytes past the
// high watermark legitimately differ and are ignored.
inline QString CompareReplicas(const std::map<int, ReplicaLog>& replicas, int64_t hw) {
  QString problems;
  auto below_hw = [hw](const ReplicaLog& r) {
    std::vector<const DiskBatch*> out;
    for (const DiskBatch& b : r.batches)
      if (b.header.base_offset < hw) out.push_back(&b);
    return out;
  };
  if (replicas.empty()) return "no replica to compare";
  const auto& [ref_id, ref_log] = *replicas.begin();
  const auto ref = below_hw(ref_log);
  for (const auto& [id, log] : replicas) {
    if (log.LogEnd() < hw)
      problems +=
          QString("\n  broker %1: log ends at %2, below the high watermark %3").arg(id).arg(log.LogEnd()).arg(hw);
    if (id == ref_id) continue;
    const auto mine = below_hw(log);
    const size_t n = std::min(ref.size(), mine.size());
    for (size_t i = 0; i < n; ++i) {
      if (ref[i]->bytes == mine[i]->bytes) continue;
      const auto& a = ref[i]->header;
      const auto& b = mine[i]->header;
      problems += QString(
                      "\n  broker %1 vs broker %2: first different batch: offsets %3-%4 epoch %5 crc %6 vs "
                      "offsets %7-%8 epoch %9 crc %10")
                      .arg(ref_id)
                      .arg(id)
                      .arg(a.base_offset)
                      .arg(a.last_offset())
                      .arg(a.partition_leader_epoch)
                      .arg(a.crc)
                      .arg(b.base_offset)
                      .arg(b.last_offset())
                      .arg(b.partition_leader_epoch)
                      .arg(b.crc);
      break;
    }
    if (ref.size() != mine.size())
      problems += QString("\n  broker %1 holds %2 batches below the high watermark, broker %3 holds %4")
                      .arg(ref_id)
                      .arg(ref.size())
                      .arg(id)
                      .arg(mine.size());
  }
  if (!problems.isEmpty()) {
    for (const auto& [id, log] : replicas)
      if (!log.tail_error.isEmpty()) problems += QString("\n  broker %1: %2").arg(id).arg(log.tail_error);
  }
  return problems;
}

}  // namespace partita::itest
