// docs/CONFIG.md is RenderConfigReference()'s output: a key added, removed or changed in ConfigDef without
// regenerating the document fails here (issue 14: the reference must not rot). Also checks the honesty rules the
// document states.
#include <QtTest>

#include <fstream>
#include <set>
#include <sstream>

#include "engine/broker/config_def.h"
#include "engine/broker/config_reference.h"

using namespace partita::broker;

class TestConfigReference : public QObject {
  Q_OBJECT
 private slots:
  void docsMatchConfigDef() {
    const QByteArray source = qgetenv("PARTITA_SOURCE_DIR");
    QVERIFY2(!source.isEmpty(), "PARTITA_SOURCE_DIR is not set");
    const std::string path = source.toStdString() + "/docs/CONFIG.md";
    std::ifstream f(path);
    QVERIFY2(f.good(), ("cannot read " + path).c_str());
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string expected = RenderConfigReference();
    if (ss.str() != expected) {
      const std::string fresh = qgetenv("PARTITA_BUILD_DIR").toStdString() + "/CONFIG.md.expected";
      std::ofstream(fresh) << expected;
      QFAIL(("docs/CONFIG.md is out of date: regenerate it with `partita-broker --config-reference > "
             "docs/CONFIG.md` (expected text written to " + fresh + ")").c_str());
    }
  }

  void everyKeyIsInTheDocument() {
    const std::string doc = RenderConfigReference();
    for (const auto& k : BrokerConfigKeys()) QVERIFY2(doc.find("| `" + std::string(k.name) + "` |") != std::string::npos, k.name.data());
    for (const auto& k : TopicConfigKeys()) QVERIFY2(doc.find("| `" + std::string(k.name) + "` |") != std::string::npos, k.name.data());
    for (auto k : KafkaOnlyBrokerKeys()) QVERIFY(doc.find("- `" + std::string(k) + "`") != std::string::npos);
  }

  // A key is declared or listed as Kafka-only, never both; the Kafka-only list has no duplicates.
  void kafkaOnlyKeysAreNotDeclared() {
    std::set<std::string_view> seen;
    for (auto k : KafkaOnlyBrokerKeys()) {
      QVERIFY2(!FindBrokerKey(k), k.data());
      QVERIFY2(seen.insert(k).second, k.data());
    }
  }

  // The topic keys Kafka 3.8 accepts are all accepted (issue 14: a Terraform module setting one must be able to
  // create its topic).
  void kafkaTopicKeysAreAccepted() {
    for (const char* k :
         {"cleanup.policy", "compression.type", "compression.gzip.level", "compression.lz4.level",
          "compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms",
          "follower.replication.throttled.replicas", "index.interval.bytes", "leader.replication.throttled.replicas",
          "local.retention.bytes", "local.retention.ms", "max.compaction.lag.ms", "max.message.bytes",
          "message.downconversion.enable", "message.format.version", "message.timestamp.after.max.ms",
          "message.timestamp.before.max.ms", "message.timestamp.difference.max.ms", "message.timestamp.type",
          "min.cleanable.dirty.ratio", "min.compaction.lag.ms", "min.insync.replicas", "preallocate",
          "remote.storage.enable", "retention.bytes", "retention.ms", "segment.bytes", "segment.index.bytes",
          "segment.jitter.ms", "segment.ms", "unclean.leader.election.enable"}) {
      QVERIFY2(FindTopicKey(k), k);
    }
    QCOMPARE(TopicConfigKeys().size(), size_t(34));
  }

  void notAppliedNoteNamesTheReason() {
    QVERIFY(NotAppliedNote(*FindBrokerKey("fetch.max.bytes")).empty());
    const std::string note = NotAppliedNote(*FindTopicKey("remote.storage.enable"));
    QVERIFY2(note.starts_with("Not applied by Partita:") && note.find("tiered storage") != std::string::npos,
             note.c_str());
  }
};

QTEST_GUILESS_MAIN(TestConfigReference)
#include "test_config_reference.moc"
