"""confluent_kafka (librdkafka) read_committed consumer on a topic written without transactions: it must read
every record once and in order, and see the last stable offset equal to the high watermark — in Fetch answers
(librdkafka's statistics: ls_offset == hi_offset) and in ListOffsets with isolation_level=read_committed
(query_watermark_offsets). Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import json

from itest_common import check, fail, record_key, record_value, summary, wait_until

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", default="read-committed-plain")
    ap.add_argument("--count", type=int, default=500)
    args = ap.parse_args()

    producer = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "acks": "all",
                                         "enable.idempotence": True, "message.timeout.ms": 60000})
    errors = []
    for i in range(args.count):
        producer.produce(args.topic, key=record_key(i), value=record_value(i), partition=0,
                         on_delivery=lambda err, msg: errors.append(err) if err else None)
        producer.poll(0)
    check(producer.flush(60) == 0, "producer did not deliver everything within 60 s")
    check(not errors, "delivery errors", errors=[str(e) for e in errors[:5]])

    stats = {}

    def on_stats(text):
        part = json.loads(text).get("topics", {}).get(args.topic, {}).get("partitions", {}).get("0")
        if part:
            stats.update(hi=part.get("hi_offset"), ls=part.get("ls_offset"))

    consumer = confluent_kafka.Consumer({"bootstrap.servers": args.bootstrap, "group.id": "rc-check",
                                         "isolation.level": "read_committed", "enable.auto.commit": False,
                                         "statistics.interval.ms": 200, "stats_cb": on_stats})
    consumer.assign([TopicPartition(args.topic, 0, confluent_kafka.OFFSET_BEGINNING)])
    got = []

    def drained():
        msg = consumer.poll(0.5)
        if msg is not None:
            if msg.error():
                fail("consumer error: %s" % msg.error())
            got.append((msg.offset(), msg.key().decode(), msg.value().decode()))
        return len(got) >= args.count

    check(wait_until(drained, 60, 0), "read_committed consumer got %d of %d records" % (len(got), args.count))
    for i, (offset, key, value) in enumerate(got):
        check(offset == i and key == record_key(i) and value == record_value(i),
              "record %d differs (offset %d, key %s)" % (i, offset, key))
    # Fetch answers: the LSO of a topic without transactions is the high watermark.
    check(wait_until(lambda: consumer.poll(0.2) is None and stats.get("hi") == args.count and
                     stats.get("ls") == args.count, 30, 0),
          "librdkafka's statistics never showed ls_offset == hi_offset == %d" % args.count, stats=stats)
    # ListOffsets with isolation_level=read_committed answers the LSO.
    low, high = consumer.get_watermark_offsets(TopicPartition(args.topic, 0), timeout=30, cached=False)
    check(low == 0 and high == args.count, "watermarks (%d, %d), expected (0, %d)" % (low, high, args.count))
    consumer.close()
    summary(ok=True, records=len(got), hi_offset=stats.get("hi"), ls_offset=stats.get("ls"), high=high)


if __name__ == "__main__":
    main()
