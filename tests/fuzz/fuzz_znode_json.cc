// libFuzzer target: the JSON (and text) of every znode the engine reads from ZooKeeper, which another broker,
// an older Kafka or an operator may have written. The first byte picks the decoder (kafka_znodes.h and
// admin_znodes.h, through znode_json.h); the rest is the znode's data. A znode that decodes is encoded again
// and the encoding must decode too (what we write we can read back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/kafka_znodes.h"

using namespace partita::coordination;

namespace {

template <typename Decode, typename Encode>
void Check(std::string_view text, Decode decode, Encode encode) {
  auto decoded = decode(text);
  if (!decoded.ok()) return;
  const std::string again = encode(decoded.value());
  if (!decode(again).ok()) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 11) {
    case 0:
      return Check(text, [](std::string_view t) { return DecodeBrokerRegistration(1, t); },
                   [](const auto& v) { return EncodeBrokerRegistration(v); }), 0;
    case 1:
      return Check(text, DecodeControllerInfo, [](const auto& v) { return EncodeControllerInfo(v); }), 0;
    case 2:
      return Check(text, DecodeControllerEpoch, [](int32_t v) { return EncodeControllerEpoch(v); }), 0;
    case 3:
      return Check(text, DecodeTopicAssignment, [](const auto& v) { return EncodeTopicAssignment(v); }), 0;
    case 4:
      return Check(text, DecodePartitionState, [](const auto& v) { return EncodePartitionState(v); }), 0;
    case 5:
      return Check(text, DecodeTopicConfig, [](const auto& v) { return EncodeTopicConfig(v); }), 0;
    case 6:
      return Check(text, DecodeClusterId, [](const std::string& v) { return EncodeClusterId(v); }), 0;
    case 7:
      return Check(text, DecodeReassignPartitions, [](const auto& v) { return EncodeReassignPartitions(v); }), 0;
    case 8:
      return Check(text, DecodePartitionList, [](const auto& v) { return EncodePartitionList(v); }), 0;
    case 9:
      return Check(text, DecodeProducerIdBlock, [](const auto& v) { return EncodeProducerIdBlock(v); }), 0;
    default:
      return Check(text, DecodeControlledShutdown, [](const auto& v) { return EncodeControlledShutdown(v); }), 0;
  }
}
