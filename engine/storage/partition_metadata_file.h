// partition.metadata, the file Kafka 2.8+ keeps in every partition directory (KIP-516), byte-compatible:
//   "version: 0\ntopic_id: <22-character base64 topic id>\n"
// It ties the directory's data to one incarnation of the topic: a topic deleted and recreated under the same
// name gets a new id, so a directory left over from the old incarnation (its broker was down during the
// deletion) is recognised by its id and never served as the new topic's data.
// Written atomically (temp file, fsync, rename). Thread safety: the functions are stateless; a
// PartitionMetadataFile is safe to use from any thread.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "engine/common/status.h"

namespace partita::storage {

inline constexpr const char* kPartitionMetadataFile = "partition.metadata";

std::string FormatPartitionMetadata(const std::string& topic_id);
// Kafka's PartitionMetadataReadBuffer rules: "version: <int>" (>= 0) then "topic_id: <id>", a valid non-zero
// id; anything else is Corruption.
Result<std::string> ParsePartitionMetadata(const std::string& text);
Status WritePartitionMetadata(const std::string& partition_dir, const std::string& topic_id);
// nullopt when the directory has no partition.metadata (written by a version without topic ids).
Result<std::optional<std::string>> ReadPartitionMetadata(const std::string& partition_dir);

// One partition directory's partition.metadata, as Kafka's PartitionMetadataFile: the topic id is recorded in
// memory when the log is created and written (with its fsyncs) before the first append, or at a flush. Creating
// 10,000 partitions thus costs no 20,000 fsyncs (issue 11); a directory that never received a record has
// nothing a later incarnation of the topic could mistake for its own, so it needs no id on disk.
class PartitionMetadataFile {
 public:
  explicit PartitionMetadataFile(std::string partition_dir) : dir_(std::move(partition_dir)) {}
  // Records the id to write; the next MaybeFlush writes it.
  void Record(const std::string& topic_id);
  // Writes a recorded id not yet on disk. Cheap when there is none (an atomic load: called on every append).
  Status MaybeFlush();
  // The recorded id, else the file's (read once); nullopt when neither exists (a log from before topic ids).
  Result<std::optional<std::string>> TopicId();
  // The directory is being deleted: nothing is written any more.
  void Forget();

 private:
  const std::string dir_;
  std::mutex mu_;
  std::optional<std::string> topic_id_;  // guarded by mu_
  bool known_ = false;                   // topic_id_ reflects the file or a record; guarded by mu_
  std::atomic<bool> dirty_{false};       // recorded and not yet written
};

}  // namespace partita::storage
