// Integration: hostile and invalid requests against a real partita-broker (auto.create.topics.enable=false,
// message.max.bytes=10000), sent over raw sockets by scripts/raw_protocol.py. After each case the broker must
// still be running and still serve `kcat -L`.
#include <QtTest>

#include <signal.h>

#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestBadInput : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

 private slots:
  void init() { timer_.start(); }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s(%s): %.1f s", QTest::currentTestFunction(),
          QTest::currentDataTag() ? QTest::currentDataTag() : "", timer_.elapsed() / 1000.0);
  }

  void rejectsBadInput_data() {
    QTest::addColumn<QString>("kase");
    QTest::newRow("oversized size prefix -> closed") << "oversized";
    QTest::newRow("garbage frame -> closed") << "garbage";
    QTest::newRow("corrupt batch CRC -> CORRUPT_MESSAGE") << "corrupt-crc";
    QTest::newRow("unknown topic -> UNKNOWN_TOPIC_OR_PARTITION") << "unknown-topic";
    QTest::newRow("invalid topic name -> INVALID_TOPIC_EXCEPTION") << "invalid-topic";
    QTest::newRow("batch over message.max.bytes -> MESSAGE_TOO_LARGE") << "too-large";
    QTest::newRow("idempotent retry -> original offset, stored once") << "idempotent-retry";
    QTest::newRow("huge partition / replica counts -> refused at once, RSS small") << "huge-counts";
    QTest::newRow("ListOffsets naming a partition twice -> INVALID_REQUEST") << "duplicate-partition";
    QTest::newRow("50 size prefixes of 100 MB -> RSS small, still serving") << "prefix-flood";
  }

  void rejectsBadInput() {
    QFETCH(QString, kase);
    ITEST_REQUIRE(MissingKcat());
    ITEST_REQUIRE(MissingPythonModule("struct", "python3"));
    ITEST_START(fx_, (BrokerOptions{.auto_create_topics = false, .properties = {{"message.max.bytes", "10000"}}}));
    ToolRun run = RunPythonScript("raw_protocol.py", {"--port", QString::number(fx_->port()), "--case", kase,
                                                      "--max-message-bytes", "10000", "--broker-pid",
                                                      QString::number(fx_->broker_pid())},
                                  120000);
    ITEST_VERIFY_RUN(run, fx_.get());
    QVERIFY2(LastJsonLine(run.out)["ok"].toBool(), qPrintable(run.Describe()));
    qInfo("%s: %s", qPrintable(kase), run.out.trimmed().constData());

    QVERIFY2(fx_->BrokerRunning(), qPrintable("the broker died after case " + kase + BrokerContext(fx_.get())));
    ToolRun list = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-L"}, 60000);
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(QString::fromUtf8(list.out).contains(QString("broker %1 at %2").arg(fx_->broker_id()).arg(Q(fx_->bootstrap()))),
             qPrintable(list.Describe()));
    if (kase == "unknown-topic") {
      // auto.create.topics.enable=false: the produce must not have created anything.
      QVERIFY2(!QString::fromUtf8(list.out).contains("no-such-topic"), qPrintable(list.Describe()));
    }
  }

  // Issue 9 item 7: a second partita-broker given the same configuration used to recover the live broker's logs
  // and, exiting on "address in use", write a clean-shutdown marker and checkpoints into its directory. Now the
  // bind fails first (same port), and the .lock refuses the second broker (another port) before it reads or
  // writes anything in the log dir. The live broker is paused meanwhile so that its own periodic checkpoints
  // cannot hide a write by the second one.
  void secondBrokerOnTheSameLogDirsRefusesToStart() {
    ITEST_REQUIRE(MissingKcat());
    ITEST_START(fx_, BrokerOptions{});
    QFile props(Q(fx_->properties_path()));
    QVERIFY(props.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(props.readAll());
    QString other_port = text;
    other_port.replace(QRegularExpression("listeners=PLAINTEXT://127\\.0\\.0\\.1:\\d+"), "listeners=PLAINTEXT://127.0.0.1:0");
    QVERIFY(other_port != text);
    const QString other_path = Q(fx_->root_dir()) + "/second.properties";
    {
      QFile f(other_path);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(other_port.toUtf8());
    }
    auto snapshot = [&] {
      QStringList entries;
      QDirIterator it(Q(fx_->log_dir()), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                      QDirIterator::Subdirectories);
      while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries << QString("%1 %2 %3").arg(info.filePath()).arg(info.size()).arg(
                       info.lastModified().toMSecsSinceEpoch());
      }
      entries.sort();
      return entries;
    };
    const QString binary = Q(BrokerBinaryPath());
    QVERIFY(::kill(fx_->broker_pid(), SIGSTOP) == 0);
    const QStringList before = snapshot();
    QVERIFY(!before.isEmpty());
    ToolRun same = RunTool(binary, {Q(fx_->properties_path())}, 30000);
    ToolRun other = RunTool(binary, {other_path}, 60000);
    const QStringList after = snapshot();
    QVERIFY(::kill(fx_->broker_pid(), SIGCONT) == 0);
    qInfo("same configuration: exit %d after %lld ms; another port: exit %d after %lld ms", same.exit_code,
          static_cast<long long>(same.elapsed_ms), other.exit_code, static_cast<long long>(other.elapsed_ms));
    const QString same_log = QString::fromUtf8(same.out + same.err);
    const QString other_log = QString::fromUtf8(other.out + other.err);
    QVERIFY2(same.started && !same.crashed && same.exit_code == 1, qPrintable(same.Describe()));
    QVERIFY2(same_log.contains("Address already in use"), qPrintable(same.Describe()));
    QVERIFY2(same.elapsed_ms < 5000, qPrintable(same.Describe()));  // before ZooKeeper and before any log
    QVERIFY2(other.started && !other.crashed && other.exit_code == 1, qPrintable(other.Describe()));
    QVERIFY2(other_log.contains("log dir " + Q(fx_->log_dir()) + " is in use by another broker"),
             qPrintable(other.Describe()));
    QCOMPARE(after, before);
    QVERIFY(!QFile::exists(Q(fx_->log_dir()) + "/.kafka_cleanshutdown"));
    // The live broker is untouched and serves on.
    ToolRun list = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-L"}, 60000);
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY(fx_->BrokerRunning());
  }
};

QTEST_GUILESS_MAIN(TestItestBadInput)
#include "test_itest_bad_input.moc"
