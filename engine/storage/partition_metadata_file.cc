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

}  // namespace partita::storage
