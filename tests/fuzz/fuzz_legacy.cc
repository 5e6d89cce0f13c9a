// libFuzzer target: legacy message sets (magic 0 and 1) as old producers send them (Produce v0-2).
// Every message is iterated, and the set is converted to a v2 batch as the broker does on append.
// Oracle: a successful conversion is a batch that passes the broker's own deep validation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"

using namespace partita::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr size_t kMaxDecompressed = 4u << 20;
  const std::span<const uint8_t> bytes(data, size);
  (void)ForEachLegacyMessage(bytes, [](const LegacyMessage&) { return true; }, kMaxDecompressed);
  auto v2 = ConvertLegacyToV2(bytes, kMaxDecompressed);
  if (!v2.ok()) return 0;
  ValidationOptions options;
  options.max_batch_bytes = 1 << 30;
  options.max_decompressed_bytes = 1u << 30;
  RecordSetCheck check = ValidateRecordSet(v2.value(), options);
  if (!check.ok()) abort();  // up-conversion wrote a batch the broker itself would refuse
  return 0;
}
