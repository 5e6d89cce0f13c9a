// libFuzzer target: a record set (concatenated v2 batches, as in a Produce request or a segment). Validated
// as a client's batches and as batches read back from a log, shallow and deep; every batch that passes is
// iterated, and the raw bytes are also iterated without validation (ForEachRecord promises a Corruption
// status, not a crash, whatever the bytes). Down-conversion for old consumers reads the same bytes.
// Oracle: a deep validation that passes means ForEachRecord succeeds on every accepted batch.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"

using namespace partita;
using namespace partita::protocol;

namespace {
constexpr size_t kMaxDecompressed = 4u << 20;  // keeps a decompression bomb cheap for the fuzzer
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  std::vector<uint8_t> scratch;
  for (bool client_origin : {true, false}) {
    ValidationOptions options;
    options.client_origin = client_origin;
    options.require_keys = !client_origin;
    options.max_decompressed_bytes = kMaxDecompressed;
    options.now_ms = 1700000000000;
    options.timestamp_before_max_ms = 3600000;
    options.timestamp_after_max_ms = 3600000;
    RecordSetCheck check = ValidateRecordSet(bytes, options);
    if (!check.ok()) continue;
    for (const BatchInfo& batch : check.batches) {
      int64_t n = 0;
      Status s = ForEachRecord(bytes.subspan(batch.position, batch.header.total_size()), &scratch,
                               [&](const Record&) { return ++n >= 0; }, kMaxDecompressed);
      if (!s.ok()) abort();  // deep validation accepted what iteration cannot read
    }
  }
  ValidationOptions shallow;
  shallow.deep = false;
  shallow.max_decompressed_bytes = kMaxDecompressed;
  (void)ValidateRecordSet(bytes, shallow);
  (void)ForEachRecord(bytes, &scratch, [](const Record&) { return true; }, kMaxDecompressed);
  (void)DownConvertToV1(bytes, size % 2 == 0, kMaxDecompressed);
  return 0;
}
