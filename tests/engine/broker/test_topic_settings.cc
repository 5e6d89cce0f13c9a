// Unit tests for a topic's effective configuration: overrides over broker settings over defaults, the typed
// TopicSettings the hot paths use, DescribeConfigs entries with Kafka's sources, and override validation.
#include <QtTest>

#include "engine/broker/topic_settings.h"

using namespace partita;
using namespace partita::broker;

namespace {

using Map = std::map<std::string, std::string>;

BrokerConfig MakeBroker(Map extra = {}) {
  Map m = {{"broker.id", "1"}, {"zookeeper.connect", "127.0.0.1:2181"}};
  for (auto& [k, v] : extra) m[k] = v;
  auto c = BrokerConfig::FromMap(m, nullptr);
  if (!c.ok()) qFatal("bad test broker config: %s", c.status().ToString().c_str());
  return *c;
}

const ConfigEntry* FindEntry(const std::vector<ConfigEntry>& entries, const std::string& name) {
  for (const auto& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

int Src(ConfigSource s) { return static_cast<int>(s); }

}  // namespace

class TestTopicSettings : public QObject {
  Q_OBJECT
 private slots:
  void defaultsWhenNothingIsSet() {
    TopicSettings s = ResolveTopicSettings(MakeBroker(), {});
    QCOMPARE(s.log.segment_bytes, 1073741824);
    QCOMPARE(s.log.segment_ms, int64_t(168) * 3600000);
    QVERIFY(!s.log.segment_jitter_ms.has_value());
    QCOMPARE(s.log.retention_ms, int64_t(168) * 3600000);
    QCOMPARE(s.log.retention_bytes, int64_t(-1));
    QCOMPARE(s.log.index_interval_bytes, 4096);
    QCOMPARE(s.log.max_index_bytes, 10485760);
    QCOMPARE(s.log.flush_interval_messages, INT64_MAX);
    QCOMPARE(s.log.flush_interval_ms, INT64_MAX);
    QVERIFY(s.log.message_timestamp_type == storage::TimestampType::kCreateTime);
    QCOMPARE(s.max_message_bytes, 1048588);
    QCOMPARE(s.min_insync_replicas, 1);
    QVERIFY(!s.unclean_leader_election);
    QVERIFY(!s.compact);
    QVERIFY(s.keep_producer_compression);
  }

  void overrideBeatsBrokerBeatsDefault() {
    BrokerConfig broker = MakeBroker({{"log.segment.bytes", "2000000"},
                                      {"message.max.bytes", "500000"},
                                      {"log.retention.minutes", "10"},
                                      {"log.roll.ms", "60000"},
                                      {"min.insync.replicas", "2"},
                                      {"log.retention.bytes", "999"}});
    TopicSettings s = ResolveTopicSettings(broker, {});
    QCOMPARE(s.log.segment_bytes, 2000000);
    QCOMPARE(s.max_message_bytes, 500000);
    QCOMPARE(s.log.retention_ms, int64_t(600000));
    QCOMPARE(s.log.segment_ms, int64_t(60000));
    QCOMPARE(s.min_insync_replicas, 2);
    QCOMPARE(s.log.retention_bytes, int64_t(999));

    s = ResolveTopicSettings(broker, {{"segment.bytes", "3000"},
                                      {"max.message.bytes", "1000"},
                                      {"retention.ms", "-1"},
                                      {"segment.ms", "5000"},
                                      {"segment.jitter.ms", "100"},
                                      {"min.insync.replicas", "3"},
                                      {"unclean.leader.election.enable", "true"},
                                      {"index.interval.bytes", "128"},
                                      {"segment.index.bytes", "8192"},
                                      {"flush.messages", "1"},
                                      {"flush.ms", "10"}});
    QCOMPARE(s.log.segment_bytes, 3000);
    QCOMPARE(s.max_message_bytes, 1000);
    QCOMPARE(s.log.retention_ms, int64_t(-1));
    QCOMPARE(s.log.segment_ms, int64_t(5000));
    QCOMPARE(s.log.segment_jitter_ms.value_or(-1), int64_t(100));
    QCOMPARE(s.min_insync_replicas, 3);
    QVERIFY(s.unclean_leader_election);
    QCOMPARE(s.log.index_interval_bytes, 128);
    QCOMPARE(s.log.max_index_bytes, 8192);
    QCOMPARE(s.log.flush_interval_messages, int64_t(1));
    QCOMPARE(s.log.flush_interval_ms, int64_t(10));
    QCOMPARE(s.log.retention_bytes, int64_t(999));  // not overridden: still the broker's
  }

  void compressionType() {
    // Default: keep what the producer sent.
    TopicSettings s = ResolveTopicSettings(MakeBroker(), {});
    QVERIFY(s.keep_producer_compression);
    // Broker-wide gzip.
    BrokerConfig gzip_broker = MakeBroker({{"compression.type", "gzip"}});
    s = ResolveTopicSettings(gzip_broker, {});
    QVERIFY(!s.keep_producer_compression);
    QVERIFY(s.compression == protocol::Compression::kGzip);
    // The topic says producer: beats the broker's gzip.
    s = ResolveTopicSettings(gzip_broker, {{"compression.type", "producer"}});
    QVERIFY(s.keep_producer_compression);
    const std::pair<const char*, protocol::Compression> cases[] = {{"snappy", protocol::Compression::kSnappy},
                                                                  {"lz4", protocol::Compression::kLz4},
                                                                  {"zstd", protocol::Compression::kZstd},
                                                                  {"uncompressed", protocol::Compression::kNone}};
    for (auto [name, codec] : cases) {
      s = ResolveTopicSettings(gzip_broker, {{"compression.type", name}});
      QVERIFY2(!s.keep_producer_compression, name);
      QVERIFY2(s.compression == codec, name);
    }
  }

  // KIP-390: the level the broker recompresses with is the topic's compression.<codec>.level, else the broker's,
  // else Kafka's default (gzip -1, lz4 9, zstd 3).
  void compressionLevels() {
    TopicSettings s = ResolveTopicSettings(MakeBroker(), {{"compression.type", "zstd"}});
    QCOMPARE(s.compression_level, 3);
    s = ResolveTopicSettings(MakeBroker(), {{"compression.type", "lz4"}});
    QCOMPARE(s.compression_level, 9);
    s = ResolveTopicSettings(MakeBroker(), {{"compression.type", "gzip"}});
    QCOMPARE(s.compression_level, -1);
    BrokerConfig broker = MakeBroker({{"compression.type", "gzip"}, {"compression.gzip.level", "2"}});
    QCOMPARE(ResolveTopicSettings(broker, {}).compression_level, 2);
    QCOMPARE(ResolveTopicSettings(broker, {{"compression.gzip.level", "9"}}).compression_level, 9);
    s = ResolveTopicSettings(broker, {{"compression.type", "zstd"}, {"compression.zstd.level", "19"}});
    QCOMPARE(s.compression_level, 19);
    // Snappy has no level.
    QCOMPARE(ResolveTopicSettings(broker, {{"compression.type", "snappy"}}).compression_level,
             protocol::kDefaultCompressionLevel);
  }

  void cleanupPolicy() {
    QVERIFY(!ResolveTopicSettings(MakeBroker(), {{"cleanup.policy", "delete"}}).compact);
    QVERIFY(ResolveTopicSettings(MakeBroker(), {{"cleanup.policy", "compact"}}).compact);
    QVERIFY(ResolveTopicSettings(MakeBroker(), {{"cleanup.policy", "compact,delete"}}).compact);
    BrokerConfig compact_broker = MakeBroker({{"log.cleanup.policy", "compact"}});
    QVERIFY(ResolveTopicSettings(compact_broker, {}).compact);
    QVERIFY(!ResolveTopicSettings(compact_broker, {{"cleanup.policy", "delete"}}).compact);
  }

  void logAppendTime() {
    QVERIFY(ResolveTopicSettings(MakeBroker(), {{"message.timestamp.type", "LogAppendTime"}})
                .log.message_timestamp_type == storage::TimestampType::kLogAppendTime);
    BrokerConfig broker = MakeBroker({{"log.message.timestamp.type", "LogAppendTime"}});
    QVERIFY(ResolveTopicSettings(broker, {}).log.message_timestamp_type == storage::TimestampType::kLogAppendTime);
    QVERIFY(ResolveTopicSettings(broker, {{"message.timestamp.type", "CreateTime"}}).log.message_timestamp_type ==
            storage::TimestampType::kCreateTime);
  }

  // KIP-937: before/after bounds, each falling back to the deprecated difference key when left at its default.
  void timestampBounds() {
    TopicSettings s = ResolveTopicSettings(MakeBroker(), {});
    QCOMPARE(s.timestamp_before_max_ms, INT64_MAX);
    QCOMPARE(s.timestamp_after_max_ms, INT64_MAX);
    s = ResolveTopicSettings(MakeBroker({{"log.message.timestamp.difference.max.ms", "1000"}}),
                             {{"message.timestamp.after.max.ms", "50"}});
    QCOMPARE(s.timestamp_before_max_ms, int64_t(1000));
    QCOMPARE(s.timestamp_after_max_ms, int64_t(50));
  }

  // A key without effect says so in DescribeConfigs (Kafka has no flag for it; the documentation carries it).
  void notAppliedKeysSaySoInTheirDocumentation() {
    auto entries = DescribeTopicConfig(MakeBroker(), {{"remote.storage.enable", "true"}});
    const ConfigEntry* e = FindEntry(entries, "remote.storage.enable");
    QVERIFY(e);
    QCOMPARE(e->value.value_or(""), std::string("true"));
    QVERIFY2(e->documentation.find("Not applied by Partita: no tiered storage") != std::string::npos,
             e->documentation.c_str());
    const ConfigEntry* honoured = FindEntry(entries, "retention.ms");
    QVERIFY(honoured && honoured->documentation.find("Not applied") == std::string::npos);
    auto broker_entries = DescribeBrokerConfig(MakeBroker());
    const ConfigEntry* io = FindEntry(broker_entries, "num.io.threads");
    QVERIFY(io && io->documentation.find("Not applied by Partita") != std::string::npos);
  }

  void describeTopicConfigSources() {
    BrokerConfig broker = MakeBroker({{"log.retention.hours", "1"},
                                      {"log.segment.bytes", "2000000"},
                                      {"log.roll.hours", "2"},
                                      {"compression.type", "lz4"}});
    auto entries = DescribeTopicConfig(broker, {{"max.message.bytes", "4096"}, {"cleanup.policy", "compact"}});
    QCOMPARE(entries.size(), TopicConfigKeys().size());

    struct Want {
      const char* name;
      const char* value;
      ConfigSource source;
      int8_t type;
    };
    const Want wants[] = {
        {"max.message.bytes", "4096", ConfigSource::kDynamicTopicConfig, 3},
        {"cleanup.policy", "compact", ConfigSource::kDynamicTopicConfig, 7},
        {"retention.ms", "3600000", ConfigSource::kStaticBrokerConfig, 5},
        {"segment.bytes", "2000000", ConfigSource::kStaticBrokerConfig, 3},
        {"segment.ms", "7200000", ConfigSource::kStaticBrokerConfig, 5},
        {"compression.type", "lz4", ConfigSource::kStaticBrokerConfig, 2},
        {"retention.bytes", "-1", ConfigSource::kDefaultConfig, 5},
        {"min.insync.replicas", "1", ConfigSource::kDefaultConfig, 3},
        {"index.interval.bytes", "4096", ConfigSource::kDefaultConfig, 3},
        {"preallocate", "false", ConfigSource::kDefaultConfig, 1},
        {"min.cleanable.dirty.ratio", "0.5", ConfigSource::kDefaultConfig, 6},
        {"message.timestamp.type", "CreateTime", ConfigSource::kDefaultConfig, 2},
    };
    for (const auto& w : wants) {
      const ConfigEntry* e = FindEntry(entries, w.name);
      QVERIFY2(e, w.name);
      QVERIFY2(e->value.has_value(), w.name);
      QCOMPARE(*e->value, std::string(w.value));
      QCOMPARE(Src(e->source), Src(w.source));
      QCOMPARE(e->type, w.type);
      QVERIFY(!e->documentation.empty());
      QVERIFY(!e->sensitive);
    }
    // The wire values of the sources are Kafka's.
    QCOMPARE(Src(ConfigSource::kDynamicTopicConfig), 1);
    QCOMPARE(Src(ConfigSource::kStaticBrokerConfig), 4);
    QCOMPARE(Src(ConfigSource::kDefaultConfig), 5);

    // With nothing set anywhere, retention.ms and segment.ms are defaults, not broker settings.
    entries = DescribeTopicConfig(MakeBroker(), {});
    QCOMPARE(Src(FindEntry(entries, "retention.ms")->source), Src(ConfigSource::kDefaultConfig));
    QCOMPARE(*FindEntry(entries, "retention.ms")->value, std::string("604800000"));
    QCOMPARE(Src(FindEntry(entries, "segment.ms")->source), Src(ConfigSource::kDefaultConfig));
    QCOMPARE(Src(FindEntry(entries, "compression.type")->source), Src(ConfigSource::kDefaultConfig));
    QCOMPARE(*FindEntry(entries, "compression.type")->value, std::string("producer"));
    // Every topic key is listed exactly once.
    for (const auto& k : TopicConfigKeys()) {
      int n = 0;
      for (const auto& e : entries) n += e.name == k.name;
      QCOMPARE(n, 1);
    }
  }

  void describeBrokerConfig() {
    BrokerConfig broker = MakeBroker({{"num.partitions", "6"}, {"broker.rack", "r1"}});
    auto entries = DescribeBrokerConfig(broker);
    QCOMPARE(entries.size(), BrokerConfigKeys().size());
    const ConfigEntry* e = FindEntry(entries, "num.partitions");
    QVERIFY(e);
    QCOMPARE(e->value.value_or(""), std::string("6"));
    QCOMPARE(Src(e->source), Src(ConfigSource::kStaticBrokerConfig));
    QCOMPARE(e->type, int8_t(3));
    e = FindEntry(entries, "broker.rack");
    QCOMPARE(e->value.value_or(""), std::string("r1"));
    e = FindEntry(entries, "default.replication.factor");
    QCOMPARE(e->value.value_or(""), std::string("1"));
    QCOMPARE(Src(e->source), Src(ConfigSource::kDefaultConfig));
    e = FindEntry(entries, "log.dirs");  // no value and no default
    QVERIFY(!e->value.has_value());
    QCOMPARE(Src(e->source), Src(ConfigSource::kDefaultConfig));
    e = FindEntry(entries, "zookeeper.connect");
    QCOMPARE(e->value.value_or(""), std::string("127.0.0.1:2181"));
    QCOMPARE(Src(e->source), Src(ConfigSource::kStaticBrokerConfig));
    QCOMPARE(FindEntry(entries, "auto.create.topics.enable")->type, int8_t(1));
    QCOMPARE(FindEntry(entries, "listeners")->type, int8_t(7));
  }

  void validateTopicConfig() {
    QVERIFY(ValidateTopicConfig({}).ok());
    QVERIFY(ValidateTopicConfig({{"retention.ms", "1000"}, {"cleanup.policy", "compact,delete"}}).ok());

    Status s = ValidateTopicConfig({{"retention.ms", "1000"}, {"no.such.config", "1"}});
    QVERIFY(!s.ok());
    QVERIFY2(s.message().find("no.such.config") != std::string::npos, s.message().c_str());

    // A broker key is not a topic key.
    s = ValidateTopicConfig({{"log.retention.ms", "1000"}});
    QVERIFY(!s.ok());
    QVERIFY(s.message().find("log.retention.ms") != std::string::npos);

    s = ValidateTopicConfig({{"segment.bytes", "tiny"}});
    QVERIFY(!s.ok());
    QVERIFY2(s.message().find("segment.bytes") != std::string::npos, s.message().c_str());
    QVERIFY(s.message().find("tiny") != std::string::npos);

    s = ValidateTopicConfig({{"cleanup.policy", "foo"}});
    QVERIFY(!s.ok());
    QVERIFY(s.message().find("cleanup.policy") != std::string::npos);

    s = ValidateTopicConfig({{"min.insync.replicas", "0"}});
    QVERIFY(!s.ok());
    QVERIFY(s.message().find("min.insync.replicas") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestTopicSettings)
#include "test_topic_settings.moc"
