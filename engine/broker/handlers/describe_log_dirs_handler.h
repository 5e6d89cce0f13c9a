// DescribeLogDirs (key 35), versions 0-4: this broker's log dirs (log.dirs) with the partitions stored in each —
// size on disk, offset lag (Kafka's max(0, HW - LEO): 0 on leaders, and on followers too since their HW never
// passes their LEO; there are no future replicas, so is_future is always false). Null topics = every partition.
// v3+ carries a top-level error code (always 0), v4 each dir's total and usable bytes (statvfs); a dir that
// cannot be read is reported with KAFKA_STORAGE_ERROR.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/describe_log_dirs.h"

namespace partita::broker {

class DescribeLogDirsHandler
    : public ApiHandler<protocol::DescribeLogDirsRequest, protocol::DescribeLogDirsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeLogDirsRequest& request, Done done) override;
};

}  // namespace partita::broker
