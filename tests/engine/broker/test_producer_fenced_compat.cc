// PRODUCER_FENCED only reaches clients whose request version knows it (KIP-588): older versions of InitProducerId
// (< 4) and AddPartitionsToTxn / AddOffsetsToTxn / EndTxn (< 2) get INVALID_PRODUCER_EPOCH, as from Kafka.
// librdkafka 2.0 sends AddOffsetsToTxn v0; the exactly-once cluster test found its zombie carrying on after a
// PRODUCER_FENCED it did not know (tests/integration/cluster/test_itest_cluster_transactions).
#include <QtTest>

#include "engine/broker/handlers/producer_fenced_compat.h"

using namespace partita;
using namespace partita::broker;
using protocol::ErrorCode;

class TestProducerFencedCompat : public QObject {
  Q_OBJECT
 private slots:
  void olderVersionsGetInvalidProducerEpoch() {
    for (int16_t v : {0, 1}) {
      QCOMPARE(FencedErrorForVersion(ErrorCode::kProducerFenced, v, kTxnApiFirstFencedVersion),
               ErrorCode::kInvalidProducerEpoch);
    }
    for (int16_t v : {0, 1, 2, 3}) {
      QCOMPARE(FencedErrorForVersion(ErrorCode::kProducerFenced, v, kInitProducerIdFirstFencedVersion),
               ErrorCode::kInvalidProducerEpoch);
    }
  }
  void newerVersionsGetProducerFenced() {
    for (int16_t v : {2, 3, 4}) {
      QCOMPARE(FencedErrorForVersion(ErrorCode::kProducerFenced, v, kTxnApiFirstFencedVersion),
               ErrorCode::kProducerFenced);
    }
    for (int16_t v : {4, 5}) {
      QCOMPARE(FencedErrorForVersion(ErrorCode::kProducerFenced, v, kInitProducerIdFirstFencedVersion),
               ErrorCode::kProducerFenced);
    }
  }
  void otherErrorsPassUnchanged() {
    for (ErrorCode e : {ErrorCode::kNone, ErrorCode::kConcurrentTransactions, ErrorCode::kInvalidProducerEpoch,
                        ErrorCode::kNotCoordinator}) {
      QCOMPARE(FencedErrorForVersion(e, 0, kTxnApiFirstFencedVersion), e);
      QCOMPARE(FencedErrorForVersion(e, 3, kTxnApiFirstFencedVersion), e);
    }
  }
};

QTEST_GUILESS_MAIN(TestProducerFencedCompat)
#include "test_producer_fenced_compat.moc"
