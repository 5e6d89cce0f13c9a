#include "engine/broker/internal_topics.h"

#include "engine/group/group_partition.h"

namespace partita::broker {

bool IsInternalTopic(std::string_view topic) {
  return topic == group::kConsumerOffsetsTopic || topic == kTransactionStateTopic;
}

}  // namespace partita::broker
