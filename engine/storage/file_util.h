// Small POSIX file helpers for the storage module: full-length pread/pwrite that retry on EINTR and short
// transfers, atomic whole-file replacement (temp + fsync + rename + dir fsync), and Kafka's file names.
// Errors come back as Status (ENOSPC/EDQUOT -> NoSpace). Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace partita::storage {

inline constexpr std::string_view kLogSuffix = ".log";
inline constexpr std::string_view kIndexSuffix = ".index";
inline constexpr std::string_view kTimeIndexSuffix = ".timeindex";

// "<dir>/<20-digit zero-padded offset><suffix>", e.g. 00000000000000000042.log.
std::string SegmentFileName(const std::string& dir, int64_t base_offset, std::string_view suffix);
// Parses a 20-digit base offset from a file name like 00000000000000000042.log; -1 if it is not one.
int64_t ParseSegmentBaseOffset(std::string_view file_name, std::string_view suffix);

Status PwriteFully(int fd, std::span<const uint8_t> data, int64_t position, std::string_view what);
Status PreadFully(int fd, std::span<uint8_t> out, int64_t position, std::string_view what);
// Size of an open file.
Result<int64_t> FileSize(int fd, std::string_view what);
Status TruncateFile(int fd, int64_t size, std::string_view what);
Status SyncFile(int fd, std::string_view what);
Status SyncDir(const std::string& dir);

// Writes contents to path.tmp, fsyncs, renames over path and fsyncs the directory, so a crash leaves
// either the old or the new file, never a torn one.
Status WriteFileAtomically(const std::string& path, std::string_view contents);
Result<std::string> ReadWholeFile(const std::string& path);

// Removes a directory tree (used for partition deletion). Missing is fine.
Status RemoveTree(const std::string& path);

}  // namespace partita::storage
