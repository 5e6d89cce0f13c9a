// partition.metadata, the file Kafka 2.8+ keeps in every partition directory (KIP-516), byte-compatible:
//   "version: 0\ntopic_id: <22-character base64 topic id>\n"
// It ties the directory's data to one incarnation of the topic: a topic deleted and recreated under the same
// name gets a new id, so a directory left over from the old incarnation (its broker was down during the
// deletion) is recognised by its id and never served as the new topic's data.
// Written atomically (temp file, fsync, rename). Thread safety: stateless functions.
#pragma once

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

}  // namespace partita::storage
