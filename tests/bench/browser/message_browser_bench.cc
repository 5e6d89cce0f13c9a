// Usage: PARTITA_BUILD_DIR=<build> message_browser_bench [messages=1000000] [page_ops=200]
// Starts ZooKeeper + partita-broker (BrokerFixture), produces `messages` small records (~30 bytes) to a
// one-partition topic with the engine client (10,000 records a batch), then through MessageBrowser (worker
// thread + signal, what the GUI sees): open at latest, page back page_ops times, page forward, seek to the
// middle by offset; prints min/avg/max per operation and the RSS before and after paging.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <algorithm>
#include <cstdio>

#include "app/bridge/message_browser.h"
#include "engine/client/cluster_client.h"
#include "tests/bench/browser/bench_broker.h"

using namespace partita;

namespace {

long RssKb() {
  QFile f("/proc/self/status");
  if (!f.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray& line : f.readAll().split('\n')) {
    if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').value(0).toLong();
  }
  return -1;
}

struct Timing {
  std::vector<double> ms;
  void Print(const char* name) const {
    if (ms.empty()) return;
    double sum = 0;
    for (double m : ms) sum += m;
    std::printf("%-28s n=%-4zu min %8.2f ms  avg %8.2f ms  max %8.2f ms\n", name, ms.size(),
                *std::min_element(ms.begin(), ms.end()), sum / ms.size(), *std::max_element(ms.begin(), ms.end()));
  }
};

app::MessagePage Run(app::MessageBrowser& browser, const std::function<quint64()>& request, Timing* timing) {
  QSignalSpy ready(&browser, &app::MessageBrowser::pageReady);
  QSignalSpy failed(&browser, &app::MessageBrowser::requestFailed);
  QElapsedTimer t;
  t.start();
  request();
  while (ready.isEmpty() && failed.isEmpty()) ready.wait(5);
  timing->ms.push_back(t.nsecsElapsed() / 1e6);
  if (!failed.isEmpty()) {
    std::fprintf(stderr, "failed: %s\n", qPrintable(failed.at(0).at(1).toString()));
    std::exit(1);
  }
  return ready.at(0).at(1).value<app::MessagePage>();
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const qint64 messages = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
  const int pageOps = argc > 2 ? QByteArray(argv[2]).toInt() : 200;
  auto broker = bench::StartBenchBroker();
  if (!broker) return 1;
  client::ClusterClient& client = *broker->client;
  client::NewTopic topic;
  topic.name = "big";
  topic.partitions = 1;
  topic.replication_factor = 1;
  if (!client.CreateTopic(topic).ok()) return 1;
  QElapsedTimer produceTimer;
  produceTimer.start();
  const TopicPartition tp{"big", PartitionId(0)};
  for (qint64 done = 0; done < messages;) {
    std::vector<client::ProduceRecord> batch;
    const qint64 n = std::min<qint64>(10000, messages - done);
    for (qint64 i = 0; i < n; ++i) {
      client::ProduceRecord r;
      const std::string n = std::to_string(done + i);
      r.key = std::string("k").append(n);  // append: GCC 12 -O3 warns falsely (-Wrestrict) on chained +
      r.value = std::string("{\"n\":").append(n).append(",\"v\":\"abcdef\"}");
      batch.push_back(std::move(r));
    }
    auto produced = client.Produce(tp, batch, 1);
    if (!produced.ok()) {
      std::fprintf(stderr, "produce: %s\n", produced.status().ToString().c_str());
      return 1;
    }
    done += n;
  }
  std::printf("produced %lld messages in %.1f s\n", static_cast<long long>(messages), produceTimer.elapsed() / 1000.0);

  app::MessageBrowser browser;
  browser.setBootstrapServers(QString::fromStdString(broker->fixture->bootstrap()));
  app::MessageQuery q;
  q.topic = "big";
  q.partitions = {0};
  q.start = app::MessageStart::Latest;
  q.pageSize = 100;
  Timing open, openWarm, back, forward, seek;
  app::MessagePage page = Run(browser, [&] { return browser.open(q); }, &open);  // includes connecting
  page = Run(browser, [&] { return browser.open(q); }, &openWarm);
  std::printf("last page: offsets %lld..%lld of %lld\n", static_cast<long long>(page.rows.front().offset),
              static_cast<long long>(page.rows.back().offset), static_cast<long long>(page.bounds[0].highWatermark));
  const long rssBefore = RssKb();
  for (int i = 0; i < pageOps; ++i) page = Run(browser, [&] { return browser.previousPage(q, page); }, &back);
  for (int i = 0; i < pageOps; ++i) page = Run(browser, [&] { return browser.nextPage(q, page); }, &forward);
  for (int i = 0; i < 20; ++i) {
    app::MessageQuery s = q;
    s.start = app::MessageStart::Offset;
    s.offset = messages * (i + 1) / 22;
    page = Run(browser, [&] { return browser.open(s); }, &seek);
  }
  const long rssAfter = RssKb();
  open.Print("open at latest (cold)");
  openWarm.Print("open at latest (warm)");
  back.Print("page back (100 rows)");
  forward.Print("page forward (100 rows)");
  seek.Print("seek by offset");
  std::printf("RSS before paging %ld KiB, after %d pages back + %d forward + 20 seeks %ld KiB\n", rssBefore, pageOps,
              pageOps, rssAfter);
  return 0;
}
