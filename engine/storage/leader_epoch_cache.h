// LeaderEpochCache: the partition's leader-epoch-checkpoint file ("0\n<count>\n" then "<epoch> <start offset>"
// lines), mapping each leader epoch to the first offset written in it. Followers use EndOffsetForEpoch
// (OffsetForLeaderEpoch, KIP-101/279) to find where to truncate. Semantics follow Kafka's
// LeaderEpochFileCache: epochs and start offsets strictly increase; assigning a conflicting entry removes
// the entries it supersedes. Every change is written through (temp + fsync + rename).
// Thread safety: internally synchronized.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::storage {

inline constexpr const char* kLeaderEpochCheckpointFile = "leader-epoch-checkpoint";

struct EpochEntry {
  int32_t epoch = 0;
  int64_t start_offset = 0;
  bool operator==(const EpochEntry&) const = default;
};

class LeaderEpochCache {
 public:
  // Loads <dir>/leader-epoch-checkpoint (missing = empty). A malformed file is Corruption.
  static Result<std::unique_ptr<LeaderEpochCache>> Open(const std::string& dir);

  // Records that `epoch` starts at `start_offset`. A repeat of the latest epoch at a later offset is a no-op.
  // write_now = false keeps the change in memory until the next write (WriteIfDirty, or any later change): a
  // leader taking a new epoch records it so, and the log writes it with its first batch of that epoch. Until then
  // no record carries the epoch, so losing the entry in a crash loses nothing a follower could need (and the
  // restarted broker is fenced to a newer epoch, KIP-380). Creating 10,000 partitions thus costs no 20,000
  // fsyncs (issue 11).
  Status Assign(int32_t epoch, int64_t start_offset, bool write_now = true);
  // Writes a change recorded with write_now = false, if any.
  Status WriteIfDirty();
  // Kafka's endOffsetFor: (epoch, end offset) for the largest epoch <= requested; (-1, -1) if unknown.
  std::pair<int32_t, int64_t> EndOffsetForEpoch(int32_t requested_epoch, int64_t log_end_offset) const;
  std::optional<int32_t> LatestEpoch() const;
  // Drops entries with start offset >= end_offset (the log was truncated to end_offset).
  Status TruncateFromEnd(int64_t end_offset);
  // Drops entries wholly below start_offset; the last of them is kept, moved up to start_offset.
  Status TruncateFromStart(int64_t start_offset);
  std::vector<EpochEntry> Entries() const;
  Status Delete();

  static std::string Format(const std::vector<EpochEntry>& entries);

 private:
  explicit LeaderEpochCache(std::string path) : path_(std::move(path)) {}
  Status WriteLocked();

  const std::string path_;
  mutable std::mutex mu_;
  std::vector<EpochEntry> entries_;
  bool dirty_ = false;  // entries_ differ from the file (guarded by mu_)
};

}  // namespace partita::storage
