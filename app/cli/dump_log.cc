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

Status DumpSegment(const LogFileReader& reader, bool print_data,
                   const std::function<void(const std::string&)>& emit) {
  const std::string& path = reader.path();
  emit("Log starting offset: " + std::to_string(BaseOffsetFromFileName(path)));
  std::vector<uint8_t> scratch;
  auto scan = reader.ScanBatches(0, true, [&](const LogFileBatch& b, std::span<const uint8_t> body) {
    if (b.magic != protocol::kMagicV2) {
      emit("offset: " + std::to_string(b.header.base_offset) + " position: " + std::to_string(b.position) +
           " size: " + std::to_string(b.size) + " magic: " + std::to_string(b.magic) +
           " (legacy message format: records not decoded)");
      return true;
    }
    emit(FormatDumpBatchLine(b.header, b.position, b.crc_valid));
    if (print_data && b.crc_valid) {
      Status st = protocol::ForEachRecord(body, &scratch, [&](const protocol::Record& r) {
        if (!b.header.control()) {
          emit(FormatDumpRecordLine(b.header, r, true));
          return true;
        }
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

}  // namespace

Status DumpLogFile(const std::string& path, bool print_data, const std::function<void(const std::string&)>& emit) {
  auto reader = LogFileReader::Open(path);
  if (!reader.ok()) return reader.status();
  const std::string ext = std::filesystem::path(path).extension().string();
  emit("Dumping " + path);
  if (ext == ".log") return DumpSegment(*reader, print_data, emit);
  if (ext == ".index") {
    auto entries = ReadOffsetIndexFile(path);
    if (!entries.ok()) return entries.status();
    for (const auto& e : *entries) {
      emit("offset: " + std::to_string(e.offset) + " position: " + std::to_string(e.position));
    }
    return Status::Ok();
  }
  if (ext == ".timeindex") {
    auto entries = ReadTimeIndexFile(path);
    if (!entries.ok()) return entries.status();
    for (const auto& e : *entries) {
      emit("timestamp: " + std::to_string(e.timestamp) + " offset: " + std::to_string(e.offset));
    }
    return Status::Ok();
  }
  if (ext == ".txnindex") {
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
