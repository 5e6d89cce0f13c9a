// Usage: PARTITA_BUILD_DIR=<build> schema_decode_bench [records=100000] [pages=50]
// Decode rate of the message browser with schemas (issue 15): starts ZooKeeper + partita-broker (BrokerFixture),
// produces `records` Avro records and as many Protobuf records (written with the app's JSON encoders, values
// read through local .avsc / .proto files, as Schema Files… sets them) to two one-partition topics, then
// - page: SchemaRegistry::decode of a 100-row page (what the table asks after each page), `pages` times;
// - scan: MessageBrowser::search over every record with a value filter that matches nothing, once with the
//   schema catalog (each record decoded to its one-line JSON and matched) and once without (raw bytes only).
// Prints records/s for each. Not a ctest test: figures go to docs/PERFORMANCE.md with the command line.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/bridge/avro_json_encoder.h"
#include "app/bridge/message_browser.h"
#include "app/bridge/protobuf_json_encoder.h"
#include "app/bridge/schema_catalog.h"
#include "app/bridge/schema_registry.h"
#include "engine/client/cluster_client.h"
#include "tests/bench/browser/bench_broker.h"

using namespace partita;

namespace {

const char kOrderAvsc[] =
    "{\"type\": \"record\", \"name\": \"Order\", \"namespace\": \"shop\", \"fields\": ["
    "{\"name\": \"id\", \"type\": \"long\"},"
    "{\"name\": \"customer\", \"type\": {\"type\": \"record\", \"name\": \"Customer\", \"fields\": ["
    "  {\"name\": \"name\", \"type\": \"string\"}, {\"name\": \"email\", \"type\": \"string\"}]}},"
    "{\"name\": \"status\", \"type\": {\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"NEW\", \"PAID\", \"SHIPPED\"]}},"
    "{\"name\": \"items\", \"type\": {\"type\": \"array\", \"items\": \"string\"}},"
    "{\"name\": \"prices\", \"type\": {\"type\": \"map\", \"values\": \"double\"}},"
    "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null},"
    "{\"name\": \"total\", \"type\": \"double\"}]}";
const char kParcelProto[] =
    "syntax = \"proto3\";\npackage shop;\n"
    "message Parcel { int64 id = 1; string label = 2; repeated int32 sizes = 3; map<string, int64> stock = 4;\n"
    "  enum Kind { SMALL = 0; LARGE = 1; }\n  Kind kind = 5; string customer = 6; }\n";

bool Write(const QString& path, const QByteArray& text) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

double Rate(qint64 records, qint64 nsecs) { return records / (std::max<qint64>(nsecs, 1) / 1e9); }

bool ProduceAll(client::ClusterClient& client, const std::string& topic, qint64 count,
                const std::function<std::string(qint64)>& value) {
  client::NewTopic t;
  t.name = topic;
  t.partitions = 1;
  t.replication_factor = 1;
  if (!client.CreateTopic(t).ok()) return false;
  for (qint64 done = 0; done < count;) {
    std::vector<client::ProduceRecord> batch;
    const qint64 n = std::min<qint64>(5000, count - done);
    for (qint64 i = 0; i < n; ++i) {
      client::ProduceRecord r;
      r.value = value(done + i);
      batch.push_back(std::move(r));
    }
    if (!client.Produce({topic, PartitionId(0)}, batch, 1).ok()) return false;
    done += n;
  }
  return true;
}

app::MessagePage Wait(app::MessageBrowser& browser, quint64 id) {
  QSignalSpy ready(&browser, &app::MessageBrowser::pageReady);
  QSignalSpy failed(&browser, &app::MessageBrowser::requestFailed);
  while (ready.isEmpty() && failed.isEmpty()) ready.wait(5);
  if (!failed.isEmpty() || ready.at(0).at(0).toULongLong() != id) {
    std::fprintf(stderr, "failed: %s\n", failed.isEmpty() ? "other id" : qPrintable(failed.at(0).at(1).toString()));
    std::exit(1);
  }
  return ready.at(0).at(1).value<app::MessagePage>();
}

void Measure(app::MessageBrowser& browser, app::SchemaRegistry& registry, const QString& topic, int pages) {
  app::MessageQuery q;
  q.topic = topic;
  q.start = app::MessageStart::Earliest;
  q.pageSize = 100;
  const app::MessagePage page = Wait(browser, browser.open(q));
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < pages; ++i) {
    QSignalSpy decoded(&registry, &app::SchemaRegistry::decoded);
    registry.decode(topic, page.rows);
    if (!decoded.wait(30000)) std::exit(1);
    const auto rows = decoded.at(0).at(1).value<QList<app::DecodedRow>>();
    if (rows.size() != page.rows.size() || rows[0].value.kind != app::DecodedPayload::Kind::Decoded) {
      std::fprintf(stderr, "%s: not decoded: %s\n", qPrintable(topic), qPrintable(rows.value(0).value.error));
      std::exit(1);
    }
  }
  const qint64 pageNs = timer.nsecsElapsed();
  std::printf("%-6s page decode: %d pages of %lld rows in %.1f ms = %.0f records/s (%.2f ms a page)\n",
              qPrintable(topic), pages, static_cast<long long>(page.rows.size()), pageNs / 1e6,
              Rate(qint64(pages) * page.rows.size(), pageNs), pageNs / 1e6 / pages);

  q.filter.valueContains = "\"note\":\"never written\"";
  for (const bool decoding : {false, true}) {
    browser.setSchemaCatalog(decoding ? registry.catalog() : nullptr);
    timer.restart();
    const app::MessagePage found = Wait(browser, browser.search(q, 100));
    const qint64 ns = timer.nsecsElapsed();
    std::printf("%-6s filter scan %-8s: %lld records in %.2f s = %.0f records/s (%lld matches)\n", qPrintable(topic),
                decoding ? "decoded" : "raw", static_cast<long long>(found.scanned), ns / 1e9, Rate(found.scanned, ns),
                static_cast<long long>(found.rows.size()));
  }
  browser.setSchemaCatalog(nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const qint64 records = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100000;
  const int pages = argc > 2 ? QByteArray(argv[2]).toInt() : 50;
  QTemporaryDir dir;
  const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
  const QString proto = dir.filePath(QStringLiteral("parcel.proto"));
  if (!Write(avsc, kOrderAvsc) || !Write(proto, kParcelProto)) return 1;
  const auto order = app::LoadLocalSchema(avsc);
  const auto parcel = app::LoadLocalSchema(proto);
  if (!order->error.isEmpty() || !parcel->error.isEmpty()) return 1;

  auto broker = bench::StartBenchBroker();
  if (!broker) return 1;
  client::ClusterClient& client = *broker->client;
  QElapsedTimer produceTimer;
  produceTimer.start();
  const bool produced =
      ProduceAll(client, "avro", records, [&](qint64 i) {
        const nlohmann::json v = {{"id", i},
                                  {"customer", {{"name", "customer " + std::to_string(i % 1000)}, {"email", "c@example.com"}}},
                                  {"status", i % 2 ? "PAID" : "NEW"},
                                  {"items", {"tea", "cake", "scone"}},
                                  {"prices", {{"tea", 2.5}, {"cake", 3.75}}},
                                  {"note", {{"string", "ring twice"}}},
                                  {"total", 9.25}};
        return *app::EncodeAvroJson(*order->avro, v);
      }) &&
      ProduceAll(client, "proto", records, [&](qint64 i) {
        const nlohmann::json v = {{"id", i},           {"label", "fragile"},
                                  {"sizes", {3, 4, 5}}, {"stock", {{"tea", 9}, {"cake", 4}}},
                                  {"kind", "LARGE"},   {"customer", "customer " + std::to_string(i % 1000)}};
        return *app::EncodeProtobufJson(*parcel->protobuf, "shop.Parcel", v);
      });
  if (!produced) {
    std::fprintf(stderr, "produce failed\n");
    return 1;
  }
  std::printf("produced 2 x %lld records in %.1f s\n", static_cast<long long>(records), produceTimer.elapsed() / 1000.0);

  app::SchemaRegistry registry;  // no registry endpoint: the topics' values read through local files
  registry.setLocalSchemas({{QStringLiteral("avro"), {{}, {avsc, {}}}}, {QStringLiteral("proto"), {{}, {proto, {}}}}});
  app::MessageBrowser browser;
  browser.setBootstrapServers(QString::fromStdString(broker->fixture->bootstrap()));
  Measure(browser, registry, QStringLiteral("avro"), pages);
  Measure(browser, registry, QStringLiteral("proto"), pages);
  return 0;
}
