"""Log compaction seen by a real client (confluent_kafka / librdkafka) against one broker whose cleaner runs every
few hundred ms: a topic with cleanup.policy=compact, small segments and min.cleanable.dirty.ratio=0.01 gets many
values per key, tombstones for some keys and unique-key filler (so the interesting data sits in closed segments).
Checks, reading from the beginning with manual assign():
  1. eventually exactly the last value of every live key remains, at the offset the producer was told;
  2. tombstones are still there after that first compaction (they live delete.retention.ms past the cleaning that
     first saw them) and are gone later;
  3. filler records (unique keys) all survive at their offsets; a keyless record is rejected (INVALID_RECORD).
Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import time

from itest_common import check, fail, summary, wait_until

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def produce_all(bootstrap, topic, records):
    """records: list of (key, value-or-None). Returns {index: offset} from the delivery reports."""
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5,
                                         "enable.idempotence": True, "message.timeout.ms": 60000,
                                         "batch.size": 4000})  # batches must fit the 8 KiB segments
    offsets, errors = {}, []

    def report(i):
        def on_delivery(err, msg):
            if err is not None:
                errors.append("%d: %s" % (i, err))
            else:
                offsets[i] = msg.offset()
        return on_delivery

    for i, (key, value) in enumerate(records):
        while True:
            try:
                producer.produce(topic, key=key.encode(), value=None if value is None else value.encode(),
                                 on_delivery=report(i))
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    check(producer.flush(60) == 0, "producer did not deliver everything within 60 s")
    check(not errors, "delivery errors", errors=errors[:5])
    return offsets


def produce_keyless(bootstrap, topic):
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "acks": "all",
                                         "message.timeout.ms": 20000, "retries": 0})
    result = []
    producer.produce(topic, value=b"no key", on_delivery=lambda err, msg: result.append(err))
    producer.flush(30)
    check(len(result) == 1, "no delivery report for the keyless record")
    return result[0]


def read_all(bootstrap, topic):
    consumer = confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": "itest-compaction",
                                         "enable.auto.commit": False, "enable.partition.eof": True})
    try:
        consumer.assign([TopicPartition(topic, 0, confluent_kafka.OFFSET_BEGINNING)])
        out = []
        deadline = time.time() + 60
        while time.time() < deadline:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == confluent_kafka.KafkaError._PARTITION_EOF:
                    return out
                continue
            value = msg.value()
            out.append((msg.offset(), msg.key().decode() if msg.key() else None,
                        None if value is None else value.decode()))
        fail("reading %s did not reach the end within 60 s" % topic)
    finally:
        consumer.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--deleted", type=int, default=8)
    ap.add_argument("--delete-retention-ms", type=int, default=8000)
    args = ap.parse_args()
    topic = "compacted-%d" % int(time.time() * 1000)

    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    config = {"cleanup.policy": "compact", "segment.bytes": "8192", "min.cleanable.dirty.ratio": "0.01",
              "delete.retention.ms": str(args.delete_retention_ms)}
    futures = admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1, config=config)],
                                  operation_timeout=30, request_timeout=30)
    try:
        futures[topic].result(timeout=60)
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        fail("create_topics(%s) failed: %s" % (topic, e))
    wait_until(lambda: topic in admin.list_topics(timeout=30).topics, 30)

    records = []
    for r in range(args.rounds):
        for k in range(args.keys):
            records.append(("key-%03d" % k, "value-%03d-round-%03d-%s" % (k, r, "x" * 40)))
    for k in range(args.deleted):
        records.append(("key-%03d" % k, None))
    for f in range(300):  # unique keys: they roll the data above into closed segments and all survive
        records.append(("filler-%04d" % f, "filler-%04d-%s" % (f, "y" * 60)))
    offsets = produce_all(args.bootstrap, topic, records)
    produced_at = time.time()

    latest = {}
    for i, (key, value) in enumerate(records):
        latest[key] = (offsets[i], value)
    deleted_keys = {"key-%03d" % k for k in range(args.deleted)}

    def state_ok(got, expect_tombstones):
        by_key = {}
        for offset, key, value in got:
            by_key.setdefault(key, []).append((offset, value))
        for key, (offset, value) in latest.items():
            have = by_key.get(key, [])
            if key in deleted_keys:
                want = [(offset, None)] if expect_tombstones else []
            else:
                want = [(offset, value)]
            if have != want:
                return False, "key %s: have %s, want %s" % (key, have[:3], want)
        extra = set(by_key) - set(latest)
        if extra:
            return False, "unexpected keys %s" % sorted(extra)[:5]
        offsets_seen = [o for o, _, _ in got]
        if offsets_seen != sorted(offsets_seen):
            return False, "offsets out of order"
        return True, ""

    # Phase 1: compacted, tombstones still present.
    last_reason = ""
    phase1_s = None
    deadline = time.time() + 60
    while time.time() < deadline:
        got = read_all(args.bootstrap, topic)
        ok, last_reason = state_ok(got, expect_tombstones=True)
        if ok:
            phase1_s = time.time() - produced_at
            phase1_count = len(got)
            break
        time.sleep(0.3)
    check(phase1_s is not None, "log never compacted to the last value per key with tombstones kept",
          reason=last_reason, produced=len(records))
    check(phase1_s * 1000 < args.delete_retention_ms,
          "compaction was only seen after delete.retention.ms; tombstone retention not observable",
          phase1_s=phase1_s)

    # Phase 2: tombstones gone after delete.retention.ms.
    phase2_s = None
    deadline = time.time() + 60 + args.delete_retention_ms / 1000.0
    while time.time() < deadline:
        got = read_all(args.bootstrap, topic)
        ok, last_reason = state_ok(got, expect_tombstones=False)
        if ok:
            phase2_s = time.time() - produced_at
            break
        time.sleep(0.5)
    check(phase2_s is not None, "tombstones never removed", reason=last_reason)
    check(phase2_s * 1000 >= args.delete_retention_ms, "tombstones removed before delete.retention.ms",
          phase2_s=phase2_s)

    err = produce_keyless(args.bootstrap, topic)
    check(err is not None, "a keyless record was accepted by a compacted topic")
    keyless_error = err.name() if hasattr(err, "name") else str(err)
    check("INVALID_RECORD" in keyless_error.upper() or err.code() == 87,
          "keyless record rejected with the wrong error", error=keyless_error)

    summary(ok=True, produced=len(records), after_compaction=phase1_count, after_tombstones=len(got),
            phase1_s=round(phase1_s, 2), phase2_s=round(phase2_s, 2), keyless_error=keyless_error)


if __name__ == "__main__":
    main()
