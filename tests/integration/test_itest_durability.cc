// Integration: what survives a restart, a crash and retention, with a real partita-broker + ZooKeeper.
//  - clean restart (SIGTERM): the clean-shutdown marker is written, every record is still there after a restart
//    on the same dirs, and producing continues at the right offsets;
//  - kill -9 while a producer (acks=all, delivery reports recorded) streams: after a restart every acknowledged
//    record is readable at the offset it was acknowledged at, intact and in order;
//  - a corrupt .index entry that is still in order (issue 9): after a restart every record is served, and the
//    broker log names the file and entry and says the index was rebuilt;
//  - retention: with 16 KiB segments and log.retention.ms=10000, old segment files are deleted and the earliest
//    offset (ListOffsets earliest) moves forward to the first remaining segment's base offset.
#include <QFile>
#include <QtEndian>
#include <QThread>
#include <QtTest>

#include "engine/common/clock.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

int CountLines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return 0;
  return int(f.readAll().count('\n'));
}

QString ReadText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestItestDurability : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

  ToolRun Verify(const QString& topic, const QString& expect, const QString& mode) {
    return RunPythonScript("verify.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--expect", expect,
                                         "--mode", mode},
                           300000);
  }

 private slots:
  void init() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    timer_.start();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s: %.1f s", QTest::currentTestFunction(), timer_.elapsed() / 1000.0);
  }

  void cleanRestartKeepsEverything() {
    ITEST_START(fx_, (BrokerOptions{.num_partitions = 3}));
    const QString acked = Q(fx_->root_dir()) + "/acked.jsonl";
    const QString topic = "restart";
    ToolRun produce = RunPythonScript("produce.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--count",
                                                     "20000", "--acks", "all", "--out", acked},
                                      300000);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QCOMPARE(CountLines(acked), 20000);
    ToolRun before = Verify(topic, acked, "exact");
    ITEST_VERIFY_RUN(before, fx_.get());

    ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    const QString marker = Q(fx_->log_dir()) + "/.kafka_cleanshutdown";
    QVERIFY2(QFile::exists(marker), qPrintable("no clean-shutdown marker " + marker + " after SIGTERM" +
                                               BrokerContext(fx_.get())));
    ITEST_VERIFY_STATUS(fx_->StartBroker(), fx_.get());

    ToolRun after = Verify(topic, acked, "exact");
    ITEST_VERIFY_RUN(after, fx_.get());
    QCOMPARE(LastJsonLine(after.out)["read"].toInt(), 20000);

    // Appends continue at the old log end offsets (verify.py checks every acknowledged position).
    ToolRun more = RunPythonScript("produce.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--count",
                                                  "2000", "--start", "20000", "--acks", "all", "--out", acked},
                                   300000);
    ITEST_VERIFY_RUN(more, fx_.get());
    ToolRun all = Verify(topic, acked, "exact");
    ITEST_VERIFY_RUN(all, fx_.get());
    QCOMPARE(LastJsonLine(all.out)["read"].toInt(), 22000);
  }

  void killDashNineKeepsAcknowledged() {
    // A short ZooKeeper session, so the killed broker's registration expires soon and the restart is accepted.
    ITEST_START(fx_, (BrokerOptions{.num_partitions = 3, .properties = {{"zookeeper.session.timeout.ms", "6000"}}}));
    const QString acked = Q(fx_->root_dir()) + "/acked.jsonl";
    const QString topic = "crash";
    constexpr int kCount = 150000;
    // ~10 s of traffic at 15,000 records/s. librdkafka keeps a partition's order across retries only with
    // idempotence (its docs: "retrying may cause reordering unless enable.idempotence is set"), so it is on; the
    // restarted broker rebuilds the producer state from its log.
    std::unique_ptr<QProcess> producer = StartPythonScript(
        "produce.py",
        {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--count", QString::number(kCount), "--acks", "all",
         "--rate", "15000", "--max-in-flight", "1", "--idempotent", "--message-timeout-ms", "120000",
         "--allow-failures", "--out",
         acked, "--timeout", "400"},
        Q(fx_->root_dir()) + "/producer.out", Q(fx_->root_dir()) + "/producer.err");
    QVERIFY2(producer->state() == QProcess::Running, "cannot start produce.py");
    const int64_t deadline = MonotonicMs() + 120000;
    while (CountLines(acked) < 30000 && MonotonicMs() < deadline && producer->state() == QProcess::Running) {
      producer->waitForFinished(100);
    }
    const int acked_before_kill = CountLines(acked);
    QVERIFY2(producer->state() == QProcess::Running,
             qPrintable(QString("the producer ended before the kill (%1 acked): ").arg(acked_before_kill) +
                        ReadText(Q(fx_->root_dir()) + "/producer.err") + BrokerContext(fx_.get())));
    QVERIFY2(acked_before_kill >= 30000, qPrintable(QString("only %1 records acknowledged in 120 s").arg(acked_before_kill) +
                                                    BrokerContext(fx_.get())));
    fx_->KillBroker();
    QVERIFY2(!QFile::exists(Q(fx_->log_dir()) + "/.kafka_cleanshutdown"),
             "a clean-shutdown marker exists after kill -9: recovery would be skipped on restart");
    QThread::msleep(1000);
    ITEST_VERIFY_STATUS(fx_->StartBrokerAfterCrash(60000), fx_.get());

    QVERIFY2(producer->waitForFinished(400000), "produce.py did not finish after the restart");
    const QString pout = ReadText(Q(fx_->root_dir()) + "/producer.out");
    const QString perr = ReadText(Q(fx_->root_dir()) + "/producer.err");
    QVERIFY2(producer->exitCode() == 0, qPrintable("produce.py failed: " + perr + pout + BrokerContext(fx_.get())));
    const QJsonObject ps = LastJsonLine(pout.toUtf8());
    qInfo("producer: %s (acked before kill: %d)", qPrintable(pout.trimmed()), acked_before_kill);
    QVERIFY(ps["acked"].toInt() >= acked_before_kill);

    ToolRun verify = Verify(topic, acked, "subset");
    ITEST_VERIFY_RUN(verify, fx_.get());
    const QJsonObject vs = LastJsonLine(verify.out);
    QCOMPARE(vs["expected"].toInt(), ps["acked"].toInt());
    QVERIFY2(vs["order_violations"].toInt() == 0, qPrintable(verify.Describe()));
    qInfo("verify: %s", verify.out.trimmed().constData());
  }

  void corruptIndexEntryRebuiltAndServed() {
    ITEST_START(fx_, (BrokerOptions{.num_partitions = 1}));
    const QString acked = Q(fx_->root_dir()) + "/acked.jsonl";
    const QString topic = "indexed";
    ToolRun produce = RunPythonScript("produce.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--count",
                                                     "20000", "--acks", "all", "--out", acked},
                                      300000);
    ITEST_VERIFY_RUN(produce, fx_.get());
    ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    // Entry 1 of the offset index (one per append after log.index.interval.bytes; librdkafka's appends are large,
    // so there are only a few): its position moved 10 bytes into its batch. Offsets and positions stay in order
    // (entry 2 starts a whole append later), so only a check against the log can tell.
    const QString index = Q(fx_->log_dir()) + "/" + topic + "-0/00000000000000000000.index";
    QFile f(index);
    QVERIFY2(f.open(QIODevice::ReadWrite), qPrintable("cannot open " + index));
    QByteArray bytes = f.readAll();
    QVERIFY2(bytes.size() >= 3 * 8, qPrintable(QString("only %1 index bytes").arg(bytes.size())));
    auto* entry = reinterpret_cast<uchar*>(bytes.data()) + 1 * 8;
    const quint32 entry_offset = qFromBigEndian<quint32>(entry);  // relative to base offset 0
    qToBigEndian<quint32>(qFromBigEndian<quint32>(entry + 4) + 10, entry + 4);
    QVERIFY(f.seek(0) && f.write(bytes) == bytes.size());
    f.close();
    ITEST_VERIFY_STATUS(fx_->StartBroker(), fx_.get());

    // A fetch at entry 1's own offset is the lookup that uses entry 1 (a whole-topic read may never land on
    // it: where its fetches start depends on the consumer's batching). It must be served the right record.
    ToolRun at_entry = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-C", "-t", topic, "-p", "0", "-o",
                                        QString::number(entry_offset), "-c", "1", "-e", "-q", "-f", "%o\n"},
                               60000);
    ITEST_VERIFY_RUN(at_entry, fx_.get());
    QCOMPARE(at_entry.out.trimmed(), QByteArray::number(entry_offset));
    ToolRun after = Verify(topic, acked, "exact");
    ITEST_VERIFY_RUN(after, fx_.get());
    QCOMPARE(LastJsonLine(after.out)["read"].toInt(), 20000);
    const QString log = QString::fromStdString(fx_->BrokerLog());
    QVERIFY2(log.contains("00000000000000000000.index entry 1 ") && log.contains("does not point at a batch boundary"),
             qPrintable("the broker log does not say which index entry is corrupt" + BrokerContext(fx_.get())));
    QVERIFY2(log.contains("rebuilt the indexes of"), qPrintable("no rebuild in the broker log" + BrokerContext(fx_.get())));
    for (const QString& line : log.split('\n'))
      if (line.contains(".index")) qInfo("%s", qPrintable(line));
  }

  void retentionDeletesOldSegments() {
    ITEST_START(fx_, (BrokerOptions{.num_partitions = 1,
                                    .properties = {{"log.segment.bytes", "16384"},
                                                   {"log.retention.ms", "10000"},
                                                   {"log.retention.check.interval.ms", "1000"},
                                                   {"log.segment.delete.delay.ms", "0"}}}));
    const QString topic = "retention";
    const QString acked = Q(fx_->root_dir()) + "/acked.jsonl";
    ToolRun produce = RunPythonScript("produce.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic, "--count",
                                                     "2000", "--value-size", "200", "--acks", "all", "--batch-size", "8192",
                                                     "--out", acked},
                                      120000);
    ITEST_VERIFY_RUN(produce, fx_.get());
    const QString partition_dir = Q(fx_->log_dir()) + "/" + topic + "-0";
    const QStringList before = FilesEndingWith(partition_dir, ".log");
    QVERIFY2(before.size() >= 10, qPrintable(QString("only %1 segment files with log.segment.bytes=16384: %2")
                                                 .arg(before.size()).arg(before.join(' '))));

    ToolRun offsets;
    qint64 low = 0, high = 0;
    const int64_t deadline = MonotonicMs() + 60000;
    while (MonotonicMs() < deadline) {
      offsets = RunPythonScript("offsets.py", {"--bootstrap", Q(fx_->bootstrap()), "--topic", topic}, 60000);
      ITEST_VERIFY_RUN(offsets, fx_.get());
      const QJsonArray w = LastJsonLine(offsets.out)["partitions"].toObject()["0"].toArray();
      low = w[0].toInteger();
      high = w[1].toInteger();
      if (low > 0 && !FilesEndingWith(partition_dir, ".log").contains(before.first())) break;
      QThread::msleep(500);
    }
    const QStringList after = FilesEndingWith(partition_dir, ".log");
    QVERIFY2(low > 0, qPrintable(QString("earliest offset still 0 after 60 s of retention.ms=10000; segments: %1")
                                     .arg(after.join(' ')) + BrokerContext(fx_.get())));
    QCOMPARE(high, qint64(2000));
    QVERIFY2(after.size() < before.size(), qPrintable(QString("segments before: %1; after: %2")
                                                          .arg(before.join(' '), after.join(' '))));
    QVERIFY2(!after.contains(before.first()), qPrintable("first segment not deleted: " + after.join(' ')));
    QVERIFY(!after.isEmpty());
    // The log start offset is the base offset of the first remaining segment.
    QCOMPARE(after.first().chopped(4).toLongLong(), low);

    // kcat's view of the earliest offset (ListOffsets with timestamp -2) agrees.
    if (MissingKcat().isEmpty()) {
      ToolRun q = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-Q", "-t", topic + ":0:-2"}, 60000);
      ITEST_VERIFY_RUN(q, fx_.get());
      QVERIFY2(QString::fromUtf8(q.out).contains(QString("offset %1").arg(low)), qPrintable(q.Describe()));
    }
    qInfo("retention: low=%lld high=%lld, segments %lld -> %lld", static_cast<long long>(low),
          static_cast<long long>(high), static_cast<long long>(before.size()), static_cast<long long>(after.size()));
  }
};

QTEST_GUILESS_MAIN(TestItestDurability)
#include "test_itest_durability.moc"
