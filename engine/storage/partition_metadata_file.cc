#include "engine/storage/partition_metadata_file.h"

#include <cerrno>
#include <sys/stat.h>

#include "engine/protocol/uuid_text.h"
#include "engine/storage/file_util.h"

namespace partita::storage {

namespace {

// One "key: value" line (Kafka splits at ":\s+"); nullopt if the key differs or the separator is missing.
std::optional<std::string> ValueOf(const std::string& line, const std::string& key) {
  if (line.compare(0, key.size(), key) != 0 || line.size() < key.size() + 2 || line[key.size()] != ':') {
    return std::nullopt;
  }
  size_t at = key.size() + 1;
  if (line[at] != ' ' && line[at] != '\t') return std::nullopt;
  while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
  return line.substr(at);
}

}  // namespace

std::string FormatPartitionMetadata(const std::string& topic_id) { return "version: 0\ntopic_id: " + topic_id + "\n"; }

Result<std::string> ParsePartitionMetadata(const std::string& text) {
  std::string lines[2];
  size_t at = 0;
  for (std::string& line : lines) {
    const size_t end = text.find('\n', at);
    line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    at = end == std::string::npos ? text.size() : end + 1;
  }
  auto bad = [&](const std::string& line) {
    return Status::Corruption("malformed line in partition metadata file: '" + line + "'");
  };
  auto version = ValueOf(lines[0], "version");
  if (!version || version->empty() || version->find_first_not_of("0123456789") != std::string::npos ||
      version->size() > 9) {
    return bad(lines[0]);
  }
  auto id = ValueOf(lines[1], "topic_id");
  if (!id) return bad(lines[1]);
  auto uuid = protocol::UuidFromText(*id);
  if (!uuid) return bad(lines[1]);
  if (*uuid == protocol::kZeroUuid) return Status::Corruption("invalid topic id in partition metadata file (zero)");
  return *id;
}

Status WritePartitionMetadata(const std::string& partition_dir, const std::string& topic_id) {
  return WriteFileAtomically(partition_dir + "/" + kPartitionMetadataFile, FormatPartitionMetadata(topic_id));
}

Result<std::optional<std::string>> ReadPartitionMetadata(const std::string& partition_dir) {
  const std::string path = partition_dir + "/" + kPartitionMetadataFile;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Status::IOError("cannot stat " + path);
  }
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  auto id = ParsePartitionMetadata(*text);
  if (!id.ok()) return Status::Corruption(path + ": " + id.status().message());
  return std::optional<std::string>(*id);
}

void PartitionMetadataFile::Record(const std::string& topic_id) {
  std::lock_guard lock(mu_);
  if (known_ && topic_id_ == topic_id) return;
  topic_id_ = topic_id;
  known_ = true;
  dirty_.store(true, std::memory_order_release);
}

Status PartitionMetadataFile::MaybeFlush() {
  if (!dirty_.load(std::memory_order_acquire)) return Status::Ok();
  std::lock_guard lock(mu_);
  if (!dirty_.load(std::memory_order_relaxed) || !topic_id_) return Status::Ok();
  PARTITA_RETURN_IF_ERROR(WritePartitionMetadata(dir_, *topic_id_));
  dirty_.store(false, std::memory_order_release);
  return Status::Ok();
}

Result<std::optional<std::string>> PartitionMetadataFile::TopicId() {
  std::lock_guard lock(mu_);
  if (!known_) {
    auto on_disk = ReadPartitionMetadata(dir_);
    if (!on_disk.ok()) return on_disk.status();
    topic_id_ = *on_disk;
    known_ = true;
  }
  return topic_id_;
}

void PartitionMetadataFile::Forget() {
  std::lock_guard lock(mu_);
  dirty_.store(false, std::memory_order_release);
}

}  // namespace partita::storage
