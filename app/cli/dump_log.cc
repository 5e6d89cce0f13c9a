#include "app/cli/dump_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "app/cli/cli_format.h"
#include "engine/common/endian.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/record_batch.h"

namespace partita::cli {

namespace {

// Closes the fd on every path.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool ReadAt(int fd, uint8_t* dst, size_t n, uint64_t at) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd, dst + done, n - done, static_cast<off_t>(at + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    done += static_cast<size_t>(r);
  }
  return true;
}

// Kafka names segment files by their base offset: 00000000000000000042.log.
int64_t BaseOffsetFromName(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  char* end = nullptr;
  long long v = std::strtoll(stem.c_str(), &end, 10);
  return (end && *end == 0) ? v : 0;
}

Status DumpSegment(int fd, uint64_t size, const std::string& path, bool print_data,
                   const std::function<void(const std::string&)>& emit) {
  emit("Log starting offset: " + std::to_string(BaseOffsetFromName(path)));
  uint64_t pos = 0;
  std::vector<uint8_t> batch;
  std::vector<uint8_t> scratch;
  while (pos < size) {
    if (size - pos < protocol::kLogOverhead + 5) break;
    uint8_t head[protocol::kBatchHeaderSize] = {};
    const size_t head_len = static_cast<size_t>(std::min<uint64_t>(sizeof(head), size - pos));
    if (!ReadAt(fd, head, head_len, pos)) return Status::IOError("cannot read " + path);
    const int32_t length = static_cast<int32_t>(LoadBe32(head + protocol::kBatchLengthOffset));
    const int8_t magic = static_cast<int8_t>(head[protocol::kMagicOffset]);
    const uint64_t total = protocol::kLogOverhead + static_cast<uint64_t>(length < 0 ? 0 : length);
    if (length <= 0 || total > size - pos) break;  // preallocated zeros or a torn tail
    if (magic != protocol::kMagicV2) {
      if (magic < 0 || magic > 1) break;
      emit("offset: " + std::to_string(static_cast<int64_t>(LoadBe64(head))) + " position: " + std::to_string(pos) +
           " size: " + std::to_string(total) + " magic: " + std::to_string(magic) +
           " (legacy message format: records not decoded)");
      pos += total;
      continue;
    }
    if (total < protocol::kBatchHeaderSize) break;
    batch.resize(static_cast<size_t>(total));
    if (!ReadAt(fd, batch.data(), batch.size(), pos)) return Status::IOError("cannot read " + path);
    const protocol::BatchHeader h = protocol::ReadBatchHeader(batch.data());
    const bool valid = protocol::ComputeBatchCrc(batch) == h.crc;
    emit(FormatDumpBatchLine(h, pos, valid));
    if (print_data && valid) {
      Status st = protocol::ForEachRecord(batch, &scratch, [&](const protocol::Record& r) {
        emit(FormatDumpRecordLine(h, r, true));
        return true;
      });
      if (!st.ok()) emit("Could not decode the records of the batch at position " + std::to_string(pos) + ": " +
                         st.message());
    }
    pos += total;
  }
  if (pos < size) {
    // Trailing zeros of a preallocated file are not an error in Kafka's eyes only when they are all zeros.
    std::vector<uint8_t> rest(static_cast<size_t>(std::min<uint64_t>(size - pos, 1 << 20)));
    bool all_zero = ReadAt(fd, rest.data(), rest.size(), pos);
    for (uint8_t b : rest) all_zero = all_zero && b == 0;
    if (!all_zero || size - pos > rest.size()) {
      emit("Found " + std::to_string(size - pos) + " invalid bytes at the end of " +
           std::filesystem::path(path).filename().string());
    }
  }
  return Status::Ok();
}

Status DumpIndex(int fd, uint64_t size, const std::string& path, bool time_index,
                 const std::function<void(const std::string&)>& emit) {
  const int64_t base = BaseOffsetFromName(path);
  const size_t entry = time_index ? 12 : 8;
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (size > 0 && !ReadAt(fd, bytes.data(), bytes.size(), 0)) return Status::IOError("cannot read " + path);
  for (size_t i = 0; i + entry <= bytes.size(); i += entry) {
    if (time_index) {
      const int64_t ts = static_cast<int64_t>(LoadBe64(bytes.data() + i));
      const int32_t rel = static_cast<int32_t>(LoadBe32(bytes.data() + i + 8));
      if (i > 0 && ts == 0 && rel == 0) break;  // the unused, preallocated part
      emit("timestamp: " + std::to_string(ts) + " offset: " + std::to_string(base + rel));
    } else {
      const int32_t rel = static_cast<int32_t>(LoadBe32(bytes.data() + i));
      const int32_t position = static_cast<int32_t>(LoadBe32(bytes.data() + i + 4));
      if (i > 0 && rel == 0) break;
      emit("offset: " + std::to_string(base + rel) + " position: " + std::to_string(position));
    }
  }
  return Status::Ok();
}

}  // namespace

Status DumpLogFile(const std::string& path, bool print_data, const std::function<void(const std::string&)>& emit) {
  Fd f;
  f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd < 0) return Status::FromErrno(errno, "cannot open '" + path + "'");
  struct stat st{};
  if (::fstat(f.fd, &st) != 0) return Status::FromErrno(errno, "cannot stat '" + path + "'");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const std::string ext = std::filesystem::path(path).extension().string();
  emit("Dumping " + path);
  if (ext == ".log") return DumpSegment(f.fd, size, path, print_data, emit);
  if (ext == ".index") return DumpIndex(f.fd, size, path, false, emit);
  if (ext == ".timeindex") return DumpIndex(f.fd, size, path, true, emit);
  return Status::InvalidArgument("'" + path + "': only .log, .index and .timeindex files can be dumped");
}

}  // namespace partita::cli
