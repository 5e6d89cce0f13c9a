// Integration: kcat (librdkafka 2.0.2) against a real partita-broker + ZooKeeper.
//  - kcat -L shows the broker and an auto-created topic with its partitions and leader;
//  - 100,000 keyed records with headers produced with kcat -P (each compression codec, its own topic) come back
//    with kcat -C exactly once, in order per partition, key/value/headers intact and CreateTime timestamps;
//  - kcat -X isolation.level=read_committed reads a topic written without transactions in full.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryFile>
#include <QtTest>

#include "engine/common/clock.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestKcat : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

 private slots:
  void init() {
    ITEST_REQUIRE(MissingKcat());
    timer_.start();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s: %.1f s", QTest::currentTestFunction(), timer_.elapsed() / 1000.0);
  }

  void metadataShowsBrokerAndTopic() {
    ITEST_START(fx_, (BrokerOptions{.broker_id = 7, .num_partitions = 3}));
    const QString bs = Q(fx_->bootstrap());
    // A first produce auto-creates the topic (num.partitions=3).
    ToolRun produce = RunTool("kcat", {"-b", bs, "-P", "-t", "kcat-meta", "-X", "acks=all"}, 60000, "hello\n");
    ITEST_VERIFY_RUN(produce, fx_.get());

    ToolRun json = RunTool("kcat", {"-b", bs, "-L", "-J"}, 60000);
    ITEST_VERIFY_RUN(json, fx_.get());
    QJsonParseError perr;
    QJsonObject md = QJsonDocument::fromJson(json.out.trimmed(), &perr).object();
    QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable("kcat -L -J is not JSON: " + json.Describe()));
    const QJsonArray brokers = md["brokers"].toArray();
    QCOMPARE(brokers.size(), 1);
    QCOMPARE(brokers[0].toObject()["id"].toInt(), 7);
    QCOMPARE(brokers[0].toObject()["name"].toString(), bs);
    QJsonObject topic;
    for (const auto& t : md["topics"].toArray()) {
      if (t.toObject()["topic"].toString() == "kcat-meta") topic = t.toObject();
    }
    QVERIFY2(!topic.isEmpty(), qPrintable("kcat-meta not in kcat -L -J output:\n" + QString::fromUtf8(json.out)));
    const QJsonArray partitions = topic["partitions"].toArray();
    QCOMPARE(partitions.size(), 3);
    QSet<int> ids;
    for (const auto& pv : partitions) {
      const QJsonObject p = pv.toObject();
      ids.insert(p["partition"].toInt());
      QCOMPARE(p["leader"].toInt(), 7);
      QCOMPARE(p["replicas"].toArray().size(), 1);
      QCOMPARE(p["replicas"].toArray()[0].toObject()["id"].toInt(), 7);
      QCOMPARE(p["isrs"].toArray().size(), 1);
      QVERIFY2(!p.contains("error") || p["error"].isNull(), qPrintable("partition error in " + QString::fromUtf8(json.out)));
    }
    QCOMPARE(ids, (QSet<int>{0, 1, 2}));

    // The human-readable form users read.
    ToolRun text = RunTool("kcat", {"-b", bs, "-L", "-t", "kcat-meta"}, 60000);
    ITEST_VERIFY_RUN(text, fx_.get());
    const QString out = QString::fromUtf8(text.out);
    QVERIFY2(out.contains("broker 7 at " + bs), qPrintable(out));
    QVERIFY2(out.contains("topic \"kcat-meta\" with 3 partitions"), qPrintable(out));
    QVERIFY2(out.contains("partition 0, leader 7, replicas: 7, isrs: 7"), qPrintable(out));
  }

  // Issue 12 (partition side): kcat -X isolation.level=read_committed on a topic without transactions reads
  // everything up to the high watermark (the LSO equals it).
  void readCommittedWithoutTransactions() {
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .num_partitions = 1}));
    const QString bs = Q(fx_->bootstrap());
    ToolRun produce =
        RunTool("kcat", {"-b", bs, "-P", "-t", "kcat-rc", "-X", "acks=all"}, 60000, "one\ntwo\nthree\n");
    ITEST_VERIFY_RUN(produce, fx_.get());
    ToolRun consume = RunTool("kcat", {"-b", bs, "-C", "-t", "kcat-rc", "-o", "beginning", "-e", "-q", "-X",
                                       "isolation.level=read_committed", "-f", "%o %s\n"},
                              60000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(consume.out, QByteArray("0 one\n1 two\n2 three\n"));
  }

  void roundTripHundredThousand_data() {
    QTest::addColumn<QString>("codec");
    for (const char* codec : {"none", "gzip", "snappy", "lz4", "zstd"}) QTest::newRow(codec) << QString(codec);
  }

  void roundTripHundredThousand() {
    QFETCH(QString, codec);
    constexpr int kCount = 100000;
    ITEST_START(fx_, (BrokerOptions{.num_partitions = 3}));
    const QString bs = Q(fx_->bootstrap());
    const QString topic = "kcat-" + codec;

    QTemporaryFile input(Q(fx_->root_dir()) + "/kcat-input-XXXXXX");
    QVERIFY(input.open());
    auto value_of = [](int i) {
      static const QByteArray pattern = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      const int shift = i % pattern.size();
      return QByteArray("value-") + QByteArray::number(i) + "-" + pattern.mid(shift) + pattern.left(shift);
    };
    auto key_of = [](int i) { return QByteArray("key-") + QByteArray::number(i).rightJustified(7, '0'); };
    {
      QByteArray all;
      all.reserve(kCount * 90);
      for (int i = 0; i < kCount; ++i) all += key_of(i) + ":" + value_of(i) + "\n";
      QCOMPARE(input.write(all), qint64(all.size()));
      input.flush();
    }
    const int64_t t0 = WallClockMs();
    QStringList pargs = {"-b", bs, "-P", "-t", topic, "-K:", "-H", "hdr=val", "-H", "codec=" + codec,
                         "-X", "acks=all", "-l", input.fileName()};
    if (codec != "none") pargs << "-z" << codec;
    ToolRun produce = RunTool("kcat", pargs, 180000);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(!produce.err.contains("Delivery failed") && !produce.err.contains("% ERROR"),
             qPrintable("kcat reported delivery errors: " + produce.Describe() + BrokerContext(fx_.get())));
    const int64_t t1 = WallClockMs();

    ToolRun consume = RunTool("kcat", {"-b", bs, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f",
                                       "%p|%o|%T|%k|%s|%h\\n"}, 180000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    const int64_t produce_ms = produce.elapsed_ms, consume_ms = consume.elapsed_ms;

    const QList<QByteArray> lines = consume.out.split('\n');
    std::vector<char> seen(kCount, 0);
    QHash<int, qint64> last_offset, last_seq;
    int records = 0;
    const QByteArray want_headers = "hdr=val,codec=" + codec.toUtf8();
    for (const QByteArray& line : lines) {
      if (line.isEmpty()) continue;
      const QList<QByteArray> f = line.split('|');
      QVERIFY2(f.size() == 6, qPrintable("malformed kcat line: " + QString::fromUtf8(line)));
      const int p = f[0].toInt();
      const qint64 offset = f[1].toLongLong();
      const qint64 ts = f[2].toLongLong();
      const int seq = f[3].mid(4).toInt();
      QVERIFY2(f[3].startsWith("key-") && seq >= 0 && seq < kCount, qPrintable("unexpected key " + f[3]));
      QVERIFY2(!seen[seq], qPrintable(QString("%1 consumed twice").arg(QString::fromUtf8(f[3]))));
      seen[seq] = 1;
      QVERIFY2(f[4] == value_of(seq), qPrintable("value of " + f[3] + " altered: " + f[4]));
      QVERIFY2(f[5] == want_headers, qPrintable("headers of " + f[3] + ": " + f[5] + ", produced " + want_headers));
      QVERIFY2(ts >= t0 - 1000 && ts <= t1 + 1000,
               qPrintable(QString("timestamp %1 of %2 outside the produce window [%3, %4]")
                              .arg(ts).arg(QString::fromUtf8(f[3])).arg(t0).arg(t1)));
      // Offsets are dense from 0 and a producer's records keep their order inside a partition.
      const qint64 want_offset = last_offset.contains(p) ? last_offset[p] + 1 : 0;
      QVERIFY2(offset == want_offset, qPrintable(QString("partition %1: offset %2 after %3").arg(p).arg(offset).arg(want_offset - 1)));
      QVERIFY2(!last_seq.contains(p) || seq > last_seq[p],
               qPrintable(QString("partition %1: %2 after seq %3 (reordered)").arg(p).arg(QString::fromUtf8(f[3])).arg(last_seq[p])));
      last_offset[p] = offset;
      last_seq[p] = seq;
      ++records;
    }
    QVERIFY2(records == kCount, qPrintable(QString("consumed %1 of %2 produced records (%3)%4")
                                              .arg(records).arg(kCount).arg(consume.Describe(), BrokerContext(fx_.get()))));
    QVERIFY2(last_offset.size() >= 2, "keyed records all landed in one partition: partitioning is broken");
    qInfo("%s: produced %d records in %lld ms, consumed in %lld ms, partitions %lld", qPrintable(codec), kCount,
          static_cast<long long>(produce_ms), static_cast<long long>(consume_ms),
          static_cast<long long>(last_offset.size()));
  }
};

QTEST_GUILESS_MAIN(TestItestKcat)
#include "test_itest_kcat.moc"
