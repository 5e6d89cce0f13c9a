// The default partitioner must agree with Java's bit for bit, or a key search reads the wrong partition:
// Kafka's own Utils.murmur2 test vectors, then 300 keys (text and binary) checked against kafka-python's
// independent implementation (kafka.partitioner.default.murmur2, Java compatible).
#include <QProcess>
#include <QtTest>

#include "app/bridge/kafka_partitioner.h"

using partita::app::crc32;
using partita::app::crc32PartitionForKey;
using partita::app::murmur2;
using partita::app::partitionForKey;

// 200 text keys and 100 binary ones, checked against an independent implementation.
static QList<QByteArray> sampleKeys() {
  QList<QByteArray> keys;
  for (int i = 0; i < 200; ++i) keys << ("key-" + QByteArray::number(i));
  for (int i = 0; i < 100; ++i) {
    QByteArray b;
    for (int j = 0; j <= i % 13; ++j) b.append(static_cast<char>((i * 31 + j * 97) & 0xff));
    keys << b;
  }
  return keys;
}

class TestKafkaPartitioner : public QObject {
  Q_OBJECT
 private slots:
  void javaTestVectors() {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    QCOMPARE(murmur2("21"), -973932308);
    QCOMPARE(murmur2("foobar"), -790332482);
    QCOMPARE(murmur2("a-little-bit-long-string"), -985981536);
    QCOMPARE(murmur2("a-little-bit-longer-string"), -1486304829);
    QCOMPARE(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971);
    QCOMPARE(murmur2(QByteArray("abc")), 479470107);
    QCOMPARE(murmur2(QByteArray()), 275646681);
  }

  void partitionIsPositiveModulo() {
    // -790332482 & 0x7fffffff = 1357151166; % 6 = 0. Negative hashes must not give negative partitions.
    QCOMPARE(partitionForKey("foobar", 6), 0);
    QCOMPARE(partitionForKey("a-little-bit-longer-string", 6), 5);
    QCOMPARE(partitionForKey("abc", 6), 3);
    QCOMPARE(partitionForKey("key-42", 6), 3);
    QCOMPARE(partitionForKey("abc", 0), -1);
    for (int i = 0; i < 1000; ++i) {
      const int p = partitionForKey(QByteArray::number(i * 7919), 7);
      QVERIFY(p >= 0 && p < 7);
    }
  }

  void agreesWithKafkaPython() {
    const QList<QByteArray> keys = sampleKeys();
    QByteArray input;
    for (const QByteArray& k : keys) input += k.toHex() + '\n';
    QProcess py;
    py.start(QStringLiteral(PARTITA_PYTHON),
             {QStringLiteral("-c"),
              QStringLiteral("import sys\nfrom kafka.partitioner.default import murmur2\n"
                             "for line in sys.stdin.read().split():\n"
                             "  h = murmur2(bytes.fromhex(line))\n"
                             "  print(h - 2**32 if h >= 2**31 else h)\n")});
    QVERIFY2(py.waitForStarted(10000), "python3 missing: apt-get install -y python3 python3-kafka");
    py.write(keys.isEmpty() ? QByteArray() : input);
    py.closeWriteChannel();
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, qPrintable("kafka-python failed (apt-get install -y python3-kafka): " +
                                            QString::fromUtf8(py.readAllStandardError())));
    const QList<QByteArray> lines = py.readAllStandardOutput().split('\n');
    QVERIFY(lines.size() >= keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
      QCOMPARE(murmur2(keys[i]), lines[i].toInt());
    }
  }

  // librdkafka's consistent_random partitioner: rd_crc32(key) % partition_cnt (IEEE CRC-32).
  void crc32MatchesZlib() {
    QCOMPARE(crc32("123456789"), 0xcbf43926u);  // the CRC-32 check value
    QCOMPARE(crc32(QByteArray()), 0u);
    QCOMPARE(crc32PartitionForKey("123456789", 7), static_cast<int>(0xcbf43926u % 7));
    QCOMPARE(crc32PartitionForKey("abc", 0), -1);
    const QList<QByteArray> keys = sampleKeys();
    QByteArray input;
    for (const QByteArray& k : keys) input += k.toHex() + '\n';
    QProcess py;
    py.start(QStringLiteral(PARTITA_PYTHON),
             {QStringLiteral("-c"), QStringLiteral("import sys, zlib\nfor line in sys.stdin.read().split():\n"
                                                   "  print(zlib.crc32(bytes.fromhex(line)))\n")});
    QVERIFY2(py.waitForStarted(10000), "python3 missing");
    py.write(input);
    py.closeWriteChannel();
    QVERIFY(py.waitForFinished(60000));
    QCOMPARE(py.exitCode(), 0);
    const QList<QByteArray> lines = py.readAllStandardOutput().split('\n');
    QVERIFY(lines.size() >= keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) QCOMPARE(crc32(keys[i]), lines[i].toUInt());
  }
};

QTEST_GUILESS_MAIN(TestKafkaPartitioner)
#include "test_kafka_partitioner.moc"
