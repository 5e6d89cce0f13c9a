#include "engine/broker/handlers/describe_log_dirs_handler.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/storage/log.h"
#include "engine/storage/log_manager.h"

namespace partita::broker {

using protocol::DescribeLogDirsResponse;
using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// The log dir holding a partition directory (<log dir>/<topic>-<partition>), or empty.
std::string LogDirOf(const std::vector<std::string>& dirs, const TopicPartition& tp, const std::string& path) {
  for (const auto& d : dirs) {
    if (path == d + "/" + tp.DirName()) return d;
  }
  const auto slash = path.find_last_of('/');
  const std::string parent = slash == std::string::npos ? std::string() : path.substr(0, slash);
  for (const auto& d : dirs) {
    std::string trimmed = d;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    if (parent == trimmed) return d;
  }
  return {};
}

}  // namespace

void DescribeLogDirsHandler::Process(const RequestContext& ctx, const protocol::DescribeLogDirsRequest& request,
                                     Done done) {
  Broker& broker = *ctx.broker;
  if (!AuthorizedCluster(ctx, AclOperation::kDescribe)) {
    // Kafka answers no log dirs, and from v3 the error too.
    DescribeLogDirsResponse response;
    response.error_code = Wire(ErrorCode::kClusterAuthorizationFailed);
    return done(std::move(response));
  }
  std::optional<std::set<TopicPartition>> wanted;
  if (request.topics) {
    wanted.emplace();
    for (const auto& t : *request.topics) {
      for (int32_t p : t.partitions) wanted->insert({t.topic, PartitionId(p)});
    }
  }
  const std::vector<std::string>& dirs = broker.config().log_dirs();
  // dir -> topic -> partitions, in name order.
  std::map<std::string, std::map<std::string, std::vector<DescribeLogDirsResponse::Partition>>> by_dir;
  for (const auto& [tp, log] : broker.logs().AllLogs()) {
    if (wanted && !wanted->count(tp)) continue;
    const std::string dir = LogDirOf(dirs, tp, log->dir());
    if (dir.empty()) continue;
    DescribeLogDirsResponse::Partition out;
    out.partition_index = tp.partition.value;
    out.partition_size = log->SizeInBytes();
    if (auto partition = broker.replicas().Get(tp)) {
      out.offset_lag = std::max<int64_t>(0, partition->HighWatermark().value - partition->LogEndOffset().value);
    }
    by_dir[dir][tp.topic].push_back(out);
  }

  DescribeLogDirsResponse response;
  for (const auto& dir : dirs) {
    auto& result = response.results.emplace_back();
    result.log_dir = dir;
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0) {
      result.error_code = Wire(ErrorCode::kKafkaStorageError);
      continue;
    }
    result.total_bytes = static_cast<int64_t>(fs.f_blocks) * static_cast<int64_t>(fs.f_frsize);
    result.usable_bytes = static_cast<int64_t>(fs.f_bavail) * static_cast<int64_t>(fs.f_frsize);
    for (auto& [topic, partitions] : by_dir[dir]) result.topics.push_back({topic, std::move(partitions)});
  }
  done(std::move(response));
}

}  // namespace partita::broker
