"""Read a whole topic back with a confluent_kafka Consumer (manual assign(), no group membership) and compare it
with the acknowledged records that produce.py wrote (--expect, JSON lines).

Checks, in both modes: every acknowledged record is at the partition and offset its delivery report named, with key,
value, headers and timestamp intact; offsets within a partition strictly increase.
--mode exact additionally: nothing else is in the topic (no duplicates, no extras) and per-partition order equals
produce order. --mode subset (after a crash): records that were not acknowledged may also be present."""
import argparse
import sys
import time

from itest_common import fail, load_jsonl, summary, watermark_offsets

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def read_topic(bootstrap, topic, timeout_s):
    consumer = confluent_kafka.Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "itest-verify",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "auto.offset.reset": "earliest",
        "fetch.wait.max.ms": 100,
    })
    md = consumer.list_topics(topic, timeout=30)
    tmd = md.topics.get(topic)
    if tmd is None or tmd.error is not None:
        fail("topic %s not in metadata: %s" % (topic, tmd.error if tmd else "absent"))
    partitions = sorted(tmd.partitions.keys())
    watermarks = {}
    for p in partitions:
        watermarks[p] = watermark_offsets(consumer, TopicPartition(topic, p))
    consumer.assign([TopicPartition(topic, p, confluent_kafka.OFFSET_BEGINNING) for p in partitions])
    pending = {p for p in partitions if watermarks[p][1] > watermarks[p][0]}
    records = {p: [] for p in partitions}
    errors = []
    deadline = time.time() + timeout_s
    while pending and time.time() < deadline:
        for msg in consumer.consume(num_messages=10000, timeout=0.5):
            err = msg.error()
            if err is not None:
                if err.code() == confluent_kafka.KafkaError._PARTITION_EOF:
                    if msg.offset() >= watermarks[msg.partition()][1]:
                        pending.discard(msg.partition())
                    continue
                errors.append(str(err))
                continue
            headers = msg.headers() or []
            records[msg.partition()].append({
                "k": msg.key().decode() if msg.key() is not None else None,
                "v": msg.value().decode() if msg.value() is not None else None,
                "h": [[k, v.decode() if v is not None else None] for k, v in headers],
                "ts": msg.timestamp()[1],
                "tstype": msg.timestamp()[0],
                "p": msg.partition(),
                "o": msg.offset(),
            })
            if msg.offset() + 1 >= watermarks[msg.partition()][1]:
                pending.discard(msg.partition())
    consumer.close()
    if pending:
        fail("timed out reading partitions %s of %s; got %s; watermarks %s; consumer errors %s" %
             (sorted(pending), topic, {p: len(r) for p, r in records.items()}, watermarks, errors[:5]))
    return partitions, watermarks, records, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--expect", required=True, help="JSON lines written by produce.py")
    ap.add_argument("--mode", choices=["exact", "subset"], default="exact")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()

    expected = load_jsonl(args.expect)
    if not expected:
        fail("no acknowledged records in %s: nothing to verify" % args.expect)
    partitions, watermarks, records, errors = read_topic(args.bootstrap, args.topic, args.timeout)

    by_position = {}
    for p, recs in records.items():
        last = -1
        for r in recs:
            if r["o"] <= last:
                fail("partition %d: offset %d after %d (not strictly increasing)" % (p, r["o"], last))
            last = r["o"]
            by_position[(p, r["o"])] = r

    problems = []
    for e in expected:
        got = by_position.get((e["p"], e["o"]))
        if got is None:
            problems.append("acknowledged seq %d (partition %d offset %d) is missing" % (e["seq"], e["p"], e["o"]))
            continue
        for field in ("k", "v", "h", "ts"):
            if got[field] != e[field]:
                problems.append("seq %d at %d/%d: %s is %r, acknowledged %r" %
                                (e["seq"], e["p"], e["o"], field, got[field], e[field]))
        if got["tstype"] != confluent_kafka.TIMESTAMP_CREATE_TIME:
            problems.append("seq %d: timestamp type %d, expected CreateTime" % (e["seq"], got["tstype"]))
        if len(problems) > 20:
            break

    total = sum(len(r) for r in records.values())
    if args.mode == "exact" and not problems:
        if total != len(expected):
            problems.append("topic holds %d records, %d were acknowledged (duplicates or extras)" %
                            (total, len(expected)))
        for p in partitions:
            seqs = [e["seq"] for e in sorted((e for e in expected if e["p"] == p), key=lambda e: e["o"])]
            if seqs != sorted(seqs):
                problems.append("partition %d: records not in produce order" % p)
    # Order of the acknowledged records (by seq) inside each partition, in both modes: with max.in.flight=1 a
    # producer's records keep their order.
    order_violations = 0
    for p in partitions:
        acked = sorted((e for e in expected if e["p"] == p), key=lambda e: e["o"])
        seqs = [e["seq"] for e in acked]
        order_violations += sum(1 for a, b in zip(seqs, seqs[1:]) if b < a)

    extras = total - len(expected)
    if problems:
        fail("; ".join(problems[:20]), expected=len(expected), read=total)
    summary(ok=True, expected=len(expected), read=total, extras=extras, partitions=len(partitions),
            order_violations=order_violations,
            watermarks={str(p): list(w) for p, w in watermarks.items()}, consumer_errors=errors[:5])


if __name__ == "__main__":
    main()
