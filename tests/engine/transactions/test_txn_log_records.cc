// Golden bytes of the __transaction_state record encodings (Kafka's TransactionLogKey v0 / TransactionLogValue
// v0), the flexible v1 value Kafka 3.x may write, and refusal of bad input.
#include <QtTest>

#include "engine/transactions/txn_log_records.h"

using namespace partita;
using namespace partita::transactions;

namespace {
std::vector<uint8_t> Bytes(std::initializer_list<int> v) {
  std::vector<uint8_t> out;
  for (int b : v) out.push_back(static_cast<uint8_t>(b));
  return out;
}
}  // namespace

class TestTxnLogRecords : public QObject {
  Q_OBJECT
 private slots:
  void keyGoldenBytes() {
    auto bytes = EncodeTxnLogKey("tx");
    QCOMPARE(bytes, Bytes({0x00, 0x00, 0x00, 0x02, 't', 'x'}));
    QCOMPARE(DecodeTxnLogKey(bytes).value(), std::string("tx"));
    bytes[1] = 9;
    QVERIFY(!DecodeTxnLogKey(bytes).ok());
  }

  void valueV0GoldenBytes() {
    TransactionMetadata m;
    m.producer_id = 0x0102;
    m.producer_epoch = 3;
    m.timeout_ms = 60000;
    m.state = TxnState::kOngoing;
    m.partitions = {{"t", 0}, {"t", 2}};
    m.last_update_ms = 0x10;
    m.start_ms = 0x20;
    auto bytes = EncodeTxnLogValue(m);
    QCOMPARE(bytes, Bytes({0x00, 0x00,                          // version 0
                           0, 0, 0, 0, 0, 0, 0x01, 0x02,        // producer id
                           0x00, 0x03,                          // epoch
                           0x00, 0x00, 0xea, 0x60,              // timeout 60000
                           0x01,                                // Ongoing
                           0x00, 0x00, 0x00, 0x01,              // one topic
                           0x00, 0x01, 't',                     //
                           0x00, 0x00, 0x00, 0x02,              // two partitions
                           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
                           0, 0, 0, 0, 0, 0, 0, 0x10,           // last update
                           0, 0, 0, 0, 0, 0, 0, 0x20}));        // start
    auto back = DecodeTxnLogValue(bytes);
    QVERIFY(back.ok());
    QCOMPARE(*back, m);
  }

  void emptyTransactionsHaveNullPartitions() {
    TransactionMetadata m;
    m.producer_id = 1;
    m.producer_epoch = 0;
    m.timeout_ms = 1;
    m.state = TxnState::kEmpty;
    auto bytes = EncodeTxnLogValue(m);
    // version, id, epoch, timeout, state, then -1 (null array)
    QCOMPARE(std::vector<uint8_t>(bytes.begin() + 17, bytes.begin() + 21), Bytes({0xff, 0xff, 0xff, 0xff}));
    QCOMPARE(DecodeTxnLogValue(bytes).value(), m);
  }

  void flexibleV1ValueDecodes() {
    auto bytes = Bytes({0x00, 0x01,                    // version 1 (flexible)
                        0, 0, 0, 0, 0, 0, 0, 0x07,     // producer id 7
                        0x00, 0x01,                    // epoch 1
                        0x00, 0x00, 0x03, 0xe8,        // timeout 1000
                        0x04,                          // CompleteCommit
                        0x02,                          // compact array: one topic
                        0x02, 'x',                     // compact string "x"
                        0x02, 0x00, 0x00, 0x00, 0x05,  // compact array: partition 5
                        0x00,                          // topic tagged fields
                        0, 0, 0, 0, 0, 0, 0, 0x01,     // last update
                        0, 0, 0, 0, 0, 0, 0, 0x02,     // start
                        0x00});                        // tagged fields
    auto m = DecodeTxnLogValue(bytes);
    QVERIFY2(m.ok(), m.status().ToString().c_str());
    QCOMPARE(m->producer_id, int64_t{7});
    QCOMPARE(m->state, TxnState::kCompleteCommit);
    QCOMPARE(m->partitions, (std::set<TxnPartition>{{"x", 5}}));
    QCOMPARE(m->start_ms, int64_t{2});
  }

  // Found by fuzz_txn_log: a v1 topic name longer than any topic (and than v0's int16 strings) decoded, and the v0
  // value written back from it could not be read.
  void overlongV1TopicNameIsCorruption() {
    for (size_t length : {size_t{249}, size_t{250}, size_t{40000}}) {
      std::vector<uint8_t> bytes = {0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x07, 0x00, 0x01, 0x00, 0x00, 0x03, 0xe8, 0x01,
                                    0x02};  // v1, producer 7, epoch 1, timeout 1000, Ongoing, one topic
      for (size_t n = length + 1; ; n >>= 7) {  // compact string length, unsigned varint
        bytes.push_back(static_cast<uint8_t>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
        if (n < 0x80) break;
      }
      bytes.insert(bytes.end(), length, 'x');
      for (uint8_t b : {0x02, 0x00, 0x00, 0x00, 0x05, 0x00}) bytes.push_back(b);  // partition 5, tagged fields
      for (int i = 0; i < 16; ++i) bytes.push_back(0);                             // last update, start
      bytes.push_back(0);                                                          // tagged fields
      auto m = DecodeTxnLogValue(bytes);
      if (length <= 249) {
        QVERIFY2(m.ok(), m.status().ToString().c_str());
        QCOMPARE(DecodeTxnLogValue(EncodeTxnLogValue(*m)).value(), *m);
      } else {
        QVERIFY(!m.ok());
        QVERIFY(m.status().IsCorruption());
      }
    }
  }

  void badValuesAreCorruption() {
    TransactionMetadata m;
    m.state = TxnState::kOngoing;
    auto bytes = EncodeTxnLogValue(m);
    QVERIFY(!DecodeTxnLogValue(std::span<const uint8_t>(bytes).first(bytes.size() - 1)).ok());  // truncated
    auto extra = bytes;
    extra.push_back(0);
    QVERIFY(!DecodeTxnLogValue(extra).ok());  // trailing bytes
    auto bad_state = bytes;
    bad_state[16] = 42;
    QVERIFY(!DecodeTxnLogValue(bad_state).ok());
    auto bad_version = bytes;
    bad_version[1] = 2;
    QVERIFY(!DecodeTxnLogValue(bad_version).ok());
  }

  void stateNames() {
    QCOMPARE(TxnStateName(TxnState::kPrepareCommit), std::string_view("PrepareCommit"));
    QCOMPARE(TxnStateFromName("ongoing").value(), TxnState::kOngoing);
    QVERIFY(!TxnStateFromName("Nope"));
  }
};

QTEST_GUILESS_MAIN(TestTxnLogRecords)
#include "test_txn_log_records.moc"
