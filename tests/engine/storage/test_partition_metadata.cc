// Unit tests for topic ids on disk (KIP-516): Kafka's Uuid text form, the partition.metadata file (format and
// Kafka's parsing rules) and LogManager's stray-log rule — an existing partition directory whose file names
// another topic id is an earlier incarnation of a recreated topic and is replaced by an empty log.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "engine/coordination/kafka_znodes.h"
#include "engine/protocol/uuid_text.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log_manager.h"
#include "engine/storage/partition_metadata_file.h"
#include "tests/engine/storage/batch_fixture.h"

using namespace partita;
using namespace partita::storage;
using namespace partita::storage::testing;

namespace {
constexpr const char* kIdA = "vM9Qz6YfR7uKZ3Xc1L0m2w";
constexpr const char* kIdB = "Fq2xY8pTQ-2d0aN_jW5e7g";
}  // namespace

class TestPartitionMetadata : public QObject {
  Q_OBJECT
 private slots:
  void uuidText() {
    // Kafka's Uuid.toString of the UUID 00000000-0000-0001-0000-000000000002 (most 1, least 2).
    protocol::Uuid u{};
    u[7] = 1;
    u[15] = 2;
    QCOMPARE(protocol::UuidToText(u), std::string("AAAAAAAAAAEAAAAAAAAAAg"));
    QCOMPARE(*protocol::UuidFromText("AAAAAAAAAAEAAAAAAAAAAg"), u);
    QCOMPARE(protocol::UuidToText(protocol::kZeroUuid), std::string("AAAAAAAAAAAAAAAAAAAAAA"));
    for (const char* id : {kIdA, kIdB}) QCOMPARE(protocol::UuidToText(*protocol::UuidFromText(id)), std::string(id));
    QVERIFY(!protocol::UuidFromText("AAAAAAAAAAEAAAAAAAAAA"));    // 21 characters
    QVERIFY(!protocol::UuidFromText("AAAAAAAAAAEAAAAAAAAAAg="));  // padding
    QVERIFY(!protocol::UuidFromText("AAAAAAAAAAEAAAAAAAAA+g"));   // not URL-safe
    QVERIFY(!protocol::UuidFromText("AAAAAAAAAAEAAAAAAAAAAh"));   // non-zero padding bits
    QCOMPARE(protocol::UuidOrZero("not an id"), protocol::kZeroUuid);
    // The controller's new topic ids: random version-4 UUIDs in this text form, never starting with '-'.
    for (int i = 0; i < 100; ++i) {
      const std::string id = coordination::GenerateUuid();
      auto bytes = protocol::UuidFromText(id);
      QVERIFY2(bytes && id.front() != '-', id.c_str());
      QCOMPARE(int((*bytes)[6] >> 4), 4);
      QCOMPARE(int((*bytes)[8] >> 6), 2);
    }
  }

  void fileFormat() {
    QCOMPARE(FormatPartitionMetadata(kIdA), std::string("version: 0\ntopic_id: ") + kIdA + "\n");
    QCOMPARE(*ParsePartitionMetadata(FormatPartitionMetadata(kIdA)), std::string(kIdA));
    QCOMPARE(*ParsePartitionMetadata(std::string("version:   0\ntopic_id:\t") + kIdB), std::string(kIdB));
    for (const std::string& bad : std::vector<std::string>{"", "version: 0\n", "version: x\ntopic_id: " + std::string(kIdA),
                                  "version 0\ntopic_id: " + std::string(kIdA), "version: 0\ntopic: " + std::string(kIdA),
                                  "version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAA", "version: 0\ntopic_id: short",
                                  "topic_id: " + std::string(kIdA) + "\nversion: 0"}) {
      auto parsed = ParsePartitionMetadata(bad);
      QVERIFY2(!parsed.ok(), bad.c_str());
      QVERIFY(parsed.status().IsCorruption());
    }
  }

  void strayIncarnationIsReplaced() {
    QTemporaryDir tmp;
    LogManagerConfig cfg;
    cfg.log_dirs = {tmp.path().toStdString() + "/d1"};
    cfg.broker_id = 1;
    cfg.cluster_id = "cluster";
    const TopicPartition tp{"reborn", PartitionId(0)};
    const std::string dir = cfg.log_dirs[0] + "/reborn-0";
    {
      auto mgr = LogManager::Open(cfg);
      QVERIFY(mgr.ok());
      auto log = (*mgr)->GetOrCreateLog(tp, LogConfig{}, kIdA);
      QVERIFY(log.ok());
      QVERIFY((*log)->AppendAsLeader(SimpleBatch(5, 1000), LeaderEpoch(0)).ok());
      QCOMPARE(*ReadWholeFile(dir + "/partition.metadata"), std::string("version: 0\ntopic_id: ") + kIdA + "\n");
      // Same id: the same log.
      auto again = (*mgr)->GetOrCreateLog(tp, LogConfig{}, kIdA);
      QVERIFY(again.ok() && *again == *log);
      QVERIFY((*mgr)->Shutdown(true).ok());
    }
    // Restarted after the topic was recreated (new id): the old data must not come back as the new topic's.
    auto mgr = LogManager::Open(cfg);
    QVERIFY(mgr.ok());
    QCOMPARE((*mgr)->GetLog(tp)->LogEndOffset().value, 5);
    auto log = (*mgr)->GetOrCreateLog(tp, LogConfig{}, kIdB);
    QVERIFY2(log.ok(), log.status().ToString().c_str());
    QCOMPARE((*log)->LogEndOffset().value, 0);
    QCOMPARE((*log)->LogStartOffset().value, 0);
    // As Kafka's PartitionMetadataFile: the new id is written before the first record, not at creation.
    QVERIFY(!std::filesystem::exists(dir + "/partition.metadata"));
    QVERIFY((*log)->AppendAsLeader(SimpleBatch(1, 1000), LeaderEpoch(0)).ok());
    QCOMPARE(*ReadWholeFile(dir + "/partition.metadata"), std::string("version: 0\ntopic_id: ") + kIdB + "\n");
    QCOMPARE((*mgr)->GetLog(tp), *log);
  }

  void logWithoutFileGetsTheIdAndMalformedFileIsRefused() {
    QTemporaryDir tmp;
    LogManagerConfig cfg;
    cfg.log_dirs = {tmp.path().toStdString() + "/d1"};
    const TopicPartition old_tp{"old", PartitionId(0)};
    const TopicPartition bad_tp{"bad", PartitionId(0)};
    auto mgr = LogManager::Open(cfg);
    QVERIFY(mgr.ok());
    // A log from before topic ids (created without one): it keeps its data and gets the id once known.
    auto old_log = (*mgr)->GetOrCreateLog(old_tp, LogConfig{});
    QVERIFY(old_log.ok());
    QVERIFY((*old_log)->AppendAsLeader(SimpleBatch(3, 1000), LeaderEpoch(0)).ok());
    QVERIFY(!std::filesystem::exists(cfg.log_dirs[0] + "/old-0/partition.metadata"));
    auto with_id = (*mgr)->GetOrCreateLog(old_tp, LogConfig{}, kIdA);
    QVERIFY(with_id.ok());
    QCOMPARE((*with_id)->LogEndOffset().value, 3);
    QVERIFY((*with_id)->Flush().ok());  // the recorded id reaches the file at the next append or flush
    QCOMPARE(*ReadWholeFile(cfg.log_dirs[0] + "/old-0/partition.metadata"),
             std::string("version: 0\ntopic_id: ") + kIdA + "\n");
    // A damaged file is reported, never silently replaced.
    auto bad_log = (*mgr)->GetOrCreateLog(bad_tp, LogConfig{});
    QVERIFY(bad_log.ok());
    QVERIFY(WriteFileAtomically(cfg.log_dirs[0] + "/bad-0/partition.metadata", "version: 0\ntopic_id: ???\n").ok());
    auto refused = (*mgr)->GetOrCreateLog(bad_tp, LogConfig{}, kIdB);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.status().ToString().find("partition.metadata") != std::string::npos,
             refused.status().ToString().c_str());
    QVERIFY((*mgr)->GetLog(bad_tp));
    QVERIFY((*mgr)->Shutdown(true).ok());
  }
};

QTEST_GUILESS_MAIN(TestPartitionMetadata)
#include "test_partition_metadata.moc"
