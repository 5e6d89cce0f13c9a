// Writes a real Kafka data dir with the engine's storage::Log for segment browser tests: topic "orders" with
// partition 0 (many batches over several 4 KiB segments, uncompressed and gzip / lz4 / zstd / snappy compressed,
// some with a producer id, epoch and sequence) and partition 1 (one small segment). Header-only; test use.
#pragma once

#include <QString>
#include <string>
#include <vector>

#include "engine/protocol/batch_builder.h"
#include "engine/storage/log.h"

namespace partita::testing {

struct WrittenLog {
  int64_t partition0_records = 0;
  int64_t partition0_batches = 0;
  int64_t first_timestamp = 0;
  int64_t last_timestamp = 0;
  QString error;
};

inline constexpr int64_t kFixtureBaseTime = 1700000000000;  // 2023-11-14

inline std::vector<uint8_t> FixtureBatch(protocol::Compression compression, int records, int64_t ts,
                                         int64_t producer_id, int seq) {
  protocol::BatchBuilder::Options o;
  o.compression = compression;
  if (producer_id >= 0) {
    o.producer_id = producer_id;
    o.producer_epoch = 3;
    o.base_sequence = seq;
  }
  protocol::BatchBuilder b(o);
  for (int i = 0; i < records; ++i) {
    // Built with append: GCC 12 at -O3 warns falsely (-Wrestrict) about chained operator+ here.
    std::string key = "k";
    key.append(std::to_string(seq + i));
    std::string value = "{\"n\":";
    value.append(std::to_string(seq + i)).append(",\"pad\":\"").append(40, 'x').append("\"}");
    b.Append(ts + i, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
             std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  }
  auto built = b.Build();
  return built.ok() ? *built : std::vector<uint8_t>{};
}

// Writes <dataDir>/orders-0 and <dataDir>/orders-1 and closes the logs.
inline WrittenLog WriteFixtureLogs(const QString& dataDir) {
  WrittenLog out;
  storage::LogConfig cfg;
  cfg.segment_bytes = 4096;
  cfg.index_interval_bytes = 256;
  const protocol::Compression codecs[] = {protocol::Compression::kNone, protocol::Compression::kGzip,
                                          protocol::Compression::kLz4, protocol::Compression::kZstd,
                                          protocol::Compression::kSnappy};
  {
    auto log = storage::Log::Open(dataDir.toStdString() + "/orders-0", cfg, storage::RecoveryHints{true, 0, 0});
    if (!log.ok()) {
      out.error = QString::fromStdString(log.status().ToString());
      return out;
    }
    int seq = 0;
    out.first_timestamp = kFixtureBaseTime;
    for (int i = 0; i < 120; ++i) {
      const int records = 5 + i % 4;
      const int64_t ts = kFixtureBaseTime + i * 1000;
      auto batch = FixtureBatch(codecs[i % 5], records, ts, i % 2 == 0 ? 4242 : -1, seq);
      auto appended = (*log)->AppendAsLeader(batch, LeaderEpoch(1));
      if (!appended.ok()) {
        out.error = QString::fromStdString(appended.status().ToString());
        return out;
      }
      seq += records;
      out.last_timestamp = ts + records - 1;
      ++out.partition0_batches;
    }
    out.partition0_records = seq;
    (void)(*log)->Close();
  }
  {
    auto log = storage::Log::Open(dataDir.toStdString() + "/orders-1", cfg, storage::RecoveryHints{true, 0, 0});
    if (!log.ok()) {
      out.error = QString::fromStdString(log.status().ToString());
      return out;
    }
    (void)(*log)->AppendAsLeader(FixtureBatch(protocol::Compression::kNone, 3, kFixtureBaseTime, -1, 0), LeaderEpoch(1));
    (void)(*log)->Close();
  }
  return out;
}

}  // namespace partita::testing
