"""confluent_kafka (librdkafka) producer with a transactional.id against a broker without a transaction
coordinator: init_transactions must fail at once with a fatal error that says why (not retry
COORDINATOR_NOT_AVAILABLE until its timeout), and an idempotent producer without transactional.id must still
work. Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import time

from itest_common import check, fail, summary

try:
    import confluent_kafka
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    args = ap.parse_args()

    producer = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "transactional.id": "txn-refused"})
    started = time.monotonic()
    error = None
    try:
        producer.init_transactions(30)
    except confluent_kafka.KafkaException as e:
        error = e.args[0]
    seconds = time.monotonic() - started
    check(error is not None, "init_transactions succeeded without a transaction coordinator")
    check(error.code() == confluent_kafka.KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED or error.fatal(),
          "init_transactions failed with a retriable error", error=str(error))
    check("not supported" in error.str(), "the error does not say transactions are not supported",
          error=error.str())
    check(seconds < 10, "init_transactions took %.1f s to fail" % seconds)

    idempotent = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True})
    delivered = []
    idempotent.produce("txn-refused-plain", value=b"v", on_delivery=lambda err, msg: delivered.append(err))
    check(idempotent.flush(60) == 0 and delivered == [None], "the idempotent producer failed", errors=delivered)
    summary(ok=True, seconds=round(seconds, 2), error=error.str())


if __name__ == "__main__":
    main()
