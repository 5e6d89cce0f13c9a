"""Print the low/high watermarks of every partition of a topic (ListOffsets earliest/latest via confluent_kafka)
as one JSON line: {"ok": true, "partitions": {"0": [low, high], ...}}."""
import argparse

from itest_common import fail, summary, watermark_offsets

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    args = ap.parse_args()
    consumer = confluent_kafka.Consumer({"bootstrap.servers": args.bootstrap, "group.id": "itest-offsets"})
    md = consumer.list_topics(args.topic, timeout=30)
    t = md.topics.get(args.topic)
    if t is None or t.error is not None:
        fail("topic %s not in metadata: %s" % (args.topic, t.error if t else "absent"))
    result = {}
    for p in sorted(t.partitions):
        try:
            result[str(p)] = list(watermark_offsets(consumer, TopicPartition(args.topic, p)))
        except Exception as e:  # noqa: BLE001
            fail("get_watermark_offsets(%s, %d) failed: %s" % (args.topic, p, e))
    consumer.close()
    summary(ok=True, partitions=result)


if __name__ == "__main__":
    main()
