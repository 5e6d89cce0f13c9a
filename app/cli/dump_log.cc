#include "app/cli/dump_log.h"

#include <filesystem>
#include <vector>

#include "app/cli/cli_format.h"
#include "app/cli/log_files.h"
#include "engine/protocol/control_record.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/transaction_index.h"

namespace partita::cli {

namespace {

// A data record's line: its metadata unless skipped, then (printing data) its key and payload, decoded by the
// internal topic's decoder when one was asked for.
std::string RecordLine(const protocol::BatchHeader& h, const protocol::Record& r, const DumpOptions& options,
                       bool print_data) {
  std::string line = options.skip_record_metadata ? std::string() : FormatDumpRecordLine(h, r, false);
  if (!print_data) return line;
  if (options.offsets_decoder && r.key) return line + " " + DecodeConsumerOffsetsRecord(*r.key, r.value);
  if (options.transaction_log_decoder && r.key) return line + " " + DecodeTransactionLogRecord(*r.key, r.value);
  return line + FormatDumpRecordData(r);
}

Status DumpSegment(const LogFileReader& reader, const DumpOptions& options, const DumpSink& emit) {
  // Kafka's DumpLogSegments: the decoders print data, printing data iterates deeply.
  const bool print_data = options.print_data || options.offsets_decoder || options.transaction_log_decoder;
  const bool deep = options.deep_iteration || print_data;
  const std::string& path = reader.path();
  emit("Log starting offset: " + std::to_string(BaseOffsetFromFileName(path)));
  std::vector<uint8_t> scratch;
  auto scan = reader.ScanBatches(0, deep, [&](const LogFileBatch& b, std::span<const uint8_t> body) {
    // --max-bytes: Kafka slices the file to that many bytes, so only batches ending within it are read.
    if (static_cast<int64_t>(b.position + b.size) > options.max_bytes) return false;
    if (b.magic != protocol::kMagicV2) {
      emit("offset: " + std::to_string(b.header.base_offset) + " position: " + std::to_string(b.position) +
           " size: " + std::to_string(b.size) + " magic: " + std::to_string(b.magic) +
           " (legacy message format: records not decoded)");
      return true;
    }
    emit(FormatDumpBatchLine(b.header, b.position, b.crc_valid));
    if (deep && b.crc_valid) {
      Status st = protocol::ForEachRecord(body, &scratch, [&](const protocol::Record& r) {
        if (!b.header.control()) {
          emit(RecordLine(b.header, r, options, print_data));
          return true;
        }
        if (options.skip_record_metadata) return true;  // a marker is metadata only
        // Kafka's DumpLogSegments prints a control record's marker instead of its key and payload.
        std::string line = FormatDumpRecordLine(b.header, r, false);
        auto marker = protocol::DecodeEndTxnMarker(r.key, r.value);
        if (marker.ok()) {
          line += " endTxnMarker: " + std::string(protocol::ControlRecordTypeName(marker->type)) +
                  " coordinatorEpoch: " + std::to_string(marker->coordinator_epoch);
        } else {
          line += " controlType: unreadable (" + marker.status().message() + ")";
        }
        emit(line);
        return true;
      });
      if (!st.ok()) emit("Could not decode the records of the batch at position " + std::to_string(b.position) +
                         ": " + st.message());
    }
    return true;
  });
  if (!scan.ok()) return scan.status();
  if (scan->invalid_tail_bytes > 0) {
    emit("Found " + std::to_string(scan->invalid_tail_bytes) + " invalid bytes at the end of " +
         std::filesystem::path(path).filename().string());
  }
  return Status::Ok();
}

// The .log file next to an index: same base name.
std::string LogFileOf(const std::string& index_path) {
  return std::filesystem::path(index_path).replace_extension(".log").string();
}

struct BatchSpan {
  uint64_t position = 0;
  int64_t base_offset = 0;
  int64_t last_offset = 0;
  int64_t max_timestamp = -1;
  uint64_t size = 0;
};

Result<std::vector<BatchSpan>> ReadBatchSpans(const std::string& log_path) {
  auto reader = LogFileReader::Open(log_path);
  if (!reader.ok()) return reader.status();
  std::vector<BatchSpan> out;
  auto scan = reader->ScanBatches(0, false, [&](const LogFileBatch& b, std::span<const uint8_t>) {
    out.push_back({b.position, b.header.base_offset, b.header.last_offset(),
                   b.magic == protocol::kMagicV2 ? b.header.max_timestamp : -1, b.size});
    return true;
  });
  if (!scan.ok()) return scan.status();
  return out;
}

// --index-sanity-check: the rules the broker applies when it opens a segment's index (Kafka's sanityCheck):
// offsets strictly increasing from the base offset, positions non-decreasing within the .log file; time
// index timestamps strictly increasing with offsets non-decreasing from the base offset.
Status SanityCheckIndex(const std::string& path, bool time_index, const DumpSink& emit) {
  const int64_t base = BaseOffsetFromFileName(path);
  std::string problem;
  if (!time_index) {
    auto entries = ReadOffsetIndexFile(path);
    if (!entries.ok()) return entries.status();
    std::error_code ec;
    const auto log_size = std::filesystem::file_size(LogFileOf(path), ec);
    int64_t prev_offset = base - 1, prev_position = 0;
    for (const auto& e : *entries) {
      if (e.offset <= prev_offset) {
        problem = "offset " + std::to_string(e.offset) + " is not above the previous entry's " +
                  std::to_string(prev_offset) + " (base offset " + std::to_string(base) + ")";
      } else if (e.position < prev_position) {
        problem = "position " + std::to_string(e.position) + " of offset " + std::to_string(e.offset) +
                  " is below the previous entry's " + std::to_string(prev_position);
      } else if (!ec && static_cast<uint64_t>(e.position) > log_size) {
        problem = "position " + std::to_string(e.position) + " of offset " + std::to_string(e.offset) +
                  " is beyond the end of the log file (" + std::to_string(log_size) + " bytes)";
      }
      if (!problem.empty()) break;
      prev_offset = e.offset;
      prev_position = e.position;
    }
  } else {
    auto entries = ReadTimeIndexFile(path);
    if (!entries.ok()) return entries.status();
    int64_t prev_ts = -1, prev_offset = base;
    bool first = true;
    for (const auto& e : *entries) {
      if (!first && e.timestamp <= prev_ts) {
        problem = "timestamp " + std::to_string(e.timestamp) + " is not above the previous entry's " +
                  std::to_string(prev_ts);
      } else if (e.offset < prev_offset) {
        problem = "offset " + std::to_string(e.offset) + " is below " + std::to_string(prev_offset);
      }
      if (!problem.empty()) break;
      first = false;
      prev_ts = e.timestamp;
      prev_offset = e.offset;
    }
  }
  if (problem.empty()) {
    emit(path + " passed sanity check.");
  } else {
    emit("Found a corrupted index file corresponding to log file " + LogFileOf(path) + " due to " + problem +
         ", skipping the check for the rest of the index");
  }
  return Status::Ok();
}

// Prints an index (unless verify_only) and checks each entry against the .log file as Kafka's dumpIndex /
// dumpTimeIndex do: an offset entry must point at a batch holding its offset, a time entry's offset must be in
// a batch whose max timestamp is the entry's; offsets must increase. Problems go to emit_error.
Status DumpIndex(const std::string& path, bool time_index, bool print_entries, int64_t max_message_size,
                 const DumpSink& emit, const DumpSink& emit_error) {
  // Without its .log file an index can still be printed, but not checked.
  const bool have_log = std::filesystem::exists(LogFileOf(path));
  if (!have_log && !print_entries) return Status::NotFound("cannot verify " + path + ": " + LogFileOf(path) + " is missing");
  auto batches = have_log ? ReadBatchSpans(LogFileOf(path)) : Result<std::vector<BatchSpan>>(std::vector<BatchSpan>{});
  if (!batches.ok()) return batches.status();
  auto batch_holding = [&](int64_t offset) -> const BatchSpan* {
    for (const auto& b : *batches)
      if (b.base_offset <= offset && offset <= b.last_offset) return &b;
    return nullptr;
  };
  std::vector<std::string> mismatches, non_consecutive;
  if (!time_index) {
    auto entries = ReadOffsetIndexFile(path);
    if (!entries.ok()) return entries.status();
    int64_t prev = -1;
    bool first = true;
    for (const auto& e : *entries) {
      const BatchSpan* at = nullptr;
      for (const auto& b : *batches)
        if (static_cast<int64_t>(b.position) == e.position) at = &b;
      // Kafka writes (largest offset of an append, position of its first batch): the batch found there
      // starts at or below the entry's offset.
      if (have_log && at && static_cast<int64_t>(at->size) > max_message_size) {
        // Kafka's dumpIndex reads max-message-size bytes at the entry's position and finds no whole batch there.
        mismatches.push_back("  Index offset: " + std::to_string(e.offset) + ", the batch at position " +
                             std::to_string(e.position) + " is " + std::to_string(at->size) +
                             " bytes, larger than --max-message-size " + std::to_string(max_message_size));
      } else if (have_log && (!at || at->base_offset > e.offset || (!first && at->base_offset <= prev))) {
        mismatches.push_back("  Index offset: " + std::to_string(e.offset) +
                             ", log offset: " + (at ? std::to_string(at->last_offset) : std::string("none")));
      }
      if (!first && e.offset <= prev) {
        non_consecutive.push_back("  " + std::to_string(prev) + " is followed by " + std::to_string(e.offset));
      }
      if (print_entries) emit("offset: " + std::to_string(e.offset) + " position: " + std::to_string(e.position));
      prev = e.offset;
      first = false;
    }
  } else {
    auto entries = ReadTimeIndexFile(path);
    if (!entries.ok()) return entries.status();
    int64_t prev_ts = -1;
    bool first = true;
    for (const auto& e : *entries) {
      const BatchSpan* b = batch_holding(e.offset);
      if (!have_log) {
        // nothing to compare with
      } else if (!b) {
        mismatches.push_back("  Index timestamp: " + std::to_string(e.timestamp) + ", offset " +
                             std::to_string(e.offset) + " is not in the log");
      } else if (b->max_timestamp != e.timestamp) {
        mismatches.push_back("  Index timestamp: " + std::to_string(e.timestamp) +
                             ", log timestamp: " + std::to_string(b->max_timestamp));
      }
      if (!first && e.timestamp <= prev_ts) {
        non_consecutive.push_back("  " + std::to_string(prev_ts) + " is followed by " + std::to_string(e.timestamp));
      }
      if (print_entries) emit("timestamp: " + std::to_string(e.timestamp) + " offset: " + std::to_string(e.offset));
      prev_ts = e.timestamp;
      first = false;
    }
  }
  if (!mismatches.empty()) {
    emit_error((time_index ? "Found timestamp mismatch in :" : "Mismatches in :") + path);
    for (const auto& m : mismatches) emit_error(m);
  }
  if (!non_consecutive.empty()) {
    emit_error((time_index ? "Found out of order timestamp in :" : "Non-consecutive offsets in ") + path);
    for (const auto& m : non_consecutive) emit_error(m);
  }
  return Status::Ok();
}

}  // namespace

Status DumpLogFile(const std::string& path, const DumpOptions& options, const DumpSink& emit,
                   const DumpSink& emit_error) {
  auto reader = LogFileReader::Open(path);
  if (!reader.ok()) return reader.status();
  const std::string ext = std::filesystem::path(path).extension().string();
  emit("Dumping " + path);
  if (ext == ".log") return DumpSegment(*reader, options, emit);
  const bool check_only = options.index_sanity_check || options.verify_index_only;
  if (ext == ".index" || ext == ".timeindex") {
    if (options.index_sanity_check) return SanityCheckIndex(path, ext == ".timeindex", emit);
    return DumpIndex(path, ext == ".timeindex", !check_only, options.max_message_size, emit, emit_error);
  }
  if (ext == ".txnindex") {
    if (check_only) return Status::Ok();  // Kafka checks only offset and time indexes
    auto entries = storage::ReadTransactionIndexFile(path);
    if (!entries.ok()) return entries.status();
    for (const auto& e : *entries) {
      emit("version: " + std::to_string(e.version) + " producerId: " + std::to_string(e.producer_id) +
           " firstOffset: " + std::to_string(e.first_offset) + " lastOffset: " + std::to_string(e.last_offset) +
           " lastStableOffset: " + std::to_string(e.last_stable_offset));
    }
    return Status::Ok();
  }
  return Status::InvalidArgument("'" + path + "': only .log, .index, .timeindex and .txnindex files can be dumped");
}

}  // namespace partita::cli
