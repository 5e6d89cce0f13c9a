// Record-level timestamp search inside one batch on disk, for ListOffsets by timestamp: Kafka answers the
// first record (not batch) whose timestamp is >= the target. Uncompressed CreateTime batches are walked
// record by record (varint headers only); LogAppendTime batches stamp every record with the batch's max
// timestamp. Compressed CreateTime batches are not decompressed here: the answer is the batch's first
// offset at or after starting_offset with the batch's max timestamp, which may return a few earlier records
// but never skips one. Disk bytes are untrusted: malformed records give Corruption.
// Thread safety: stateless.
#pragma once

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/log_config.h"

namespace partita::storage {

Result<OffsetAndTimestamp> FindRecordAtOrAfter(int fd, int64_t batch_position, const protocol::BatchHeader& h,
                                               int64_t target_timestamp, int64_t starting_offset);

}  // namespace partita::storage
