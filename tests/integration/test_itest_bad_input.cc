// Integration: hostile and invalid requests against a real partita-broker (auto.create.topics.enable=false,
// message.max.bytes=10000), sent over raw sockets by scripts/raw_protocol.py. After each case the broker must
// still be running and still serve `kcat -L`.
#include <QtTest>

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
};

QTEST_GUILESS_MAIN(TestItestBadInput)
#include "test_itest_bad_input.moc"
