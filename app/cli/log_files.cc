#include "app/cli/log_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "engine/common/endian.h"
#include "engine/protocol/record_batch.h"

namespace partita::cli {

int64_t BaseOffsetFromFileName(const std::string& path) {
  const std::string stem = std::filesystem::path(path).stem().string();
  char* end = nullptr;
  const long long v = std::strtoll(stem.c_str(), &end, 10);
  return (!stem.empty() && end && *end == 0) ? v : 0;
}

Result<LogFileReader> LogFileReader::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno(errno, "cannot open '" + path + "'");
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::FromErrno(err, "cannot stat '" + path + "'");
  }
  return LogFileReader(fd, static_cast<uint64_t>(st.st_size), path);
}

LogFileReader::LogFileReader(LogFileReader&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(other.size_), path_(std::move(other.path_)) {}

LogFileReader& LogFileReader::operator=(LogFileReader&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
    path_ = std::move(other.path_);
  }
  return *this;
}

LogFileReader::~LogFileReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LogFileReader::ReadAt(uint8_t* dst, size_t n, uint64_t at) const {
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::pread(fd_, dst + done, n - done, static_cast<off_t>(at + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    done += static_cast<size_t>(r);
  }
  return true;
}

Result<LogFileScan> LogFileReader::ScanBatches(uint64_t position, bool read_bodies, const Visitor& visit) const {
  LogFileScan scan;
  uint64_t pos = position;
  std::vector<uint8_t> body;
  bool stopped = false;
  while (pos < size_ && !stopped) {
    if (size_ - pos < protocol::kLogOverhead + 5) break;
    uint8_t head[protocol::kBatchHeaderSize] = {};
    const size_t head_len = static_cast<size_t>(std::min<uint64_t>(sizeof(head), size_ - pos));
    if (!ReadAt(head, head_len, pos)) return Status::IOError("cannot read " + path_);
    const int32_t length = static_cast<int32_t>(LoadBe32(head + protocol::kBatchLengthOffset));
    const int8_t magic = static_cast<int8_t>(head[protocol::kMagicOffset]);
    const uint64_t total = protocol::kLogOverhead + static_cast<uint64_t>(length < 0 ? 0 : length);
    if (length <= 0 || total > size_ - pos) break;  // preallocated zeros or a torn tail
    LogFileBatch batch;
    batch.position = pos;
    batch.size = total;
    batch.magic = magic;
    if (magic != protocol::kMagicV2) {
      if (magic < 0 || magic > 1) break;
      batch.header.base_offset = static_cast<int64_t>(LoadBe64(head));
      batch.header.batch_length = length;
      batch.header.magic = magic;
      pos += total;
      stopped = !visit(batch, {});
      continue;
    }
    if (total < protocol::kBatchHeaderSize) break;
    batch.header = protocol::ReadBatchHeader(head);
    std::span<const uint8_t> bytes;
    if (read_bodies) {
      body.resize(static_cast<size_t>(total));
      if (!ReadAt(body.data(), body.size(), pos)) return Status::IOError("cannot read " + path_);
      batch.crc_valid = protocol::ComputeBatchCrc(body) == batch.header.crc;
      bytes = body;
    }
    pos += total;
    stopped = !visit(batch, bytes);
  }
  scan.next_position = pos;
  scan.at_end = !stopped;
  if (scan.at_end && pos < size_) {
    // Trailing zeros of a preallocated file are not an error in Kafka's eyes, anything else is.
    std::vector<uint8_t> rest(static_cast<size_t>(std::min<uint64_t>(size_ - pos, 1 << 20)));
    bool all_zero = ReadAt(rest.data(), rest.size(), pos);
    for (uint8_t b : rest) all_zero = all_zero && b == 0;
    if (!all_zero || size_ - pos > rest.size()) scan.invalid_tail_bytes = size_ - pos;
  }
  return scan;
}

namespace {

Result<std::vector<uint8_t>> ReadWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno(errno, "cannot open '" + path + "'");
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  for (;;) {
    const ssize_t r = ::read(fd, chunk, sizeof(chunk));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int err = errno;
      ::close(fd);
      return Status::FromErrno(err, "cannot read '" + path + "'");
    }
    if (r == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + r);
  }
  ::close(fd);
  return bytes;
}

}  // namespace

Result<std::vector<OffsetIndexEntry>> ReadOffsetIndexFile(const std::string& path) {
  auto bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  const int64_t base = BaseOffsetFromFileName(path);
  std::vector<OffsetIndexEntry> out;
  for (size_t i = 0; i + 8 <= bytes->size(); i += 8) {
    const int32_t rel = static_cast<int32_t>(LoadBe32(bytes->data() + i));
    const int32_t position = static_cast<int32_t>(LoadBe32(bytes->data() + i + 4));
    if (i > 0 && rel == 0) break;  // the unused, preallocated part
    out.push_back({base + rel, position});
  }
  return out;
}

Result<std::vector<TimeIndexEntry>> ReadTimeIndexFile(const std::string& path) {
  auto bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  const int64_t base = BaseOffsetFromFileName(path);
  std::vector<TimeIndexEntry> out;
  for (size_t i = 0; i + 12 <= bytes->size(); i += 12) {
    const int64_t ts = static_cast<int64_t>(LoadBe64(bytes->data() + i));
    const int32_t rel = static_cast<int32_t>(LoadBe32(bytes->data() + i + 8));
    if (i > 0 && ts == 0 && rel == 0) break;  // the unused, preallocated part
    out.push_back({ts, base + rel});
  }
  return out;
}

Result<IndexFileTail> ReadIndexFileTail(const std::string& path, bool time_index) {
  auto reader = LogFileReader::Open(path);
  if (!reader.ok()) return reader.status();
  const int64_t base = BaseOffsetFromFileName(path);
  const size_t entry_size = time_index ? 12 : 8;
  uint8_t entry[12] = {};
  auto used = [&](size_t i) -> Result<bool> {
    if (!reader->ReadAt(entry, entry_size, i * entry_size)) return Status::IOError("cannot read " + path);
    for (size_t b = 0; b < entry_size; ++b) {
      if (entry[b] != 0) return true;
    }
    return false;
  };
  // First unused slot in [0, slots].
  size_t lo = 0, hi = static_cast<size_t>(reader->size() / entry_size);
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    auto u = used(mid);
    if (!u.ok()) return u.status();
    if (*u) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  IndexFileTail tail;
  tail.entries = lo;
  if (lo > 0) {
    if (!reader->ReadAt(entry, entry_size, (lo - 1) * entry_size)) return Status::IOError("cannot read " + path);
    if (time_index) {
      tail.last_time_entry = {static_cast<int64_t>(LoadBe64(entry)), base + static_cast<int32_t>(LoadBe32(entry + 8))};
    } else {
      tail.last_offset_entry = {base + static_cast<int32_t>(LoadBe32(entry)), static_cast<int32_t>(LoadBe32(entry + 4))};
    }
  }
  return tail;
}

}  // namespace partita::cli
