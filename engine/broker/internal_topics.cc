#include "engine/broker/internal_topics.h"

#include <algorithm>
#include <random>

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/replica_assignment.h"
#include "engine/coordination/zk_client.h"
#include "engine/coordination/zk_paths.h"
#include "engine/group/group_partition.h"

namespace partita::broker {

bool IsInternalTopic(std::string_view topic) {
  return topic == group::kConsumerOffsetsTopic || topic == kTransactionStateTopic;
}


}  // namespace partita::broker
