// Reading a partition's own log back — how the broker's services replay the topics they keep state in
// (__consumer_offsets and __transaction_state when this broker becomes their leader, as Kafka's
// loadGroupsAndOffsets / loadTransactionMetadata do; `_schemas` while following it).
// ScanLogBatches hands every batch (header and bytes, header included) from an offset up to a bound in offset
// order; ScanLogRecords hands every data record, passing over control batches and batches older than magic 2
// and counting in *skipped a batch whose records cannot be decoded (a bad record must not stop a replay). A
// malformed region stops the scan at that point rather than spinning. Both return the offset after the last
// batch read (the next `from`), or an I/O error.
// Thread safety: reads the log through its thread-safe Read; the callback runs on the caller's thread.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/log.h"

namespace partita::broker {

using BatchVisitor = std::function<void(const protocol::BatchHeader&, std::span<const uint8_t>)>;

Result<Offset> ScanLogBatches(const storage::Log& log, Offset from, Offset end, const std::string& name,
                              const BatchVisitor& on_batch);

Result<Offset> ScanLogRecords(const storage::Log& log, Offset from, Offset end, const std::string& name,
                              const std::function<void(const protocol::Record&)>& fn, size_t* skipped);

}  // namespace partita::broker
