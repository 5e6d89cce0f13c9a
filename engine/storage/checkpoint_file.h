// Kafka's per-log-dir checkpoint files, byte-compatible with Kafka 3.8:
//  recovery-point-offset-checkpoint, replication-offset-checkpoint, log-start-offset-checkpoint,
//  cleaner-offset-checkpoint:
//    "0\n<count>\n" then one "<topic> <partition> <offset>\n" line per partition;
//  meta.properties: Java properties with version=0, broker.id, cluster.id;
//  .kafka_cleanshutdown: an empty marker written after a clean stop and removed at startup.
// Every write goes to a temp file, is fsynced and renamed over the old file (crash leaves old or new).
// Malformed files read back as Corruption, never a crash. Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/common/status.h"
#include "engine/common/types.h"

namespace partita::storage {

inline constexpr const char* kRecoveryPointCheckpointFile = "recovery-point-offset-checkpoint";
inline constexpr const char* kReplicationOffsetCheckpointFile = "replication-offset-checkpoint";
inline constexpr const char* kLogStartOffsetCheckpointFile = "log-start-offset-checkpoint";
inline constexpr const char* kCleanerOffsetCheckpointFile = "cleaner-offset-checkpoint";
inline constexpr const char* kMetaPropertiesFile = "meta.properties";
inline constexpr const char* kCleanShutdownFile = ".kafka_cleanshutdown";

using OffsetCheckpoint = std::map<TopicPartition, int64_t>;

std::string FormatOffsetCheckpoint(const OffsetCheckpoint& offsets);
Result<OffsetCheckpoint> ParseOffsetCheckpoint(const std::string& text);
Status WriteOffsetCheckpoint(const std::string& path, const OffsetCheckpoint& offsets);
// A missing file reads as an empty checkpoint (a fresh log dir).
Result<OffsetCheckpoint> ReadOffsetCheckpoint(const std::string& path);

struct MetaProperties {
  int32_t broker_id = -1;
  std::string cluster_id;
};
std::string FormatMetaProperties(const MetaProperties& meta);
Status WriteMetaProperties(const std::string& log_dir, const MetaProperties& meta);
// NotFound when the dir has no meta.properties yet.
Result<MetaProperties> ReadMetaProperties(const std::string& log_dir);

Status WriteCleanShutdownMarker(const std::string& log_dir);
bool HasCleanShutdownMarker(const std::string& log_dir);
Status RemoveCleanShutdownMarker(const std::string& log_dir);

}  // namespace partita::storage
