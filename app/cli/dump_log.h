// kafka-dump-log for partita-cli: reads a segment's files directly (no broker) and prints them as Kafka's
// DumpLogSegments does. .log: one line per batch (baseOffset/lastOffset/count/.../position/CreateTime/size/
// magic/compresscodec/crc/isvalid) and, with print_data, one "| offset: ..." line per record with key and
// payload (a control record's "endTxnMarker: COMMIT coordinatorEpoch: N" instead). .index: "offset: O
// position: P"; .timeindex: "timestamp: T offset: O"; .txnindex: "version: V producerId: P firstOffset: F
// lastOffset: L lastStableOffset: S" per aborted transaction. A torn or corrupt tail is
// reported ("Found N invalid bytes at the end of X") and never crashes the tool.
// Options follow kafka-dump-log.sh: --deep-iteration prints each record's metadata, --print-data-log also its
// key and payload (and implies deep iteration), --offsets-decoder decodes __consumer_offsets records and
// --transaction-log-decoder __transaction_state records as JSON (both imply --print-data-log),
// --skip-record-metadata prints only each record's key and payload, --max-bytes stops before the first batch that does not end within that many
// bytes of the .log file, --index-sanity-check checks an index as the broker does on open (and prints no
// entries), --verify-index-only checks each index entry against its .log file (and prints no entries).
// Thread safety: free function; output goes through out, one line per call (without '\n'); problems found
// by the index checks go through out_error (Kafka prints them on stderr).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "engine/common/status.h"

namespace partita::cli {

struct DumpOptions {
  bool print_data = false;
  bool deep_iteration = false;
  bool offsets_decoder = false;
  bool transaction_log_decoder = false;
  bool skip_record_metadata = false;  // print only a record's key and payload
  bool index_sanity_check = false;
  bool verify_index_only = false;
  int64_t max_bytes = INT32_MAX;
  // Kafka's --max-message-size: the most bytes read at an offset index entry's position to find its batch; a
  // larger batch there is reported as a mismatch.
  int64_t max_message_size = 5 * 1024 * 1024;
};

using DumpSink = std::function<void(const std::string&)>;

Status DumpLogFile(const std::string& path, const DumpOptions& options, const DumpSink& out,
                   const DumpSink& out_error);
inline Status DumpLogFile(const std::string& path, bool print_data, const DumpSink& out) {
  return DumpLogFile(path, DumpOptions{.print_data = print_data}, out, out);
}

// The --offsets-decoder text of one __consumer_offsets record: `key: {...} payload: {...}` in the JSON of
// Kafka's OffsetsMessageParser (payload <DELETE> for a tombstone), or a message saying why it cannot be read.
std::string DecodeConsumerOffsetsRecord(std::span<const uint8_t> key, const std::optional<std::span<const uint8_t>>& value);
// The --transaction-log-decoder text of one __transaction_state record, in the same form.
std::string DecodeTransactionLogRecord(std::span<const uint8_t> key, const std::optional<std::span<const uint8_t>>& value);

}  // namespace partita::cli
