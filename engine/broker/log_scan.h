// ScanLogRecords: reads a partition's log from an offset up to a bound (the log end when loading, the high
// watermark when following) and hands every data record to a callback — how the broker's own services replay
// the topics they keep state in (__consumer_offsets, `_schemas`). Control batches and batches older than
// magic 2 are passed over; a batch whose records cannot be decoded is counted in *skipped (a bad record must
// not stop a replay). Returns the offset after the last batch read (the next `from`), or an I/O error.
// Thread safety: reads the log through its thread-safe Read; the callback runs on the caller's thread.
#pragma once

#include <functional>
#include <string>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/log.h"

namespace partita::broker {

Result<Offset> ScanLogRecords(const storage::Log& log, Offset from, Offset end, const std::string& name,
                              const std::function<void(const protocol::Record&)>& fn, size_t* skipped);

}  // namespace partita::broker
