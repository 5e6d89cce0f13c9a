// TransactionIndex: one segment's aborted-transaction index, the file <20-digit base offset>.txnindex, byte for
// byte Kafka's TransactionIndex. Each entry (Kafka's AbortedTxn, 34 bytes, big-endian) is
//   version i16 (= 0) | producerId i64 | firstOffset i64 | lastOffset i64 | lastStableOffset i64
// one per ABORTED transaction whose marker (lastOffset) lies in this segment: firstOffset is the
// transaction's first data offset (possibly in an earlier segment) and lastStableOffset the partition's LSO
// right after the abort (the first offset of the next still-open transaction, or lastOffset + 1). Entries are
// in increasing lastOffset order. The file is created on the first entry, so most segments have none.
// A read_committed Fetch asks CollectAbortedTxns for the transactions overlapping the fetched range (Kafka's
// collectAbortedTxns): lastStableOffset tells when later segments cannot add more.
// Like Kafka's, the entries live in the file only (memory stays bounded however many transactions abort): reads
// pread it in chunks, under the index's lock so that a concurrent truncation cannot cut a read short.
// Decoding never trusts the bytes: a newer entry version is Corruption; a torn trailing partial entry is ignored.
// Thread safety: internally synchronized (the owning Log serializes writers; readers may run concurrently).
// Ownership: owns its file descriptor.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::storage {

inline constexpr std::string_view kTxnIndexSuffix = ".txnindex";
inline constexpr size_t kAbortedTxnSize = 34;
inline constexpr int16_t kAbortedTxnVersion = 0;

struct AbortedTxn {
  int16_t version = kAbortedTxnVersion;
  int64_t producer_id = -1;
  int64_t first_offset = -1;
  int64_t last_offset = -1;        // the ABORT marker's offset
  int64_t last_stable_offset = -1;
  bool operator==(const AbortedTxn&) const = default;
};

void EncodeAbortedTxn(const AbortedTxn& txn, uint8_t* out);  // kAbortedTxnSize bytes
// Whole entries of a .txnindex file's bytes (a trailing partial entry is ignored, as Kafka's reader does).
Result<std::vector<AbortedTxn>> DecodeTransactionIndex(std::string_view bytes);
// Reads a .txnindex file (dump-log, the desktop app's segment page). A missing file is NotFound.
Result<std::vector<AbortedTxn>> ReadTransactionIndexFile(const std::string& path);

class TransactionIndex {
 public:
  TransactionIndex(std::string path, int64_t base_offset);
  ~TransactionIndex();
  TransactionIndex(const TransactionIndex&) = delete;
  TransactionIndex& operator=(const TransactionIndex&) = delete;

  // Loads the file if it exists. Corruption (unknown version, an entry ending before the segment's base, or
  // entries out of order — Kafka's sanityCheck) leaves the index empty; the caller rebuilds it.
  Status Open();
  const std::string& path() const { return path_; }

  // InvalidArgument unless txn.last_offset is above the last entry's (Kafka's rule).
  Status Append(const AbortedTxn& txn);
  // Removes entries whose lastOffset >= offset.
  Status TruncateTo(int64_t offset);
  Status Reset() { return TruncateTo(INT64_MIN); }
  // Appends to *out the entries with lastOffset >= fetch_offset and firstOffset < upper_bound; returns true when
  // an entry's lastStableOffset reached upper_bound (no later segment can hold more for this range). A read
  // error is logged and ends the search (the consumer then sees aborted records, never a crash).
  bool CollectAbortedTxns(int64_t fetch_offset, int64_t upper_bound, std::vector<AbortedTxn>* out) const;
  std::vector<AbortedTxn> AllAbortedTxns() const;
  size_t entries() const;

  Status Flush();
  Status Close();
  Status Delete();

 private:
  Status OpenFileLocked();
  // Calls fn(index, entry) for each entry in file order until it returns false. mu_ held.
  template <class Fn>
  Status ForEachLocked(Fn&& fn) const;

  const std::string path_;
  const int64_t base_offset_;
  mutable std::mutex mu_;
  int fd_ = -1;                  // -1 until the file exists and is opened
  size_t count_ = 0;             // whole entries in the file
  int64_t last_offset_ = INT64_MIN;  // of the last entry
};

}  // namespace partita::storage
