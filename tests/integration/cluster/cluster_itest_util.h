// Glue of the cluster fault tests: a 3-broker LocalCluster of real partita-broker processes (so kill is a real
// kill -9) on free ports in a temp dir, partita-cli / kcat / cluster_io.py runs, and polling of the cluster's
// metadata through a fresh engine/client ClusterClient (a fresh one each time, so no connection to a killed
// broker is reused).
// Ownership: ClusterUnderTest owns the cluster and its temp dir; its destructor stops every broker and ZooKeeper
// (kills what does not stop) and removes the dir unless PARTITA_KEEP_TEST_DIRS=1.
// Thread safety: none; one test thread.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "engine/client/cluster_client.h"
#include "engine/cluster/local_cluster.h"
#include "tests/engine/metrics/prometheus_text.h"
#include "tests/integration/external_tool.h"
#include "tests/integration/itest_util.h"

namespace partita::itest {

inline QString BuildDir() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")); }
inline QString CliPath() { return BuildDir() + "/app/cli/partita-cli"; }
inline QString BrokerBinary() { return BuildDir() + "/app/broker/partita-broker"; }
inline QString ClusterScript() { return QStringLiteral(PARTITA_CLUSTER_TEST_DIR) + "/cluster_io.py"; }
// Empty when the cluster tests can run: kcat, confluent_kafka, partita-cli and partita-broker present; else what
// is missing and how to get it.
inline QString MissingClusterTools() {
  if (QString m = MissingKcat(); !m.isEmpty()) return m;
  if (QString m = MissingPythonModule("confluent_kafka", "python3-confluent-kafka"); !m.isEmpty()) return m;
  if (!QFile::exists(CliPath())) return "partita-cli not built at " + CliPath();
  if (!QFile::exists(BrokerBinary())) return "partita-broker not built at " + BrokerBinary();
  return {};
}
inline QStringList Lines(const QByteArray& out) { return QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts); }


// Fresh metadata through a new client (so no connection to a killed broker is reused), or nullopt.
inline std::optional<client::ClusterMetadata> MetadataAt(const std::string& bootstrap,
                                                         const client::ClientOptions& options) {
  auto c = client::ClusterClient::Connect(bootstrap, options);
  if (!c.ok()) return std::nullopt;
  auto md = (*c)->RefreshMetadata();
  if (!md.ok()) return std::nullopt;
  return *md;
}

// Where a ClusterUnderTest's brokers listen and how they start (the faults suite runs one broker in a network
// namespace).
struct ClusterLayout {
  std::string host = "127.0.0.1";
  QString broker_binary;  // empty: the built partita-broker
  // Called with the cluster's data dir before the cluster starts (e.g. to write cluster.json with chosen ports).
  std::function<Status(const QString& cluster_dir)> prepare;
};

class ClusterUnderTest {
 public:
  using Layout = ClusterLayout;
  // 3 brokers, zookeeper.session.timeout.ms=6000 so a killed broker's registration goes within seconds.
  static Result<std::unique_ptr<ClusterUnderTest>> Start(std::map<std::string, std::string> overrides = {},
                                                         const Layout& layout = Layout()) {
    std::unique_ptr<ClusterUnderTest> c(new ClusterUnderTest());
    if (!c->dir_.isValid()) return Status::IOError("cannot create a temp dir");
    if (qgetenv("PARTITA_KEEP_TEST_DIRS") == "1") c->dir_.setAutoRemove(false);
    cluster::LocalCluster::Options options;
    options.data_dir = c->dir_.path().toStdString() + "/cluster";
    options.brokers = 3;
    options.mode = cluster::LocalCluster::BrokerMode::kProcess;
    options.broker_binary = (layout.broker_binary.isEmpty() ? BrokerBinary() : layout.broker_binary).toStdString();
    options.host = layout.host;
    if (layout.prepare) {
      QDir().mkpath(QString::fromStdString(options.data_dir));
      PARTITA_RETURN_IF_ERROR(layout.prepare(QString::fromStdString(options.data_dir)));
    }
    options.broker_overrides = {{"zookeeper.session.timeout.ms", "6000"},
                                {"auto.create.topics.enable", "false"},
                                {"num.partitions", "1"}};
    for (auto& [k, v] : overrides) options.broker_overrides[k] = v;
    auto started = cluster::LocalCluster::Start(options);
    if (!started.ok()) return started.status();
    c->cluster_ = std::move(*started);
    c->bootstrap_ = c->cluster_->BootstrapServers();
    // Every broker registered and the controller known before a test starts.
    bool ready = WaitUntil(
        [&] {
          auto md = c->Metadata();
          return md && md->brokers.size() == 3 && md->controller_id >= 0;
        },
        30000);
    if (!ready) return Status::Timeout("the 3 brokers did not all register within 30 s");
    return c;
  }
  ~ClusterUnderTest() {
    if (cluster_) (void)cluster_->Stop();
  }

  cluster::LocalCluster& cluster() { return *cluster_; }
  const std::string& bootstrap() const { return bootstrap_; }
  QString bs() const { return QString::fromStdString(bootstrap_); }
  QString dir() const { return dir_.path(); }
  QString BrokerLogDir(int id) const { return dir_.path() + "/cluster/broker-" + QString::number(id) + "/logs"; }

  // Fresh metadata from any live broker, or nullopt.
  std::optional<client::ClusterMetadata> Metadata() const {
    client::ClientOptions options;
    options.controller_retry_ms = 2000;
    return MetadataAt(bootstrap_, options);
  }
  std::optional<client::PartitionInfo> Partition(const std::string& topic, int partition) const {
    auto md = Metadata();
    if (!md) return std::nullopt;
    const client::TopicInfo* t = md->FindTopic(topic);
    if (!t) return std::nullopt;
    for (const auto& p : t->partitions)
      if (p.partition == partition) return p;
    return std::nullopt;
  }

  ToolRun Cli(const QStringList& args, int timeout_ms = 60000) const { return RunTool(CliPath(), args, timeout_ms); }

  // StartBroker after a kill -9: retried while the broker refuses to start because its predecessor's session still
  // holds /brokers/ids/<id> (until zookeeper.session.timeout.ms passes), then waits until it is registered.
  Status RestartAfterCrash(int id, int timeout_ms = 40000) {
    QElapsedTimer t;
    t.start();
    Status st;
    for (;;) {
      st = cluster_->StartBroker(id);
      if (st.ok()) break;
      if (t.elapsed() > timeout_ms) return st;
      QThread::msleep(500);
    }
    if (!WaitUntil(
            [&] {
              auto md = Metadata();
              return md && md->FindBroker(id) != nullptr;
            },
            timeout_ms))
      return Status::Timeout("broker " + std::to_string(id) + " did not register after its restart");
    return Status::Ok();
  }

  std::string BrokerLogTail(int id, qint64 max_bytes = 3000) const {
    QFile f(dir_.path() + "/cluster/broker-" + QString::number(id) + "/broker.log");
    if (!f.open(QIODevice::ReadOnly)) return {};
    if (f.size() > max_bytes) f.seek(f.size() - max_bytes);
    return f.readAll().toStdString();
  }
  QString AllLogTails() const {
    QString out;
    for (int id = 1; id <= 3; ++id)
      out += QString("\n--- broker %1 log tail ---\n%2").arg(id).arg(QString::fromStdString(BrokerLogTail(id)));
    return out;
  }

 private:
  ClusterUnderTest() = default;
  QTemporaryDir dir_;
  std::unique_ptr<cluster::LocalCluster> cluster_;
  std::string bootstrap_;
};

// Starts a ClusterUnderTest into *c; a test failure (QVERIFY) when it does not start.
inline void StartClusterInto(std::unique_ptr<ClusterUnderTest>* c, std::map<std::string, std::string> overrides = {}) {
  auto started = ClusterUnderTest::Start(std::move(overrides));
  QVERIFY2(started.ok(), qPrintable(QString::fromStdString(started.status().ToString())));
  *c = std::move(*started);
}

// Every partition of topic has a full ISR (all its replicas) and a leader.
inline bool FullyReplicated(const ClusterUnderTest& c, const std::string& topic) {
  auto md = c.Metadata();
  if (!md) return false;
  const client::TopicInfo* t = md->FindTopic(topic);
  if (!t || t->partitions.empty()) return false;
  for (const auto& p : t->partitions) {
    if (p.leader < 0 || p.isr.size() != p.replicas.size()) return false;
  }
  return true;
}

// GET url with Python's urllib; the body, or empty on failure (a killed broker answers nothing).
inline QByteArray HttpGet(const QString& url) {
  ToolRun run = RunTool(PythonInterpreter(),
                        {"-c",
                         "import sys, urllib.request\n"
                         "sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())\n",
                         url},
                        30000);
  return run.ok() ? run.out : QByteArray();
}

// The metrics port broker `id` logged most recently (metrics.listener on port 0; it changes when the broker
// restarts), or 0.
inline int BrokerMetricsPort(const ClusterUnderTest& c, int id) {
  QFile f(c.dir() + "/cluster/broker-" + QString::number(id) + "/broker.log");
  if (!f.open(QIODevice::ReadOnly)) return 0;
  static const QRegularExpression re("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");
  int port = 0;
  for (auto it = re.globalMatch(QString::fromUtf8(f.readAll())); it.hasNext();) port = it.next().captured(1).toInt();
  return port;
}

// Broker `id`'s metrics, parsed; nullopt if it cannot be scraped or serves invalid exposition text (warned).
inline std::optional<testing::PromText> ScrapeBroker(const ClusterUnderTest& c, int id) {
  const int port = BrokerMetricsPort(c, id);
  if (port == 0) return std::nullopt;
  const QByteArray body = HttpGet(QString("http://127.0.0.1:%1/metrics").arg(port));
  if (body.isEmpty()) return std::nullopt;
  auto parsed = testing::ParsePrometheusText(body.toStdString());
  if (!parsed.error.empty()) {
    qWarning("broker %d served invalid exposition text: %s", id, parsed.error.c_str());
    return std::nullopt;
  }
  return parsed;
}

inline QByteArray ReadAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A background cluster_io.py producer; Stop() asks it to finish (stop file) and waits for its summary.
class BackgroundProducer {
 public:
  // extra: more cluster_io.py produce options (--count, --hold-after/--go-file, --key-prefix, --seconds ...).
  BackgroundProducer(const QString& dir, const std::string& bootstrap, const QString& topic, int rate,
                     const QStringList& extra = {})
      : out_(dir + "/acked-" + topic + ".jsonl"), stop_(dir + "/stop-" + topic), log_(dir + "/producer-" + topic) {
    process_.setProgram(PythonInterpreter());
    process_.setArguments(QStringList{"-u", ClusterScript(), "produce", "--bootstrap",
                                      QString::fromStdString(bootstrap), "--topic", topic, "--out", out_,
                                      "--stop-file", stop_, "--rate", QString::number(rate), "--seconds", "150"} +
                          extra);
    process_.setStandardOutputFile(log_ + ".out");
    process_.setStandardErrorFile(log_ + ".err");
    process_.start();
    process_.waitForStarted(10000);
  }
  ~BackgroundProducer() {
    if (process_.state() != QProcess::NotRunning) {
      process_.kill();
      process_.waitForFinished(5000);
    }
  }
  int AckedSoFar() const {
    QFile f(out_);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    return f.readAll().count('\n');
  }
  // True when the producer exited 0 (every record it sent was acknowledged or failed, none left queued).
  bool Stop(QString* summary) {
    QFile touch(stop_);
    touch.open(QIODevice::WriteOnly);
    touch.close();
    const bool finished = process_.waitForFinished(90000);
    QFile out(log_ + ".out"), err(log_ + ".err");
    out.open(QIODevice::ReadOnly);
    err.open(QIODevice::ReadOnly);
    *summary = QString::fromUtf8(out.readAll()) + QString::fromUtf8(err.readAll().right(2000));
    return finished && process_.exitStatus() == QProcess::NormalExit && process_.exitCode() == 0;
  }
  const QString& acked_file() const { return out_; }
  qint64 pid() const { return process_.processId(); }

 private:
  QString out_, stop_, log_;
  QProcess process_;
};

}  // namespace partita::itest

// Test-slot checks that append every broker's log tail to the failure message (the test class holds c_).
#define CLUSTER_VERIFY(cond, what) ITEST_CHECK(cond, QString(what) + c_->AllLogTails())
#define CLUSTER_VERIFY_RUN(run) ITEST_CHECK_RUN(run, c_->AllLogTails())
