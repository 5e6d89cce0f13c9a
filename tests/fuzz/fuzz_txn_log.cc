// libFuzzer target: the records of __transaction_state (transactions/txn_log_records.h), which the transaction
// coordinator replays when it gains a partition's leadership, from a log any broker or tool (or a Kafka data dir)
// could have written. The first byte picks the decoder: even the key, odd the value (v0 and the flexible v1).
// Whatever decodes is encoded again and must decode to the same thing (what the coordinator writes after
// loading it, it can read back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "engine/transactions/txn_log_records.h"

using namespace partita::transactions;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::span<const uint8_t> bytes(data + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto id = DecodeTxnLogKey(bytes);
    if (!id.ok()) return 0;
    auto again = DecodeTxnLogKey(EncodeTxnLogKey(*id));
    if (!again.ok() || *again != *id) abort();
    return 0;
  }
  auto value = DecodeTxnLogValue(bytes);
  if (!value.ok()) return 0;
  auto again = DecodeTxnLogValue(EncodeTxnLogValue(*value));
  if (!again.ok()) abort();
  // An Empty transaction is written without partitions (as Kafka does); everything else must survive as read.
  TransactionMetadata expected = *value;
  if (expected.state == TxnState::kEmpty) expected.partitions.clear();
  if (!(*again == expected)) abort();
  return 0;
}
