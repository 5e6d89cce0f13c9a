#include "engine/storage/checkpoint_file.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <ctime>
#include <sstream>
#include <vector>

#include "engine/storage/file_util.h"

namespace partita::storage {

namespace {

std::vector<std::string> SplitWhitespace(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

template <class T>
bool ParseInt(const std::string& s, T* v) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::string FormatOffsetCheckpoint(const OffsetCheckpoint& offsets) {
  std::string out = "0\n" + std::to_string(offsets.size()) + "\n";
  for (const auto& [tp, offset] : offsets) {
    out += tp.topic;
    out += ' ';
    out += std::to_string(tp.partition.value);
    out += ' ';
    out += std::to_string(offset);
    out += '\n';
  }
  return out;
}

Result<OffsetCheckpoint> ParseOffsetCheckpoint(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != "0") return Status::Corruption("checkpoint: unknown version '" + line + "'");
  int64_t count = 0;
  if (!std::getline(in, line) || !ParseInt(line, &count) || count < 0)
    return Status::Corruption("checkpoint: bad entry count");
  OffsetCheckpoint out;
  for (int64_t i = 0; i < count; ++i) {
    if (!std::getline(in, line)) return Status::Corruption("checkpoint: fewer entries than its count");
    const auto words = SplitWhitespace(line);
    TopicPartition tp;
    int64_t offset = 0;
    if (words.size() != 3 || !ParseInt(words[1], &tp.partition.value) || !ParseInt(words[2], &offset))
      return Status::Corruption("checkpoint: malformed line '" + line + "'");
    tp.topic = words[0];
    out[tp] = offset;
  }
  while (std::getline(in, line)) {
    if (!line.empty()) return Status::Corruption("checkpoint: more entries than its count");
  }
  return out;
}

Status WriteOffsetCheckpoint(const std::string& path, const OffsetCheckpoint& offsets) {
  return WriteFileAtomically(path, FormatOffsetCheckpoint(offsets));
}

Result<OffsetCheckpoint> ReadOffsetCheckpoint(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) {
    if (text.status().IsNotFound()) return OffsetCheckpoint{};
    return text.status();
  }
  auto parsed = ParseOffsetCheckpoint(*text);
  if (!parsed.ok()) return Status::Corruption(path + ": " + parsed.status().message());
  return parsed;
}

std::string FormatMetaProperties(const MetaProperties& meta) {
  // Java's Properties.store writes a comment line and a date line first; Kafka's reader ignores them.
  char date[64];
  const std::time_t now = std::time(nullptr);
  struct tm tm_utc;
  gmtime_r(&now, &tm_utc);
  std::strftime(date, sizeof(date), "%a %b %d %H:%M:%S UTC %Y", &tm_utc);
  std::string out = "#\n#";
  out += date;
  out += "\ncluster.id=" + meta.cluster_id + "\nversion=0\nbroker.id=" + std::to_string(meta.broker_id) + "\n";
  return out;
}

Status WriteMetaProperties(const std::string& log_dir, const MetaProperties& meta) {
  return WriteFileAtomically(log_dir + "/" + kMetaPropertiesFile, FormatMetaProperties(meta));
}

Result<MetaProperties> ReadMetaProperties(const std::string& log_dir) {
  auto text = ReadWholeFile(log_dir + "/" + kMetaPropertiesFile);
  if (!text.ok()) return text.status();
  std::istringstream in(*text);
  std::string line;
  MetaProperties meta;
  bool has_version = false, has_broker = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "version") {
      if (value != "0") return Status::Unsupported("meta.properties version " + value);
      has_version = true;
    } else if (key == "broker.id") {
      has_broker = ParseInt(value, &meta.broker_id);
    } else if (key == "cluster.id") {
      meta.cluster_id = value;
    }
  }
  if (!has_version || !has_broker) return Status::Corruption(log_dir + "/meta.properties lacks version or broker.id");
  return meta;
}

Status WriteCleanShutdownMarker(const std::string& log_dir) {
  return WriteFileAtomically(log_dir + "/" + kCleanShutdownFile, "");
}

bool HasCleanShutdownMarker(const std::string& log_dir) {
  return ::access((log_dir + "/" + kCleanShutdownFile).c_str(), F_OK) == 0;
}

Status RemoveCleanShutdownMarker(const std::string& log_dir) {
  const std::string path = log_dir + "/" + kCleanShutdownFile;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "remove " + path);
  return SyncDir(log_dir);
}

}  // namespace partita::storage
