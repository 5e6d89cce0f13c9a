// libFuzzer target: a partition directory as a crash may leave it. The input is cut into the files of one
// segment and the partition's checkpoints, written to a fresh temporary directory, and the Log is opened
// (with or without a clean-shutdown marker: trusting the files, or recovering them), read, searched by
// timestamp and appended to. Input layout (any part may be short or missing):
//   flags u8 (bit 0: clean shutdown) | u16 BE length + the .index | u16 BE length + the .timeindex |
//   u16 BE length + leader-epoch-checkpoint | the rest: 00000000000000000000.log
// The checkpoint bytes also go through the producer-state snapshot and offset-checkpoint parsers.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

#include "engine/broker/producer_state_snapshot.h"
#include "engine/protocol/batch_builder.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/log.h"

using namespace partita;

namespace {

std::filesystem::path g_root;

struct Cursor {
  const uint8_t* p;
  size_t n;
  std::string_view Chunk() {
    if (n < 2) return {};
    size_t len = (size_t{p[0]} << 8) | p[1];
    p += 2;
    n -= 2;
    len = std::min(len, n);
    std::string_view out(reinterpret_cast<const char*>(p), len);
    p += len;
    n -= len;
    return out;
  }
};

void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // recovery logs every truncation; the fuzzer needs speed
  const char* shm = "/dev/shm";
  std::filesystem::path base = std::filesystem::exists(shm) ? shm : std::filesystem::temp_directory_path();
  g_root = base / ("partita-fuzz-log-" + std::to_string(getpid()));
  std::filesystem::create_directories(g_root);
  atexit([] { std::filesystem::remove_all(g_root); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const bool clean_shutdown = data[0] & 1;
  Cursor in{data + 1, size - 1};
  const std::string_view index = in.Chunk(), time_index = in.Chunk(), epochs = in.Chunk();
  const std::string_view log(reinterpret_cast<const char*>(in.p), in.n);

  (void)broker::DecodeProducerSnapshot(epochs);
  (void)storage::ParseOffsetCheckpoint(std::string(epochs));

  const std::filesystem::path dir = g_root / "topic-0";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  WriteFile(dir / "00000000000000000000.log", log);
  if (!index.empty()) WriteFile(dir / "00000000000000000000.index", index);
  if (!time_index.empty()) WriteFile(dir / "00000000000000000000.timeindex", time_index);
  if (!epochs.empty()) WriteFile(dir / "leader-epoch-checkpoint", epochs);

  storage::LogConfig config;
  config.segment_bytes = 1 << 20;
  config.index_interval_bytes = 64;  // small: index entries even in small inputs
  storage::RecoveryHints hints;
  hints.clean_shutdown = clean_shutdown;
  auto opened = storage::Log::Open(dir.string(), config, hints);
  if (!opened.ok()) return 0;
  storage::Log& l = *opened.value();
  // Fetches at the start, the middle and the end, as consumers and followers do.
  const int64_t start = l.LogStartOffset().value, end = l.LogEndOffset().value;
  for (int64_t at : {start, start + (end - start) / 2, end - 1, end}) {
    (void)l.Read(Offset(at), 1 << 16, Offset(end), true);
  }
  (void)l.OffsetForTimestamp(0);
  (void)l.OffsetForTimestamp(INT64_MAX);
  (void)l.MaxTimestampAndOffset();
  (void)l.leader_epochs().EndOffsetForEpoch(0, l.LogEndOffset().value);
  // The recovered log must take new writes.
  protocol::BatchBuilder builder({});
  const uint8_t value[] = {'v'};
  builder.Append(1700000000000, std::nullopt, std::span<const uint8_t>(value));
  auto batch = builder.Build();
  if (batch.ok()) (void)l.AppendAsLeader(batch.value(), LeaderEpoch(1));
  (void)l.Close();
  return 0;
}
