"""confluent_kafka (librdkafka) against one broker: AdminClient create_topics / list_topics / describe_configs /
delete_topics, Producer with acks=1 and acks=all (delivery callbacks must report no error), Consumer with manual
assign() reading everything back (key, value, headers, timestamp, order), get_watermark_offsets, offsets_for_times.
Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import time

from itest_common import check, fail, record_key, record_value, summary, wait_until

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
    from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)

PARTITIONS = 3


def create_topic(admin, name, partitions, config):
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1, config=config)],
                                  operation_timeout=30, request_timeout=30)
    try:
        futures[name].result(timeout=60)
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        fail("create_topics(%s) failed: %s" % (name, e))


def topic_in_metadata(admin, name):
    md = admin.list_topics(timeout=30)
    t = md.topics.get(name)
    return t if t is not None and t.error is None else None


def produce(bootstrap, topic, acks, count, base_ts):
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "acks": acks, "linger.ms": 5,
                                         "message.timeout.ms": 60000})
    reports = []
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append("%s: %s" % (msg.key(), err))
        else:
            reports.append((int(msg.key().decode().split("-")[1]), msg.partition(), msg.offset()))

    for i in range(count):
        while True:
            try:
                producer.produce(topic, key=record_key(i).encode(), value=record_value(i).encode(),
                                 headers=[("seq", str(i).encode()), ("acks", str(acks).encode())],
                                 timestamp=base_ts + i, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    left = producer.flush(60)
    check(left == 0, "acks=%s: %d records never delivered" % (acks, left))
    check(not errors, "acks=%s: delivery errors: %s" % (acks, errors[:5]), errors=len(errors))
    check(len(reports) == count, "acks=%s: %d delivery reports for %d records" % (acks, len(reports), count))
    return {seq: (p, o) for seq, p, o in reports}


def consume_all(bootstrap, topic, partitions, timeout_s=60):
    consumer = confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": "itest-confluent-check",
                                         "enable.auto.commit": False, "enable.partition.eof": True})
    highs = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30) for p in partitions}
    consumer.assign([TopicPartition(topic, p, confluent_kafka.OFFSET_BEGINNING) for p in partitions])
    got = {p: [] for p in partitions}
    eof = set()
    deadline = time.time() + timeout_s
    while len(eof) < len(partitions) and time.time() < deadline:
        for msg in consumer.consume(num_messages=1000, timeout=0.5):
            if msg.error() is not None:
                if msg.error().code() == confluent_kafka.KafkaError._PARTITION_EOF:
                    if msg.offset() >= highs[msg.partition()][1]:
                        eof.add(msg.partition())
                    continue
                continue  # coordinator lookups of the group are irrelevant to assign()
            got[msg.partition()].append(msg)
    return consumer, highs, got, eof


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--broker-id", type=int, required=True)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--expect-broker-config", action="append", default=[], help="key=value the broker must report")
    args = ap.parse_args()
    started = time.time()
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    suffix = str(int(time.time() * 1000) % 100000)
    results = {}

    # --- AdminClient: create, list, describe configs
    topic = "confluent-check-" + suffix
    create_topic(admin, topic, PARTITIONS, {"retention.ms": "3600000", "cleanup.policy": "delete"})
    tmd = wait_until(lambda: topic_in_metadata(admin, topic), 15)
    check(tmd is not None, "list_topics does not show %s after create_topics" % topic)
    check(len(tmd.partitions) == PARTITIONS, "%s has %d partitions, created with %d" %
          (topic, len(tmd.partitions), PARTITIONS))
    for p, pmd in tmd.partitions.items():
        check(pmd.leader == args.broker_id, "%s[%d] leader %d, expected %d" % (topic, p, pmd.leader, args.broker_id))
        check(pmd.error is None, "%s[%d] metadata error %s" % (topic, p, pmd.error))
    md = admin.list_topics(timeout=30)
    check(args.broker_id in md.brokers, "broker %d not in list_topics brokers %s" % (args.broker_id, md.brokers))

    fs = admin.describe_configs([ConfigResource(ConfigResource.Type.TOPIC, topic)], request_timeout=30)
    topic_cfg = list(fs.values())[0].result(timeout=30)
    for key, want in (("retention.ms", "3600000"), ("cleanup.policy", "delete")):
        check(key in topic_cfg, "describe_configs(topic) lacks %s (has %s)" % (key, sorted(topic_cfg)[:20]))
        check(topic_cfg[key].value == want, "describe_configs(topic) %s=%r, expected %r" %
              (key, topic_cfg[key].value, want))
    fs = admin.describe_configs([ConfigResource(ConfigResource.Type.BROKER, str(args.broker_id))], request_timeout=30)
    broker_cfg = list(fs.values())[0].result(timeout=30)
    for kv in args.expect_broker_config:
        key, want = kv.split("=", 1)
        check(key in broker_cfg, "describe_configs(broker %d) lacks %s" % (args.broker_id, key))
        check(broker_cfg[key].value == want, "describe_configs(broker) %s=%r, expected %r" %
              (key, broker_cfg[key].value, want))
    results["topic_configs"] = len(topic_cfg)
    results["broker_configs"] = len(broker_cfg)

    # --- Producer acks=1 and acks=all, then read everything back with assign()
    for acks in ("1", "all"):
        t = "%s-acks%s" % (topic, acks)
        create_topic(admin, t, PARTITIONS, {})
        wait_until(lambda: topic_in_metadata(admin, t), 15)
        base_ts = int(time.time() * 1000) - 10 * args.count
        positions = produce(args.bootstrap, t, acks, args.count, base_ts)
        consumer, highs, got, eof = consume_all(args.bootstrap, t, list(range(PARTITIONS)))
        check(len(eof) == PARTITIONS, "acks=%s: consumer did not reach the end of every partition: %s" %
              (acks, {p: len(m) for p, m in got.items()}))
        seen = set()
        for p, msgs in got.items():
            check(highs[p][0] == 0, "acks=%s: low watermark of %d is %d, expected 0" % (acks, p, highs[p][0]))
            check(highs[p][1] == len(msgs), "acks=%s: partition %d high watermark %d but %d records read" %
                  (acks, p, highs[p][1], len(msgs)))
            last_seq = -1
            for m in msgs:
                seq = int(m.key().decode().split("-")[1])
                check(seq not in seen, "acks=%s: seq %d read twice" % (acks, seq))
                seen.add(seq)
                check(positions.get(seq) == (p, m.offset()), "acks=%s: seq %d at %d/%d, acknowledged at %s" %
                      (acks, seq, p, m.offset(), positions.get(seq)))
                check(seq > last_seq, "acks=%s: partition %d out of order (%d after %d)" % (acks, p, seq, last_seq))
                last_seq = seq
                check(m.value().decode() == record_value(seq), "acks=%s: seq %d value altered" % (acks, seq))
                check(m.headers() == [("seq", str(seq).encode()), ("acks", acks.encode())],
                      "acks=%s: seq %d headers %r" % (acks, seq, m.headers()))
                check(m.timestamp() == (confluent_kafka.TIMESTAMP_CREATE_TIME, base_ts + seq),
                      "acks=%s: seq %d timestamp %r, produced %d" % (acks, seq, m.timestamp(), base_ts + seq))
        check(len(seen) == args.count, "acks=%s: read %d distinct records of %d" % (acks, len(seen), args.count))

        # offsets_for_times: the first record with timestamp >= T is the one produced at T.
        queries = []
        for p, msgs in got.items():
            if msgs:
                mid = msgs[len(msgs) // 2]
                queries.append((TopicPartition(t, p, mid.timestamp()[1]), mid.offset()))
        answers = consumer.offsets_for_times([q for q, _ in queries], timeout=30)
        for (q, want), a in zip(queries, answers):
            check(a.error is None and a.offset == want, "acks=%s: offsets_for_times(%d, ts=%d) -> %s (error %s), "
                  "expected %d" % (acks, q.partition, q.offset, a.offset, a.error, want))
        future = consumer.offsets_for_times([TopicPartition(t, 0, base_ts + 100 * args.count)], timeout=30)[0]
        check(future.offset == -1, "acks=%s: offsets_for_times(after the last record) -> %d, expected -1 (end)" %
              (acks, future.offset))
        consumer.close()
        results["acks_" + acks] = len(seen)

    # --- delete_topics, then list_topics no longer shows it
    victim = topic + "-acks1"
    futures = admin.delete_topics([victim], operation_timeout=30, request_timeout=30)
    try:
        futures[victim].result(timeout=60)
    except Exception as e:  # noqa: BLE001
        fail("delete_topics(%s) failed: %s" % (victim, e))
    gone = wait_until(lambda: topic_in_metadata(admin, victim) is None, 20)
    check(gone, "list_topics still shows %s 20 s after delete_topics" % victim)
    check(topic_in_metadata(admin, topic) is not None, "deleting %s also removed %s" % (victim, topic))

    summary(ok=True, seconds=round(time.time() - started, 2), **results)


if __name__ == "__main__":
    main()
