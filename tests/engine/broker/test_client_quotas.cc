// Unit tests for client quotas (engine/broker/client_quotas.h): Kafka's eight precedence levels, entity paths in
// ZooKeeper's layout, Kafka's Rate over sampled windows, and the throttle time of a client over its quota
// (QuotaUtils.throttleTime), KIP-124 request time as a percentage of a thread, with explicit timestamps.
#include <QtTest>

#include "engine/broker/client_quotas.h"

using namespace partita::broker;
using P = QuotaEntityPart;

class TestClientQuotas : public QObject {
  Q_OBJECT
 private slots:
  void precedenceFollowsKafkasEightLevels() {
    // Every level sets producer_byte_rate to its own number; removing levels from the most specific one down must
    // reveal them in Kafka's order.
    const QuotaEntity levels[] = {
        {P::Named("u"), P::Named("c")}, {P::Named("u"), P::Default()}, {P::Named("u"), P::Absent()},
        {P::Default(), P::Named("c")},  {P::Default(), P::Default()},  {P::Default(), P::Absent()},
        {P::Absent(), P::Named("c")},   {P::Absent(), P::Default()},
    };
    ClientQuotaConfigs configs;
    for (int i = 0; i < 8; ++i) configs[levels[i]][kProducerByteRate] = i + 1;
    for (int i = 0; i < 8; ++i) {
      auto q = ResolveQuota(configs, kProducerByteRate, "u", "c");
      QVERIFY(q.has_value());
      QCOMPARE(q->bound, double(i + 1));
      QVERIFY(q->matched == levels[i]);
      configs.erase(levels[i]);
    }
    QVERIFY(!ResolveQuota(configs, kProducerByteRate, "u", "c").has_value());
  }

  void quotaTypesResolveIndependently() {
    ClientQuotaConfigs configs;
    configs[{P::Named("u"), P::Absent()}][kConsumerByteRate] = 10;
    configs[{P::Absent(), P::Default()}][kProducerByteRate] = 20;
    QCOMPARE(ResolveQuota(configs, kConsumerByteRate, "u", "c")->bound, 10.0);
    QCOMPARE(ResolveQuota(configs, kProducerByteRate, "u", "c")->bound, 20.0);
    QVERIFY(!ResolveQuota(configs, kConsumerByteRate, "other", "c").has_value());
  }

  void entityPathsUseKafkasLayout() {
    QCOMPARE(QuotaEntity({P::Named("alice"), P::Named("app 1")}).ZkEntityPath(),
             std::string("users/alice/clients/app%201"));
    QCOMPARE(QuotaEntity({P::Default(), P::Absent()}).ZkEntityPath(), std::string("users/<default>"));
    QCOMPARE(QuotaEntity({P::Absent(), P::Default()}).ZkEntityPath(), std::string("clients/<default>"));
    auto parsed = QuotaEntity::FromZkEntityPath("users/<default>/clients/app%201");
    QVERIFY(parsed.has_value());
    QVERIFY(parsed->user == P::Default());
    QVERIFY(parsed->client_id == P::Named("app 1"));
    QVERIFY(!QuotaEntity::FromZkEntityPath("topics/t").has_value());
    QVERIFY(!QuotaEntity::FromZkEntityPath("users/").has_value());
    QVERIFY(!QuotaEntity::FromZkEntityPath("users/a/topics/b").has_value());
  }

  void rateUsesAtLeastSamplesMinusOneWindows() {
    SampledRate rate(11, 1000);
    rate.Record(10000, 0);
    // Kafka's Rate.windowSize: at least (samples - 1) full windows, so one early burst is spread over 10 s.
    QCOMPARE(rate.WindowSizeMs(500), int64_t(10500));
    QCOMPARE(rate.Measure(500), 10000 / 10.5);
    // Samples older than samples x window are purged.
    QCOMPARE(rate.Measure(20000), 0.0);
  }

  void throttleBringsTheRateBackToTheQuota() {
    ClientQuotaManager quotas(3, 1);
    ClientQuotaConfigs configs;
    configs[{P::Absent(), P::Named("c")}][kProducerByteRate] = 1000;
    quotas.ReplaceAll(configs);
    // 1000 B/s over a 2 s minimum window: 2000 bytes are within quota, 4000 are twice the bound.
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kProduce, "ANONYMOUS", "c", 2000, 0), 0);
    const int32_t throttle = quotas.RecordAndGetThrottleMs(QuotaType::kProduce, "ANONYMOUS", "c", 2000, 0);
    // (rate - bound) / bound x window = (2000 - 1000) / 1000 x 2000 ms.
    QCOMPARE(throttle, 2000);
    // Other client ids and the fetch direction are not limited.
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kProduce, "ANONYMOUS", "d", 1e9, 0), 0);
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kFetch, "ANONYMOUS", "c", 1e9, 0), 0);
    // Removing the quota lifts it at once.
    quotas.ReplaceAll({});
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kProduce, "ANONYMOUS", "c", 1e9, 0), 0);
  }

  void defaultEntitiesMeasureEachClientApart() {
    ClientQuotaManager quotas(3, 1);
    ClientQuotaConfigs configs;
    configs[{P::Absent(), P::Default()}][kConsumerByteRate] = 1000;
    configs[{P::Named("team"), P::Absent()}][kConsumerByteRate] = 1000;
    quotas.ReplaceAll(configs);
    // <default> client id: each client id has its own 1000 B/s.
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kFetch, "x", "a", 2000, 0), 0);
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kFetch, "x", "b", 2000, 0), 0);
    // A named user's quota is shared by all of its client ids.
    QCOMPARE(quotas.RecordAndGetThrottleMs(QuotaType::kFetch, "team", "a", 2000, 0), 0);
    QVERIFY(quotas.RecordAndGetThrottleMs(QuotaType::kFetch, "team", "b", 2000, 0) > 0);
  }

  void requestTimeIsAPercentageOfOneThread() {
    // KIP-124: request_percentage=10 for user u (shared by all its client ids): 10 % of one thread, i.e. 200 ms
    // of thread time over the 2 s minimum window of a 3 x 1 s quota window.
    ClientQuotaManager quotas(3, 1);
    QVERIFY(!quotas.request_quotas_active());
    ClientQuotaConfigs configs;
    configs[{P::Named("u"), P::Absent()}][kRequestPercentage] = 10;
    configs[{P::Absent(), P::Default()}][kProducerByteRate] = 1e9;
    quotas.ReplaceAll(configs);
    QVERIFY(quotas.request_quotas_active());
    constexpr int64_t kMs = 1000000;  // nanoseconds
    QCOMPARE(ClientQuotaManager::NanosToPercentage(100 * kMs), 10.0);
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("u", "a", 100 * kMs, 0), 0);   // 5 %
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("u", "b", 100 * kMs, 0), 0);   // 10 %: at the bound
    // 250 ms over 2 s = 12.5 %: (12.5 - 10) / 10 x 2000 ms.
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("u", "a", 50 * kMs, 0), 500);
    // Far over: Kafka bounds a request throttle by one window (quota.window.size.seconds).
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("u", "a", 1000 * kMs, 0), 1000);
    // Another user has no request quota; byte quotas do not make request time count.
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("v", "a", 100000 * kMs, 0), 0);
    // The metrics see one request sensor for u: 125 % of a thread over 2 s, throttles of 500 and 1000 ms.
    auto stats = quotas.SensorStats(0);
    QCOMPARE(stats.size(), size_t(1));
    QCOMPARE(int(stats[0].type), int(QuotaType::kRequest));
    QCOMPARE(stats[0].user, std::string("u"));
    QCOMPARE(stats[0].client_id, std::string(""));
    QCOMPARE(stats[0].rate, 62.5);
    QCOMPARE(stats[0].throttle_time_ms, 750.0);
    // 1.5 s later: 1 full window elapsed, padded to the 2 minimum (Rate.windowSize): 125 over 2.5 s. Once every
    // sample is older than 3 s, nothing.
    QCOMPARE(quotas.SensorStats(1500)[0].rate, 50.0);
    QCOMPARE(quotas.SensorStats(3500)[0].rate, 0.0);
    QCOMPARE(quotas.SensorStats(3500)[0].throttle_time_ms, 0.0);
    QCOMPARE(quotas.RecordRequestTimeAndGetThrottleMs("u", "a", 100 * kMs, 3500), 0);
    // Exempt time is a plain total.
    quotas.RecordExemptRequestTime(5 * kMs);
    QCOMPARE(quotas.exempt_request_ns(), 5 * kMs);
    quotas.ReplaceAll({});
    QVERIFY(!quotas.request_quotas_active());
  }

  void principalNames() {
    QCOMPARE(ClientQuotaManager::UserOf("User:alice"), std::string("alice"));
    QCOMPARE(ClientQuotaManager::UserOf("User:CN=a,O=b"), std::string("CN=a,O=b"));
    QCOMPARE(ClientQuotaManager::UserOf("User:ANONYMOUS"), std::string("ANONYMOUS"));
  }
};

QTEST_GUILESS_MAIN(TestClientQuotas)
#include "test_client_quotas.moc"
