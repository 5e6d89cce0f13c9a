// IndexFile: the shared machinery of Kafka's sparse index files (.index, .timeindex): fixed-size big-endian
// entries, appended with pwrite and mirrored in memory for binary search. Kafka preallocates and mmaps these
// files; we write exactly the bytes of real entries instead (no SIGBUS when a disk fills up), and Close()
// still trims a file that something else (Kafka itself, after a crash) left preallocated.
// Ownership: owns its file descriptor. Thread safety: one writer (appends/truncation serialized by the
// owner) with any number of concurrent readers; entries are guarded by an internal shared_mutex.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::storage {

class IndexFile {
 public:
  IndexFile(std::string path, int64_t base_offset, size_t entry_size, int32_t max_index_bytes);
  virtual ~IndexFile();
  IndexFile(const IndexFile&) = delete;
  IndexFile& operator=(const IndexFile&) = delete;

  // Opens (creating if missing) and loads the entries; a trailing partial entry is ignored.
  Status Open();
  const std::string& path() const { return path_; }
  int64_t base_offset() const { return base_offset_; }
  size_t entries() const;
  size_t max_entries() const { return max_entries_; }
  bool IsFull() const { return entries() >= max_entries_; }
  int64_t SizeInBytes() const { return static_cast<int64_t>(entries() * entry_size_); }

  // Drops every entry (recovery rebuilds them).
  Status Reset() { return TruncateToEntries(0); }
  Status Flush();
  // Trims the file to its entries and closes it.
  Status Close();
  Status Delete();
  // Renames the file (e.g. to <name>.deleted); keeps it open.
  Status RenameTo(const std::string& new_path);

 protected:
  // Appends one raw entry (entry_size_ bytes). Fails with InvalidArgument when full.
  Status AppendEntry(const uint8_t* entry);
  Status TruncateToEntries(size_t n);
  // Copies of the raw entries for binary search: readers hold mu_ shared while searching.
  const uint8_t* EntryAt(size_t i) const { return data_.data() + i * entry_size_; }

  mutable std::shared_mutex mu_;
  std::vector<uint8_t> data_;  // entries, big-endian, exactly as on disk
  const size_t entry_size_;

 private:
  std::string path_;
  const int64_t base_offset_;
  const size_t max_entries_;
  int fd_ = -1;
};

}  // namespace partita::storage
