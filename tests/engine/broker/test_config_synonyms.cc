// Unit tests for DescribeConfigs synonyms in Kafka's order (ConfigHelper.configSynonyms, KIP-226): layer by
// layer, synonym names within a layer, starting at the key itself.
#include <QtTest>

#include "engine/broker/config_synonyms.h"

using namespace partita;
using namespace partita::broker;

namespace {

using Map = std::map<std::string, std::string>;

std::string Describe(const std::vector<ConfigSynonym>& synonyms) {
  std::string out;
  for (const auto& s : synonyms) {
    if (!out.empty()) out += ",";
    out += std::to_string(static_cast<int>(s.source)) + ":" + s.name + "=" + s.value.value_or("null");
  }
  return out;
}

}  // namespace

class TestConfigSynonyms : public QObject {
  Q_OBJECT
 private slots:
  void layersComeBeforeNamesAndTheDefaultIsLast() {
    // Sources on the wire: 2 per-broker dynamic, 3 cluster-default dynamic, 4 server.properties, 5 default.
    Map per_broker{{"log.retention.hours", "10"}};
    Map cluster_default{{"log.retention.ms", "5000"}};
    Map static_values{{"log.retention.minutes", "30"}, {"log.retention.ms", "9000"}};
    auto synonyms = LayeredSynonyms("log.retention.ms", {&per_broker, &cluster_default, &static_values}, false);
    // The per-broker log.retention.hours comes before the key itself and is dropped, as Kafka's dropWhile does.
    QCOMPARE(Describe(synonyms), std::string("3:log.retention.ms=5000,4:log.retention.ms=9000,"
                                             "4:log.retention.minutes=30,5:log.retention.hours=168"));
  }

  void aKeyNeverSetHasNoSynonymsWhenOnlyALowerUnitIs() {
    // Kafka shows topic retention.ms with synonyms={} while only log.retention.hours (default) is set.
    Map empty;
    QVERIFY(LayeredSynonyms("log.retention.ms", {&empty, &empty, &empty}, false).empty());
  }

  void staticAndDefaultAreBothListed() {
    Map empty;
    Map static_values{{"log.cleanup.policy", "compact"}};
    QCOMPARE(Describe(LayeredSynonyms("log.cleanup.policy", {&empty, &empty, &static_values}, false)),
             std::string("4:log.cleanup.policy=compact,5:log.cleanup.policy=delete"));
  }

  void sensitiveValuesAreHidden() {
    Map per_broker{{"log.cleanup.policy", "compact"}};
    auto synonyms = LayeredSynonyms("log.cleanup.policy", {&per_broker, nullptr, nullptr}, true);
    QCOMPARE(synonyms.size(), size_t(2));
    for (const auto& s : synonyms) QVERIFY(!s.value.has_value());
  }

  void timeKeysHaveTheirUnitSynonyms() {
    QCOMPARE(BrokerKeySynonyms("log.roll.ms").size(), size_t(2));
    QCOMPARE(BrokerKeySynonyms("log.retention.ms").back(), std::string_view("log.retention.hours"));
    QCOMPARE(BrokerKeySynonyms("num.io.threads").size(), size_t(1));
  }
};

QTEST_GUILESS_MAIN(TestConfigSynonyms)
#include "test_config_synonyms.moc"
