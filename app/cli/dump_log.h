// kafka-dump-log for partita-cli: reads a segment's files directly (no broker) and prints them as Kafka's
// DumpLogSegments does. .log: one line per batch (baseOffset/lastOffset/count/.../position/CreateTime/size/
// magic/compresscodec/crc/isvalid) and, with print_data, one "| offset: ..." line per record with key and
// payload (a control record's "endTxnMarker: COMMIT coordinatorEpoch: N" instead). .index: "offset: O
// position: P"; .timeindex: "timestamp: T offset: O"; .txnindex: "version: V producerId: P firstOffset: F
// lastOffset: L lastStableOffset: S" per aborted transaction. A torn or corrupt tail is
// reported ("Found N invalid bytes at the end of X") and never crashes the tool.
// Thread safety: free function; output goes through emit, one line per call (without '\n').
#pragma once

#include <functional>
#include <string>

#include "engine/common/status.h"

namespace partita::cli {

Status DumpLogFile(const std::string& path, bool print_data, const std::function<void(const std::string&)>& emit);

}  // namespace partita::cli
