// Unit tests for broker configuration: server.properties parsing, listeners, BrokerConfig::FromMap's
// validation and derived values, and ValidateConfigValue for every config type.
#include <QtTest>

#include <fstream>

#include "engine/broker/broker_config.h"
#include "engine/broker/config_def.h"

using namespace partita;
using namespace partita::broker;

namespace {

using Map = std::map<std::string, std::string>;

Map Minimal() { return {{"broker.id", "1"}, {"zookeeper.connect", "127.0.0.1:2181"}}; }

Map With(Map m, const std::string& k, const std::string& v) {
  m[k] = v;
  return m;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

class TestBrokerConfig : public QObject {
  Q_OBJECT
 private slots:
  // --- ParseProperties -----------------------------------------------------------------------------------------

  void propertiesCommentsSeparatorsAndTrimming() {
    const std::string text =
        "# a comment\n"
        "! another comment\n"
        "\n"
        "   \n"
        "broker.id=3\n"
        "  log.dirs =  /tmp/a , /tmp/b  \n"
        "zookeeper.connect: localhost:2181/kafka\n"  // ':' separator; the value keeps its own colons
        "\tlisteners\t=\tPLAINTEXT://:9092\r\n"    // CRLF files
        "empty.value=\n"
        "url=http://x/?a=b\n"                      // only the first separator splits
        "  # indented comment\n";
    auto props = ParseProperties(text);
    QVERIFY(props.ok());
    const Map expected = {{"broker.id", "3"},
                          {"log.dirs", "/tmp/a , /tmp/b"},
                          {"zookeeper.connect", "localhost:2181/kafka"},
                          {"listeners", "PLAINTEXT://:9092"},
                          {"empty.value", ""},
                          {"url", "http://x/?a=b"}};
    QCOMPARE(props->size(), expected.size());
    for (const auto& [k, v] : expected) {
      QVERIFY2(props->count(k), k.c_str());
      QCOMPARE(props->at(k), v);
    }
  }

  void propertiesContinuationLines() {
    const std::string text =
        "listeners=PLAINTEXT://:9092,\\\n"
        "          CLIENTS://:9093\n"
        "a=one\\\n"
        "two\\\n"
        "   three\n"
        "path=C:\\\\dir\\\\\n"  // an even number of trailing backslashes does not continue
        "next=1\n";
    auto props = ParseProperties(text);
    QVERIFY(props.ok());
    QCOMPARE(props->at("listeners"), std::string("PLAINTEXT://:9092,CLIENTS://:9093"));
    QCOMPARE(props->at("a"), std::string("onetwothree"));
    QVERIFY(props->count("next"));
    QCOMPARE(props->at("next"), std::string("1"));
  }

  void propertiesLaterValueWins() {
    auto props = ParseProperties("k=1\nk=2\n");
    QVERIFY(props.ok());
    QCOMPARE(props->at("k"), std::string("2"));
  }

  void propertiesMalformedLineIsAnErrorWithItsLineNumber() {
    auto props = ParseProperties("broker.id=1\n# fine\nthis line has no separator\n");
    QVERIFY(!props.ok());
    QVERIFY2(Contains(props.status().message(), "line 3"), props.status().message().c_str());
  }

  void propertiesEmptyText() {
    auto props = ParseProperties("");
    QVERIFY(props.ok());
    QVERIFY(props->empty());
  }

  // --- ParseListeners ------------------------------------------------------------------------------------------

  void listenersHostEmptyHostAndIpv6() {
    auto l = ParseListeners("PLAINTEXT://localhost:9092, INTERNAL://:9093,V6://[::1]:9094");
    QVERIFY(l.ok());
    QCOMPARE(l->size(), size_t(3));
    QCOMPARE((*l)[0].name, std::string("PLAINTEXT"));
    QCOMPARE((*l)[0].host, std::string("localhost"));
    QCOMPARE((*l)[0].port, 9092);
    QCOMPARE((*l)[1].name, std::string("INTERNAL"));
    QCOMPARE((*l)[1].host, std::string());
    QCOMPARE((*l)[1].port, 9093);
    QCOMPARE((*l)[2].host, std::string("::1"));
    QCOMPARE((*l)[2].port, 9094);
    QCOMPARE((*l)[0].ToString(), std::string("PLAINTEXT://localhost:9092"));
    auto zero = ParseListeners("PLAINTEXT://127.0.0.1:0");
    QVERIFY(zero.ok());
    QCOMPARE((*zero)[0].port, 0);
  }

  void listenersBadInput_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("port not a number") << "PLAINTEXT://host:abc";
    QTest::newRow("port with junk") << "PLAINTEXT://host:90x";
    QTest::newRow("empty port") << "PLAINTEXT://host:";
    QTest::newRow("port too large") << "PLAINTEXT://host:65536";
    QTest::newRow("negative port") << "PLAINTEXT://host:-1";
    QTest::newRow("no port") << "PLAINTEXT://host";
    QTest::newRow("no scheme") << "host:9092";
  }
  void listenersBadInput() {
    QFETCH(QString, text);
    auto l = ParseListeners(text.toStdString());
    QVERIFY(!l.ok());
    QVERIFY(l.status().message().find("listener") != std::string::npos);
  }

  // --- BrokerConfig::FromMap -----------------------------------------------------------------------------------

  void minimalConfigUsesDefaults() {
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromMap(Minimal(), &warnings);
    QVERIFY2(c.ok(), c.ok() ? "" : c.status().ToString().c_str());
    QVERIFY(warnings.empty());
    QCOMPARE(c->broker_id(), 1);
    QCOMPARE(c->zookeeper_connect(), std::string("127.0.0.1:2181"));
    QCOMPARE(c->listeners().size(), size_t(1));
    QCOMPARE(c->listeners()[0].port, 9092);
    QCOMPARE(c->listeners()[0].host, std::string("127.0.0.1"));  // loopback until security lands (issue 9)
    QCOMPARE(c->log_dirs(), std::vector<std::string>{"/tmp/kafka-logs"});  // log.dir's default
    QCOMPARE(c->retention_ms(), int64_t(168) * 3600000);
    QCOMPARE(c->roll_ms(), int64_t(168) * 3600000);
    QCOMPARE(c->index_interval_bytes(), 4096);
    QCOMPARE(c->GetLong("num.partitions"), int64_t(1));
    QCOMPARE(c->GetBool("auto.create.topics.enable"), true);
    QVERIFY(c->SourceOf("num.partitions") == ConfigSource::kDefaultConfig);
    QVERIFY(c->SourceOf("broker.id") == ConfigSource::kStaticBrokerConfig);
    QVERIFY(!c->rack().has_value());
    QVERIFY(!c->Get("advertised.listeners").has_value());
  }

  // Issue 14: an undeclared key is reported by name, as Kafka reports an unknown config, and ignored: a copied
  // server.properties with vendor or plugin keys still starts, and a typo does not pass unseen.
  void unknownKeyIsReportedNamingIt() {
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromMap(With(Minimal(), "log.retention.hour", "5"), &warnings);
    QVERIFY(c.ok());
    QCOMPARE(warnings.size(), size_t(1));
    QVERIFY2(Contains(warnings[0], "unknown configuration key 'log.retention.hour'"), warnings[0].c_str());
    QVERIFY(!c->Get("log.retention.hour").has_value() || c->retention_ms() == int64_t(168) * 3600000);
    warnings.clear();
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "listener.name.plaintext.no.such.key", "1"), &warnings).ok());
    QCOMPARE(warnings.size(), size_t(1));
  }

  void kafkaOnlyKeyIsAWarning() {
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromMap(With(Minimal(), "background.threads", "5"), &warnings);
    QVERIFY(c.ok());
    QCOMPARE(warnings.size(), size_t(1));
    QVERIFY(Contains(warnings[0], "'background.threads'"));
    QVERIFY(Contains(warnings[0], "not supported"));
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "background.threads", "5"), nullptr).ok());
  }

  // Kafka security settings Partita lacks stop the broker: warning and running unprotected would mislead.
  void securitySettingsWithoutEffectAreRefused() {
    // Kafka's ACL authorizer (and its pre-2.4 name) selects ours; any other class would not be enforced.
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "authorizer.class.name", "kafka.security.authorizer.AclAuthorizer"),
                                  nullptr).ok());
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "authorizer.class.name", "kafka.security.auth.SimpleAclAuthorizer"),
                                  nullptr).ok());
    auto authorizer = BrokerConfig::FromMap(
        With(Minimal(), "authorizer.class.name", "org.apache.ranger.authorization.kafka.authorizer.RangerKafkaAuthorizer"),
        nullptr);
    QVERIFY(!authorizer.ok());
    QVERIFY2(Contains(authorizer.status().message(), "ACLs would not be enforced"), authorizer.status().message().c_str());
    QVERIFY(!BrokerConfig::FromMap(With(Minimal(), "zookeeper.set.acl", "true"), nullptr).ok());
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "zookeeper.set.acl", "false"), nullptr).ok());
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "authorizer.class.name", ""), nullptr).ok());
  }

  void notAppliedKeyIsAcceptedWithAWarning() {
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromMap(With(Minimal(), "num.io.threads", "16"), &warnings);
    QVERIFY(c.ok());
    QCOMPARE(warnings.size(), size_t(1));
    QVERIFY(Contains(warnings[0], "'num.io.threads' is accepted but not applied"));
    QCOMPARE(c->GetLong("num.io.threads"), int64_t(16));
    // A key that takes effect warns about nothing.
    warnings.clear();
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "socket.send.buffer.bytes", "65536"), &warnings).ok());
    QVERIFY(warnings.empty());
  }

  void badValueIsAnErrorNamingTheKey_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("int not a number") << "num.partitions" << "many";
    QTest::newRow("int below min") << "num.partitions" << "0";
    QTest::newRow("int above int32") << "num.network.threads" << "4294967296";
    QTest::newRow("int above max") << "num.network.threads" << "65";
    QTest::newRow("bool") << "auto.create.topics.enable" << "yes";
    QTest::newRow("long") << "log.retention.ms" << "1.5";
    QTest::newRow("long below min") << "log.retention.ms" << "-2";
    QTest::newRow("enum string") << "compression.type" << "brotli";
    QTest::newRow("enum list") << "log.cleanup.policy" << "delete,shred";
    QTest::newRow("broker.id") << "broker.id" << "x";
  }
  void badValueIsAnErrorNamingTheKey() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    auto c = BrokerConfig::FromMap(With(Minimal(), key.toStdString(), value.toStdString()), nullptr);
    QVERIFY(!c.ok());
    QVERIFY2(Contains(c.status().message(), key.toStdString()), c.status().message().c_str());
    QVERIFY2(Contains(c.status().message(), value.toStdString()), c.status().message().c_str());
  }

  // Issue 9: the resource bounds and their defaults; queued.max.request.bytes, when set, holds one request.
  void resourceBounds() {
    auto c = BrokerConfig::FromMap(Minimal(), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->GetLong("queued.max.request.bytes"), int64_t(512) << 20);
    QCOMPARE(c->GetLong("max.connections"), int64_t(INT32_MAX));
    QCOMPARE(c->GetLong("max.connections.per.ip"), int64_t(INT32_MAX));
    QCOMPARE(c->GetLong("partita.max.partitions.per.topic"), int64_t(10000));
    QCOMPARE(c->GetLong("partita.max.partitions.per.request"), int64_t(50000));
    QVERIFY(BrokerConfig::FromMap(With(Minimal(), "queued.max.request.bytes", "-1"), nullptr).ok());
    auto small = BrokerConfig::FromMap(With(Minimal(), "queued.max.request.bytes", "1000"), nullptr);
    QVERIFY(!small.ok());
    QVERIFY2(Contains(small.status().message(), "socket.request.max.bytes"), small.status().message().c_str());
    QVERIFY(!BrokerConfig::FromMap(With(Minimal(), "partita.max.partitions.per.topic", "0"), nullptr).ok());
  }

  void missingRequiredKeys() {
    Map no_zk = Minimal();
    no_zk.erase("zookeeper.connect");
    auto c = BrokerConfig::FromMap(no_zk, nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "zookeeper.connect"));
    c = BrokerConfig::FromMap(With(Minimal(), "zookeeper.connect", ""), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "zookeeper.connect"));

    Map no_id = Minimal();
    no_id.erase("broker.id");
    c = BrokerConfig::FromMap(no_id, nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "broker.id"));
    c = BrokerConfig::FromMap(With(Minimal(), "broker.id", "-1"), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "broker.id"));
  }

  void badListenersNameTheKey() {
    auto c = BrokerConfig::FromMap(With(Minimal(), "listeners", "PLAINTEXT://h:port"), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "listeners"));
    c = BrokerConfig::FromMap(With(Minimal(), "listeners", " , "), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "listeners"));
    c = BrokerConfig::FromMap(With(Minimal(), "advertised.listeners", "PLAINTEXT://h"), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "advertised.listeners"));
  }

  void retentionPrecedenceMsOverMinutesOverHours() {
    Map m = Minimal();
    m["log.retention.hours"] = "2";
    auto c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(2) * 3600000);
    m["log.retention.minutes"] = "3";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(3) * 60000);
    m["log.retention.ms"] = "4567";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(4567));
    // -1 means forever, whichever unit says it.
    c = BrokerConfig::FromMap(With(Minimal(), "log.retention.hours", "-1"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(-1));
    c = BrokerConfig::FromMap(With(Minimal(), "log.retention.minutes", "-1"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(-1));
    c = BrokerConfig::FromMap(With(Minimal(), "log.retention.ms", "-1"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->retention_ms(), int64_t(-1));
  }

  void rollFromMsOrHoursAndIndexInterval() {
    auto c = BrokerConfig::FromMap(With(Minimal(), "log.roll.hours", "5"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->roll_ms(), int64_t(5) * 3600000);
    Map m = With(Minimal(), "log.roll.hours", "5");
    m["log.roll.ms"] = "1234";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->roll_ms(), int64_t(1234));

    c = BrokerConfig::FromMap(With(Minimal(), "log.index.interval.bytes", "100"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->index_interval_bytes(), 100);
    m = With(Minimal(), "log.index.interval.bytes", "100");
    m["index.interval.bytes"] = "200";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->index_interval_bytes(), 200);
  }

  void logDirsOverLogDir() {
    auto c = BrokerConfig::FromMap(With(Minimal(), "log.dir", "/data/one"), nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->log_dirs(), std::vector<std::string>{"/data/one"});
    Map m = With(Minimal(), "log.dir", "/data/one");
    m["log.dirs"] = "/data/a, /data/b,,";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->log_dirs(), (std::vector<std::string>{"/data/a", "/data/b"}));
    c = BrokerConfig::FromMap(With(Minimal(), "log.dirs", " , "), nullptr);
    QVERIFY(!c.ok());
    QVERIFY(Contains(c.status().message(), "log.dirs"));
  }

  void advertisedListenersDefaultToListenersAndFollowBoundPorts() {
    Map m = With(Minimal(), "listeners", "PLAINTEXT://127.0.0.1:0,INTERNAL://127.0.0.1:0");
    m["listener.security.protocol.map"] = "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT";  // a named listener needs one
    auto c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->advertised_listeners().size(), size_t(2));
    QCOMPARE(c->advertised_listeners()[0].host, std::string("127.0.0.1"));
    c->SetBoundPort(0, 40001);
    c->SetBoundPort(1, 40002);
    c->SetBoundPort(7, 1);  // out of range: ignored
    QCOMPARE(c->listeners()[0].port, 40001);
    QCOMPARE(c->listeners()[1].port, 40002);
    QCOMPARE(c->advertised_listeners()[0].port, 40001);
    QCOMPARE(c->advertised_listeners()[1].port, 40002);
    QCOMPARE(c->advertised_listeners()[1].name, std::string("INTERNAL"));

    // Explicit advertised listeners keep their own host; a port 0 one follows the bound port, a fixed one
    // (a NAT/proxy port) is kept.
    m["advertised.listeners"] = "PLAINTEXT://public.example:0,INTERNAL://proxy:19092";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    c->SetBoundPort(0, 40001);
    c->SetBoundPort(1, 40002);
    QCOMPARE(c->advertised_listeners()[0].host, std::string("public.example"));
    QCOMPARE(c->advertised_listeners()[0].port, 40001);
    QCOMPARE(c->advertised_listeners()[1].port, 19092);
  }

  void fromFileAppliesOverrides() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("server.properties").toStdString();
    {
      std::ofstream f(path);
      f << "broker.id=1\nzookeeper.connect=localhost:2181\nnum.partitions=3\n";
    }
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromFile(path, {"num.partitions = 7", "broker.rack=r1"}, &warnings);
    QVERIFY(c.ok());
    QCOMPARE(c->GetLong("num.partitions"), int64_t(7));
    QCOMPARE(c->rack().value_or(""), std::string("r1"));
    QVERIFY(!BrokerConfig::FromFile(path, {"no-equals"}, nullptr).ok());
    auto missing = BrokerConfig::FromFile(dir.filePath("nope.properties").toStdString(), {}, nullptr);
    QVERIFY(!missing.ok());
    QVERIFY(missing.status().IsNotFound());
    {
      std::ofstream f(path);
      f << "broker.id=1\ngarbage line\n";
    }
    auto bad = BrokerConfig::FromFile(path, {}, nullptr);
    QVERIFY(!bad.ok());
    QVERIFY(Contains(bad.status().message(), path));
    QVERIFY(Contains(bad.status().message(), "line 2"));
  }

  // --- ValidateConfigValue -------------------------------------------------------------------------------------

  void validateEachType_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("topic");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    // boolean
    QTest::newRow("bool true") << "preallocate" << true << "true" << true;
    QTest::newRow("bool false") << "preallocate" << true << "false" << true;
    QTest::newRow("bool 1") << "preallocate" << true << "1" << false;
    QTest::newRow("bool empty") << "preallocate" << true << "" << false;
    // int with range [14, int32 max]
    QTest::newRow("int ok") << "segment.bytes" << true << "1048576" << true;
    QTest::newRow("int at min") << "segment.bytes" << true << "14" << true;
    QTest::newRow("int below min") << "segment.bytes" << true << "13" << false;
    QTest::newRow("int at int32 max") << "segment.bytes" << true << "2147483647" << true;
    QTest::newRow("int over int32") << "segment.bytes" << true << "2147483648" << false;
    QTest::newRow("int trailing junk") << "segment.bytes" << true << "100MB" << false;
    QTest::newRow("int empty") << "segment.bytes" << true << "" << false;
    QTest::newRow("int padded") << "segment.bytes" << true << " 1024 " << true;
    // long with range [-1, int64 max]
    QTest::newRow("long -1") << "retention.ms" << true << "-1" << true;
    QTest::newRow("long -2") << "retention.ms" << true << "-2" << false;
    QTest::newRow("long int64 max") << "retention.ms" << true << "9223372036854775807" << true;
    QTest::newRow("long overflow") << "retention.ms" << true << "9223372036854775808" << false;
    QTest::newRow("long fraction") << "retention.ms" << true << "1.0" << false;
    // double in [0, 1]
    QTest::newRow("double ok") << "min.cleanable.dirty.ratio" << true << "0.25" << true;
    QTest::newRow("double one") << "min.cleanable.dirty.ratio" << true << "1" << true;
    QTest::newRow("double above") << "min.cleanable.dirty.ratio" << true << "1.5" << false;
    QTest::newRow("double negative") << "min.cleanable.dirty.ratio" << true << "-0.1" << false;
    QTest::newRow("double junk") << "min.cleanable.dirty.ratio" << true << "half" << false;
    QTest::newRow("double empty") << "min.cleanable.dirty.ratio" << true << "" << false;
    // enumerated string
    QTest::newRow("enum LogAppendTime") << "message.timestamp.type" << true << "LogAppendTime" << true;
    QTest::newRow("enum wrong case") << "message.timestamp.type" << true << "logappendtime" << false;
    QTest::newRow("compression zstd") << "compression.type" << true << "zstd" << true;
    QTest::newRow("compression producer") << "compression.type" << true << "producer" << true;
    QTest::newRow("compression foo") << "compression.type" << true << "foo" << false;
    // enumerated list
    QTest::newRow("list compact") << "cleanup.policy" << true << "compact" << true;
    QTest::newRow("list compact,delete") << "cleanup.policy" << true << "compact,delete" << true;
    QTest::newRow("list spaced") << "cleanup.policy" << true << "delete, compact" << true;
    QTest::newRow("list foo") << "cleanup.policy" << true << "foo" << false;
    QTest::newRow("list one bad item") << "cleanup.policy" << true << "compact,foo" << false;
    // free string and list
    QTest::newRow("free string") << "broker.rack" << false << "anything at all" << true;
    QTest::newRow("free list") << "listeners" << false << "PLAINTEXT://:1,X://:2" << true;
  }
  void validateEachType() {
    QFETCH(QString, key);
    QFETCH(bool, topic);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const ConfigKey* k = topic ? FindTopicKey(key.toStdString()) : FindBrokerKey(key.toStdString());
    QVERIFY(k);
    Status s = ValidateConfigValue(*k, value.toStdString());
    QCOMPARE(s.ok(), ok);
    if (!ok) {
      QVERIFY2(Contains(s.message(), key.toStdString()), s.message().c_str());
      QVERIFY(s.code() == Status::Code::kInvalidArgument);
    }
  }

  void keyTablesAreConsistent() {
    // Every default validates against its own key, and every topic key's broker key exists.
    for (const auto* table : {&BrokerConfigKeys(), &TopicConfigKeys()}) {
      for (const auto& k : *table) {
        if (!k.default_value) continue;
        Status s = ValidateConfigValue(k, *k.default_value);
        QVERIFY2(s.ok(), s.ToString().c_str());
      }
    }
    for (const auto& k : TopicConfigKeys()) {
      std::string_view b = BrokerKeyForTopicKey(k.name);
      if (!b.empty()) QVERIFY2(FindBrokerKey(b) != nullptr, std::string(b).c_str());
    }
    QCOMPARE(BrokerKeyForTopicKey("retention.ms"), std::string_view("log.retention.ms"));
    QCOMPARE(BrokerKeyForTopicKey("preallocate"), std::string_view("log.preallocate"));
    QVERIFY(BrokerKeyForTopicKey("segment.jitter.ms").empty());
    QVERIFY(FindBrokerKey("no.such.key") == nullptr);
    QVERIFY(FindTopicKey("log.retention.ms") == nullptr);
  }

  // --- dynamic broker configs (WithDynamic) ----------------------------------------------------------------
  void dynamicLayersPerBrokerOverDefaultOverStatic() {
    Map m = Minimal();
    m["min.insync.replicas"] = "2";
    m["log.retention.hours"] = "5";
    auto c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    std::vector<std::string> ignored;
    BrokerConfig d = c->WithDynamic({{"min.insync.replicas", "3"}, {"log.retention.ms", "1234"}},
                                    {{"min.insync.replicas", "1"}}, &ignored);
    QVERIFY(ignored.empty());
    QCOMPARE(d.GetLong("min.insync.replicas"), int64_t(1));
    QCOMPARE(d.SourceOf("min.insync.replicas"), ConfigSource::kDynamicBrokerConfig);
    QCOMPARE(d.SourceOf("log.retention.ms"), ConfigSource::kDynamicDefaultBrokerConfig);
    QCOMPARE(d.retention_ms(), int64_t(1234));  // derived values are resolved again
    QCOMPARE(d.SourceOf("log.retention.hours"), ConfigSource::kStaticBrokerConfig);
    // The original is unchanged (configs are values).
    QCOMPARE(c->GetLong("min.insync.replicas"), int64_t(2));
    QCOMPARE(c->retention_ms(), int64_t(5) * 3600000);
    // Dropping the per-broker value falls back to the default layer.
    BrokerConfig e = c->WithDynamic({{"min.insync.replicas", "3"}}, {}, nullptr);
    QCOMPARE(e.GetLong("min.insync.replicas"), int64_t(3));
    QCOMPARE(e.SourceOf("min.insync.replicas"), ConfigSource::kDynamicDefaultBrokerConfig);
  }

  void dynamicLayersIgnoreStaticOnlyUnknownAndInvalidKeys() {
    auto c = BrokerConfig::FromMap(Minimal(), nullptr);
    QVERIFY(c.ok());
    std::vector<std::string> ignored;
    BrokerConfig d = c->WithDynamic({{"broker.id", "9"}, {"no.such", "1"}, {"num.network.threads", "4"}},
                                    {{"min.insync.replicas", "zero"}, {"leader.replication.throttled.rate", "100"}},
                                    &ignored);
    QCOMPARE(ignored.size(), size_t(4));
    QCOMPARE(d.broker_id(), c->broker_id());
    QCOMPARE(d.GetLong("num.network.threads"), c->GetLong("num.network.threads"));
    QCOMPARE(d.GetLong("min.insync.replicas"), int64_t(1));
    QCOMPARE(d.GetLong("leader.replication.throttled.rate"), int64_t(100));
    QVERIFY(IsDynamicBrokerKey("log.segment.bytes"));
    QVERIFY(IsDynamicBrokerKey("unclean.leader.election.enable"));
    QVERIFY(!IsDynamicBrokerKey("log.dirs"));
    QVERIFY(!IsDynamicBrokerKey("num.io.threads"));
  }
  // --- Listener security (issue 10) ------------------------------------------------------------------------

  void listenerProtocolsFromTheDefaultMapAndNamedListeners() {
    Map m = Minimal();
    m["listeners"] = "plaintext://127.0.0.1:9092,INTERNAL://127.0.0.1:9094,CLIENTS://127.0.0.1:9095";
    m["listener.security.protocol.map"] = "INTERNAL:PLAINTEXT,CLIENTS:SSL,PLAINTEXT:PLAINTEXT";
    m["ssl.keystore.type"] = "PEM";
    m["listener.name.clients.ssl.keystore.location"] = "/etc/partita/clients.pem";
    m["inter.broker.listener.name"] = "internal";
    std::vector<std::string> warnings;
    auto c = BrokerConfig::FromMap(m, &warnings);
    QVERIFY2(c.ok(), c.ok() ? "" : c.status().ToString().c_str());
    QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());  // listener.name.* is known
    QCOMPARE(c->listeners()[0].name, std::string("PLAINTEXT"));  // upper-cased as Kafka does
    QVERIFY(c->listeners()[0].protocol == security::SecurityProtocol::kPlaintext);
    QVERIFY(c->listeners()[2].protocol == security::SecurityProtocol::kSsl);
    QCOMPARE(c->inter_broker_listener(), std::string("INTERNAL"));
    QCOMPARE(c->TlsSettingsFor("CLIENTS").keystore_location, std::string("/etc/partita/clients.pem"));
    QCOMPARE(c->TlsSettingsFor("INTERNAL").keystore_location, std::string());
    QCOMPARE(*c->GetForListener("CLIENTS", "ssl.keystore.type"), std::string("PEM"));
  }

  void interBrokerListenerDefaults() {
    Map m = Minimal();
    auto c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->inter_broker_listener(), std::string("PLAINTEXT"));
    m["listeners"] = "REPL://127.0.0.1:9092";
    m["listener.security.protocol.map"] = "REPL:PLAINTEXT";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(c.ok());
    QCOMPARE(c->inter_broker_listener(), std::string("REPL"));
    m["security.inter.broker.protocol"] = "SSL";
    c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(!c.ok());
    QVERIFY2(Contains(c.status().message(), "security.inter.broker.protocol"), c.status().message().c_str());
  }

  void unprovidableListenersAreRefused_data() {
    QTest::addColumn<QString>("listeners");
    QTest::addColumn<QString>("extra_key");
    QTest::addColumn<QString>("extra_value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ssl without key store") << "SSL://:9093" << "" << "" << "ssl.keystore.location";
    QTest::newRow("sasl") << "SASL_SSL://:9093" << "" << "" << "SASL";
    QTest::newRow("unmapped") << "X://:9093" << "" << "" << "no security protocol defined for listener X";
    QTest::newRow("bad map") << "X://:9093" << "listener.security.protocol.map" << "X:TLS" << "unknown security protocol";
    QTest::newRow("map without colon") << "X://:9093" << "listener.security.protocol.map" << "X" << "LISTENER_NAME:PROTOCOL";
    QTest::newRow("duplicate names") << "PLAINTEXT://:9092,PLAINTEXT://:9093" << "" << "" << "different name";
    QTest::newRow("duplicate ports") << "PLAINTEXT://:9092,SSL://:9092" << "ssl.keystore.location" << "/k.pem"
                                     << "different port";
    QTest::newRow("jks") << "SSL://:9093" << "ssl.keystore.type" << "JKS" << "PEM";
    QTest::newRow("pem store password") << "SSL://:9093" << "ssl.keystore.password" << "x" << "ssl.keystore.password";
    QTest::newRow("both ibl keys") << "PLAINTEXT://:9092" << "inter.broker.listener.name" << "PLAINTEXT"
                                   << "only one of";
    QTest::newRow("advertised unknown") << "PLAINTEXT://:9092" << "advertised.listeners" << "SSL://h:1"
                                        << "not in listeners";
  }
  void unprovidableListenersAreRefused() {
    QFETCH(QString, listeners);
    QFETCH(QString, extra_key);
    QFETCH(QString, extra_value);
    QFETCH(QString, expected);
    Map m = Minimal();
    m["listeners"] = listeners.toStdString();
    if (!extra_key.isEmpty()) m[extra_key.toStdString()] = extra_value.toStdString();
    if (QString(QTest::currentDataTag()) == "jks" || QString(QTest::currentDataTag()) == "pem store password") {
      m["ssl.keystore.location"] = "/k.pem";
      if (QString(QTest::currentDataTag()) == "pem store password") m["ssl.keystore.type"] = "PEM";
    }
    if (QString(QTest::currentDataTag()) == "both ibl keys") m["security.inter.broker.protocol"] = "PLAINTEXT";
    auto c = BrokerConfig::FromMap(m, nullptr);
    QVERIFY(!c.ok());
    QVERIFY2(Contains(c.status().message(), expected.toStdString()), c.status().message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestBrokerConfig)
#include "test_broker_config.moc"
