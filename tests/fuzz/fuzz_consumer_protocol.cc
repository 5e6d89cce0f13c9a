// libFuzzer target: the opaque group blobs other parties write. The first byte picks the parser:
//   0 the consumer Subscription (JoinGroup metadata) as the client decodes it (client/consumer_protocol.h),
//   1 the consumer Assignment (SyncGroup), 2 the subscription's topics as the group coordinator reads them,
//   3 a __consumer_offsets key, 4 an offset-commit value, 5 a group-metadata value (group/group_records.h;
//   the broker loads these at startup from a log any client could once write to).
// Values that decode are encoded again and must decode (what we write we can read back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "engine/client/consumer_protocol.h"
#include "engine/group/group_records.h"

using namespace partita;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::span<const uint8_t> bytes(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0: (void)client::DecodeConsumerSubscription(bytes); break;
    case 1: (void)client::DecodeConsumerAssignment(bytes); break;
    case 2: (void)group::ParseConsumerSubscriptionTopics(bytes); break;
    case 3: (void)group::DecodeConsumerOffsetsKey(bytes); break;
    case 4: {
      auto v = group::DecodeOffsetCommitValue(bytes);
      if (v.ok() && !group::DecodeOffsetCommitValue(group::EncodeOffsetCommitValue(v.value())).ok()) abort();
      break;
    }
    default: {
      auto v = group::DecodeGroupMetadataValue(bytes);
      if (v.ok() && !group::DecodeGroupMetadataValue(group::EncodeGroupMetadataValue(v.value())).ok()) abort();
      break;
    }
  }
  return 0;
}
