// Integration (issue 13 item 1): an embedded broker must never raise SIGPIPE in the program that embeds it. The
// desktop app does not ignore SIGPIPE, and sendfile(2) has no MSG_NOSIGNAL: a consumer killed while a large fetch
// response was on its way used to kill the app, its ZooKeeper and its brokers (exit 141). This test executable
// keeps SIGPIPE's default action, runs an in-process LocalCluster, kills real kcat consumers mid-fetch again and
// again and resets raw Fetch connections while a 50 MB answer is being sent; it must survive, and the broker must
// still serve.
#include <QtTest>

#include <signal.h>

#include "engine/cluster/local_cluster.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

// QProcess sets SIGPIPE to SIG_IGN the first time it starts a child (Qt 6, qprocess_unix.cpp), which would hide
// the bug: the default action is put back after every start, and checked.
void DefaultSigpipe() { ::signal(SIGPIPE, SIG_DFL); }
bool SigpipeIsDefault() {
  struct sigaction current {};
  ::sigaction(SIGPIPE, nullptr, &current);
  return current.sa_handler == SIG_DFL;
}

}  // namespace

class TestItestEmbeddedSigpipe : public QObject {
  Q_OBJECT

 private slots:
  void consumersKilledMidFetchNeverKillTheEmbeddingProgram() {
    ITEST_REQUIRE(MissingKcat());
    ITEST_REQUIRE(MissingPythonModule("struct", "python3"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    cluster::LocalCluster::Options options;
    options.data_dir = dir.path().toStdString();
    options.brokers = 1;
    options.mode = cluster::LocalCluster::BrokerMode::kInProcess;
    auto started = cluster::LocalCluster::Start(options);
    QVERIFY2(started.ok(), qPrintable(Q(started.status().ToString())));
    std::unique_ptr<cluster::LocalCluster> local = std::move(*started);
    const QString bootstrap = Q(local->BootstrapServers());

    // 60,000 records of 1 KB in one partition: fetch responses of megabytes, sent with sendfile.
    QByteArray input;
    const QByteArray value(1000, 'v');
    for (int i = 0; i < 60000; ++i) input += value + QByteArray::number(i) + '\n';
    ToolRun produce = RunTool("kcat", {"-P", "-b", bootstrap, "-t", "big", "-X", "topic.partitioner=random"}, 120000,
                              input);
    QVERIFY2(produce.ok(), qPrintable(produce.Describe()));
    DefaultSigpipe();

    for (int round = 0; round < 15; ++round) {
      QProcess consumer;
      consumer.start("kcat", {"-C", "-b", bootstrap, "-t", "big", "-o", "beginning", "-e", "-q",
                              "-X", "fetch.message.max.bytes=8388608", "-X", "receive.message.max.bytes=100000000"});
      QVERIFY(consumer.waitForStarted(10000));
      DefaultSigpipe();
      // Kill it as soon as data flows: the broker is then in the middle of sending a large response.
      qint64 seen = 0;
      QDeadlineTimer deadline(30000);
      while (seen < 100000 && !deadline.hasExpired() && consumer.state() == QProcess::Running) {
        consumer.waitForReadyRead(100);
        seen += consumer.readAllStandardOutput().size();
      }
      QVERIFY2(seen >= 100000, qPrintable(QString("round %1: kcat printed %2 bytes").arg(round).arg(seen)));
      ::kill(static_cast<pid_t>(consumer.processId()), SIGKILL);
      QVERIFY(consumer.waitForFinished(10000));
    }
    // The same, deterministic: a raw Fetch of 50 MB, 64 KB of it read, then a reset while the broker is blocked
    // sending the rest (with sendfile).
    const QString port = bootstrap.section(':', -1);
    // The resets run in a python child started by QProcess: Qt ignores SIGPIPE once, at its first start (done
    // above), so the default set here stays in force while they run.
    DefaultSigpipe();
    ToolRun resets = RunPythonScript("raw_protocol.py", {"--port", port, "--case", "fetch-reset", "--topic", "big",
                                                         "--rounds", "30"},
                                     120000);
    QVERIFY2(resets.ok() && LastJsonLine(resets.out)["ok"].toBool(), qPrintable(resets.Describe()));
    QVERIFY2(SigpipeIsDefault(), "something set SIGPIPE to be ignored: this test proved nothing");
    // Still alive (or this line would not run), and the broker still answers.
    ToolRun list = RunTool("kcat", {"-b", bootstrap, "-L"}, 60000);
    QVERIFY2(list.ok() && list.out.contains("topic \"big\""), qPrintable(list.Describe()));
    QVERIFY(local->Stop().ok());
  }
};

QTEST_GUILESS_MAIN(TestItestEmbeddedSigpipe)
#include "test_itest_embedded_sigpipe.moc"
