"""Data path of the cluster fault tests, through confluent_kafka (librdkafka).

produce: acks=all with idempotence (a retried batch is stored once), one request in flight per connection, records sent
round-robin to every partition at --rate per second until --stop-file appears (or --seconds pass). Every
acknowledged record is appended to --out as one JSON line (seq, partition, offset, key, value), flushed at once,
so the test knows exactly what was acknowledged however the brokers die.

verify: reads the whole topic back (assign(), no group) and checks every acknowledged record: present at the
partition and offset its delivery report named with its key and value, acknowledged records in produce order
within each partition, and each acknowledged sequence number present exactly once. A record that was written but
never acknowledged (the leader died before answering) may still appear; an acknowledged one appearing twice is a
duplicate, which idempotence rules out."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from itest_common import fail, load_jsonl, summary  # noqa: E402

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def produce(args):
    producer = confluent_kafka.Producer({
        "bootstrap.servers": args.bootstrap,
        "acks": "all",
        "max.in.flight.requests.per.connection": 1,
        "message.timeout.ms": args.message_timeout_ms,
        "linger.ms": 5,
        "retry.backoff.ms": 100,
        "reconnect.backoff.ms": 100,
        "reconnect.backoff.max.ms": 500,
        "topic.metadata.refresh.interval.ms": 1000,
        # Idempotence: a batch retried after a leader change must be stored once (the broker answers the
        # duplicate with its original offset).
        "enable.idempotence": True,
    })
    md = producer.list_topics(args.topic, timeout=30)
    tmd = md.topics.get(args.topic)
    if tmd is None or tmd.error is not None:
        fail("topic %s not in metadata: %s" % (args.topic, tmd.error if tmd else "absent"))
    partitions = sorted(tmd.partitions.keys())
    out = open(args.out, "a")
    state = {"acked": 0, "failed": 0, "errors": {}}

    def callback(seq, key, value):
        def on_delivery(err, msg):
            if err is not None:
                state["failed"] += 1
                state["errors"][err.name()] = state["errors"].get(err.name(), 0) + 1
                return
            out.write(json.dumps({"seq": seq, "p": msg.partition(), "o": msg.offset(), "k": key, "v": value}) + "\n")
            out.flush()
            state["acked"] += 1
        return on_delivery

    started = time.time()
    seq = 0
    while time.time() - started < args.seconds and not os.path.exists(args.stop_file):
        if args.count is not None and seq >= args.count:
            break
        if args.hold_after is not None and seq == args.hold_after:
            # Every record so far acknowledged, then wait for the test's go (fault tests place the next
            # records precisely).
            producer.flush(args.message_timeout_ms / 1000.0)
            while not os.path.exists(args.go_file) and not os.path.exists(args.stop_file):
                producer.poll(0.05)
        key = "%s-%07d" % (args.key_prefix, seq)
        value = "value-%s-%07d-%s" % (args.key_prefix, seq, "x" * 64)
        try:
            producer.produce(args.topic, key=key.encode(), value=value.encode(),
                             partition=partitions[seq % len(partitions)], on_delivery=callback(seq, key, value))
            seq += 1
        except BufferError:
            pass
        producer.poll(0)
        ahead = seq / args.rate - (time.time() - started)
        if ahead > 0:
            producer.poll(ahead)
    remaining = producer.flush(args.message_timeout_ms / 1000.0 + 5)
    out.close()
    summary(ok=remaining == 0, sent=seq, acked=state["acked"], failed=state["failed"], errors=state["errors"],
            unflushed=remaining, seconds=round(time.time() - started, 2))
    if remaining:
        sys.exit(1)


def verify(args):
    expected = load_jsonl(args.expect)
    if not expected:
        fail("no acknowledged records in %s: nothing to verify" % args.expect)
    consumer = confluent_kafka.Consumer({
        "bootstrap.servers": args.bootstrap, "group.id": "cluster-io-verify", "enable.auto.commit": False,
        "enable.partition.eof": True, "auto.offset.reset": "earliest", "fetch.wait.max.ms": 100,
    })
    md = consumer.list_topics(args.topic, timeout=30)
    tmd = md.topics.get(args.topic)
    if tmd is None or tmd.error is not None:
        fail("topic %s not in metadata: %s" % (args.topic, tmd.error if tmd else "absent"))
    partitions = sorted(tmd.partitions.keys())
    high = {p: consumer.get_watermark_offsets(TopicPartition(args.topic, p), timeout=30)[1] for p in partitions}
    consumer.assign([TopicPartition(args.topic, p, confluent_kafka.OFFSET_BEGINNING) for p in partitions])
    pending = {p for p in partitions if high[p] > 0}
    records = {p: [] for p in partitions}
    deadline = time.time() + args.timeout
    while pending and time.time() < deadline:
        for msg in consumer.consume(num_messages=10000, timeout=0.5):
            if msg.error() is not None:
                if msg.error().code() == confluent_kafka.KafkaError._PARTITION_EOF and msg.offset() >= high[msg.partition()]:
                    pending.discard(msg.partition())
                continue
            records[msg.partition()].append((msg.offset(), (msg.key() or b"").decode(), (msg.value() or b"").decode()))
            if msg.offset() + 1 >= high[msg.partition()]:
                pending.discard(msg.partition())
    consumer.close()
    if pending:
        fail("timed out reading partitions %s; high watermarks %s; read %s" %
             (sorted(pending), high, {p: len(r) for p, r in records.items()}))
    at = {}
    key_count = {}  # keys are unique per acknowledged record (one producer, one --key-prefix)
    for p, recs in records.items():
        for o, k, v in recs:
            at[(p, o)] = (k, v)
            key_count[k] = key_count.get(k, 0) + 1
    # librdkafka acknowledges some records without an offset ("o": null): an idempotent producer whose request
    # timed out in flight learns from a later batch's success that the earlier one was stored (implicit ack). Such
    # a record must still be in its partition: it is looked up by its key (unique per record) and then checked
    # like the others, at the offset where it is.
    where = {}
    for p, recs in records.items():
        for o, k, v in recs:
            where.setdefault((p, k), o)
    for e in expected:
        if e["o"] is None:
            e["o"] = where.get((e["p"], e["k"]))
            e["offset_unreported"] = True
    problems = []
    lost = 0  # acknowledged records not at their offset (missing, or replaced by other records)
    for e in expected:
        if e["o"] is None:
            lost += 1
            if len(problems) < 20:
                problems.append("acknowledged seq %d (partition %d, acknowledged without an offset) is missing" %
                                (e["seq"], e["p"]))
            continue
        got = at.get((e["p"], e["o"]))
        if got == (e["k"], e["v"]):
            continue
        lost += 1
        if len(problems) >= 20:
            continue
        if got is None:
            problems.append("acknowledged seq %d (partition %d offset %d) is missing" % (e["seq"], e["p"], e["o"]))
        else:
            problems.append("partition %d offset %d holds %s, acknowledged %s" % (e["p"], e["o"], got[0], e["k"]))
    if lost:
        problems.insert(0, "%d of %d acknowledged records lost" % (lost, len(expected)))
    duplicated_acked = sorted(e["seq"] for e in expected if key_count.get(e["k"], 0) > 1)
    if duplicated_acked and args.fail_on_duplicates:
        problems.append("%d acknowledged records stored more than once (seqs %s)" %
                        (len(duplicated_acked), duplicated_acked[:10]))
    order_violations = 0
    for p in partitions:
        seqs = [e["seq"] for e in sorted((e for e in expected if e["p"] == p and e["o"] is not None),
                                         key=lambda e: e["o"])]
        order_violations += sum(1 for a, b in zip(seqs, seqs[1:]) if b < a)
    if order_violations:
        problems.append("%d acknowledged records out of produce order" % order_violations)
    total = sum(len(r) for r in records.values())
    if problems:
        fail("; ".join(problems[:21]), expected=len(expected), read=total, lost=lost)
    summary(ok=True, expected=len(expected), read=total, extras=total - len(expected),
            acknowledged_without_offset=sum(1 for e in expected if e.get("offset_unreported")),
            duplicated_acked=duplicated_acked[:20], duplicated_acked_count=len(duplicated_acked),
            high_watermarks={str(p): h for p, h in high.items()})


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mode", choices=["produce", "verify"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--out", help="produce: JSON lines of acknowledged records")
    ap.add_argument("--expect", help="verify: the produce --out file")
    ap.add_argument("--stop-file", default="/nonexistent")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--message-timeout-ms", type=int, default=60000)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--count", type=int, help="produce: stop after sending this many records")
    ap.add_argument("--hold-after", type=int, help="produce: after this many records, flush and wait for --go-file")
    ap.add_argument("--go-file", default="/nonexistent")
    ap.add_argument("--key-prefix", default="key", help="produce: keys are <prefix>-<seq>")
    ap.add_argument("--fail-on-duplicates", action="store_true",
                    help="verify: an acknowledged record read more than once fails (idempotence rules it out)")
    args = ap.parse_args()
    produce(args) if args.mode == "produce" else verify(args)


if __name__ == "__main__":
    main()
