"""Produce and consume over a secured listener with a real client library: confluent_kafka (librdkafka) or
kafka-python. Client settings come as key=value pairs in the library's own keys (--set). Produces --count records
(acks=all) to --topic and reads them all back with a manually assigned consumer, comparing keys and values.
Exits non-zero with a clear message on any failure (a refused handshake included); prints a one-line JSON
summary."""
import argparse
import time

from itest_common import check, fail, record_key, record_value, summary


def parse_settings(pairs):
    out = {}
    for p in pairs:
        k, _, v = p.partition("=")
        out[k] = v
    return out


def run_confluent(args, settings):
    try:
        import confluent_kafka
        from confluent_kafka import TopicPartition
    except ImportError as e:
        fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)
    errors = []
    conf = dict(settings)
    conf.update({"bootstrap.servers": args.bootstrap, "error_cb": lambda e: errors.append(str(e))})
    producer = confluent_kafka.Producer(dict(conf, **{"acks": "all", "message.timeout.ms": args.timeout * 1000}))
    reports = []
    for i in range(args.count):
        producer.produce(args.topic, key=record_key(i), value=record_value(i),
                         on_delivery=lambda err, msg: reports.append(err))
        producer.poll(0)
    producer.flush(args.timeout)
    bad = [str(e) for e in reports if e is not None]
    check(len(reports) == args.count and not bad, "produce failed: %d of %d delivered; errors %s; client errors %s"
          % (len(reports) - len(bad), args.count, bad[:3], errors[:5]))
    consumer = confluent_kafka.Consumer(dict(conf, **{"group.id": "secure-check", "enable.auto.commit": False}))
    consumer.assign([TopicPartition(args.topic, 0, 0)])
    got = []
    deadline = time.time() + args.timeout
    while len(got) < args.count and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is None or m.error():
            continue
        got.append((m.key().decode(), m.value().decode()))
    consumer.close()
    return got, errors


def run_kafka_python(args, settings):
    try:
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    except ImportError as e:
        fail("kafka not importable (apt-get install -y python3-kafka): %s" % e)
    kw = {}
    for k, v in settings.items():
        kw[k] = v
    try:
        producer = KafkaProducer(bootstrap_servers=args.bootstrap, acks="all", request_timeout_ms=args.timeout * 1000,
                                 **kw)
        futures = [producer.send(args.topic, key=record_key(i).encode(), value=record_value(i).encode(), partition=0)
                   for i in range(args.count)]
        producer.flush(args.timeout)
        for f in futures:
            f.get(timeout=args.timeout)
        producer.close()
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        fail("kafka-python produce failed: %r" % e)
    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, enable_auto_commit=False, **kw)
    consumer.assign([TopicPartition(args.topic, 0)])
    consumer.seek(TopicPartition(args.topic, 0), 0)
    got = []
    deadline = time.time() + args.timeout
    while len(got) < args.count and time.time() < deadline:
        for records in consumer.poll(timeout_ms=500).values():
            got.extend((r.key.decode(), r.value.decode()) for r in records)
    consumer.close()
    return got, []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--client", choices=["confluent", "kafka-python"], required=True)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--set", action="append", default=[], help="client setting key=value")
    args = ap.parse_args()
    settings = parse_settings(args.set)
    run = run_confluent if args.client == "confluent" else run_kafka_python
    got, errors = run(args, settings)
    check(len(got) == args.count, "consumed %d of %d records; client errors %s" % (len(got), args.count, errors[:5]))
    for i, (k, v) in enumerate(got):
        check(k == record_key(i) and v == record_value(i), "record %d differs: %s" % (i, k))
    summary(ok=True, client=args.client, records=len(got))


if __name__ == "__main__":
    main()
