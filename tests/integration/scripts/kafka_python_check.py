"""kafka-python (its own protocol implementation, not librdkafka) against one broker: KafkaAdminClient
create_topics, KafkaProducer (acks=all, every future must succeed), KafkaConsumer with manual assign() reading
everything back with key, value, headers and timestamp intact, in order per partition; beginning/end offsets.
Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import time

from itest_common import check, fail, record_key, record_value, summary, wait_until

try:
    from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.admin import NewTopic
except ImportError as e:
    fail("kafka-python not importable (apt-get install -y python3-kafka): %s" % e)

PARTITIONS = 2


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--compression", default=None, help="gzip, lz4, zstd or snappy (needs the python module)")
    args = ap.parse_args()
    started = time.time()
    topic = "kafka-python-check-%d" % (int(time.time() * 1000) % 100000)

    admin = KafkaAdminClient(bootstrap_servers=args.bootstrap, client_id="itest-kafka-python",
                             request_timeout_ms=30000)
    try:
        admin.create_topics([NewTopic(name=topic, num_partitions=PARTITIONS, replication_factor=1)],
                            timeout_ms=30000)
    except Exception as e:  # noqa: BLE001
        fail("KafkaAdminClient.create_topics(%s) failed: %r" % (topic, e))
    listed = wait_until(lambda: topic in admin.list_topics(), 15)
    check(listed, "KafkaAdminClient.list_topics does not show %s after create_topics" % topic)
    admin.close()

    producer = KafkaProducer(bootstrap_servers=args.bootstrap, acks="all", linger_ms=5, retries=3,
                             compression_type=args.compression, request_timeout_ms=30000)
    check(producer.partitions_for(topic) == set(range(PARTITIONS)),
          "producer sees partitions %s of %s, created %d" % (producer.partitions_for(topic), topic, PARTITIONS))
    base_ts = int(time.time() * 1000) - 10 * args.count
    futures = []
    for i in range(args.count):
        futures.append(producer.send(topic, key=record_key(i).encode(), value=record_value(i).encode(),
                                     headers=[("seq", str(i).encode()), ("client", b"kafka-python")],
                                     timestamp_ms=base_ts + i))
    producer.flush(timeout=60)
    positions = {}
    for i, f in enumerate(futures):
        try:
            md = f.get(timeout=30)
        except Exception as e:  # noqa: BLE001
            fail("send of seq %d failed: %r" % (i, e))
        positions[i] = (md.partition, md.offset)
    producer.close()

    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=None, enable_auto_commit=False,
                             consumer_timeout_ms=1000)
    tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]
    consumer.assign(tps)
    consumer.seek_to_beginning(*tps)
    begin = consumer.beginning_offsets(tps)
    end = consumer.end_offsets(tps)
    check(all(begin[tp] == 0 for tp in tps), "beginning_offsets %s, expected 0" % begin)
    check(sum(end.values()) == args.count, "end_offsets %s add up to %d, produced %d" %
          (end, sum(end.values()), args.count))
    got = {p: [] for p in range(PARTITIONS)}
    deadline = time.time() + 60
    while sum(len(v) for v in got.values()) < args.count and time.time() < deadline:
        batch = consumer.poll(timeout_ms=500, max_records=5000)
        for tp, records in batch.items():
            got[tp.partition].extend(records)
    consumer.close()
    total = sum(len(v) for v in got.values())
    check(total == args.count, "read %d records of %d" % (total, args.count))
    seen = set()
    for p, records in got.items():
        last = -1
        for r in records:
            seq = int(r.key.decode().split("-")[1])
            check(seq not in seen, "seq %d read twice" % seq)
            seen.add(seq)
            check(positions[seq] == (p, r.offset), "seq %d at %d/%d, acknowledged at %s" %
                  (seq, p, r.offset, positions[seq]))
            check(seq > last, "partition %d out of order: %d after %d" % (p, seq, last))
            last = seq
            check(r.value.decode() == record_value(seq), "seq %d value altered" % seq)
            check(list(r.headers) == [("seq", str(seq).encode()), ("client", b"kafka-python")],
                  "seq %d headers %r" % (seq, r.headers))
            check(r.timestamp == base_ts + seq and r.timestamp_type == 0,
                  "seq %d timestamp %r type %r, produced %d CreateTime" % (seq, r.timestamp, r.timestamp_type,
                                                                          base_ts + seq))
    summary(ok=True, topic=topic, read=total, per_partition={str(p): len(v) for p, v in got.items()},
            seconds=round(time.time() - started, 2))


if __name__ == "__main__":
    main()
