"""Produce numbered, keyed records with headers and explicit timestamps through confluent_kafka, and append every
acknowledged record (its delivery report: partition, offset) to --out as one JSON line, flushed immediately, so a
test that kills the broker mid-stream knows exactly what was acknowledged.

Exit 0 when every record was acknowledged; with --allow-failures, also when some deliveries failed (they are
counted in the summary and never written to --out)."""
import argparse
import json
import sys
import time

from itest_common import fail, record_key, record_value, summary

try:
    import confluent_kafka
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--start", type=int, default=0, help="first sequence number")
    ap.add_argument("--acks", default="all")
    ap.add_argument("--compression", default="none")
    ap.add_argument("--value-size", type=int, default=100)
    ap.add_argument("--out", required=True, help="JSON lines of acknowledged records")
    ap.add_argument("--rate", type=float, default=0, help="records per second; 0 = as fast as possible")
    ap.add_argument("--message-timeout-ms", type=int, default=60000)
    ap.add_argument("--max-in-flight", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=0,
                    help="librdkafka batch.size; a broker refuses batches larger than segment.bytes")
    ap.add_argument("--allow-failures", action="store_true")
    ap.add_argument("--idempotent", action="store_true",
                    help="enable.idempotence: librdkafka keeps order across retries only with it")
    ap.add_argument("--timeout", type=float, default=240, help="overall seconds")
    args = ap.parse_args()

    conf = {
        "bootstrap.servers": args.bootstrap,
        "acks": args.acks,
        "compression.type": args.compression,
        "message.timeout.ms": args.message_timeout_ms,
        "max.in.flight.requests.per.connection": args.max_in_flight,
        "linger.ms": 5,
        "retry.backoff.ms": 200,
        "reconnect.backoff.ms": 100,
        "reconnect.backoff.max.ms": 1000,
    }
    if args.idempotent:
        conf["enable.idempotence"] = True
    if args.batch_size > 0:
        conf["batch.size"] = args.batch_size
    producer = confluent_kafka.Producer(conf)
    out = open(args.out, "a")
    state = {"acked": 0, "failed": 0, "errors": {}}
    base_ts = int(time.time() * 1000) - args.count  # strictly increasing, never in the future

    def delivery_callback(seq, key, value, headers, ts):
        # The record is described from what we sent: a delivery report carries only the position.
        def on_delivery(err, msg):
            if err is not None:
                state["failed"] += 1
                name = err.name()
                state["errors"][name] = state["errors"].get(name, 0) + 1
                return
            record = {"seq": seq, "k": key, "v": value, "h": [[k, v.decode()] for k, v in headers], "ts": ts,
                      "p": msg.partition(), "o": msg.offset()}
            out.write(json.dumps(record) + "\n")
            out.flush()
            state["acked"] += 1
        return on_delivery

    started = time.time()
    deadline = started + args.timeout
    for n in range(args.count):
        i = args.start + n
        headers = [("seq", str(i).encode()), ("source", b"produce.py"), ("empty", b"")]
        key, value, ts = record_key(i), record_value(i, args.value_size), base_ts + n
        callback = delivery_callback(i, key, value, headers, ts)
        while True:
            try:
                producer.produce(args.topic, key=key.encode(), value=value.encode(), headers=headers, timestamp=ts,
                                 on_delivery=callback)
                break
            except BufferError:
                producer.poll(0.05)
            if time.time() > deadline:
                fail("timed out while queueing records", acked=state["acked"], queued=n)
        producer.poll(0)
        if args.rate > 0:
            ahead = (n + 1) / args.rate - (time.time() - started)
            if ahead > 0:
                producer.poll(ahead)
    remaining = producer.flush(max(1.0, deadline - time.time()))
    out.close()
    elapsed = time.time() - started
    ok = remaining == 0 and (state["failed"] == 0 or args.allow_failures) and (
        state["acked"] + state["failed"] == args.count)
    summary(ok=ok, acked=state["acked"], failed=state["failed"], errors=state["errors"], unflushed=remaining,
            seconds=round(elapsed, 2), rate=round(args.count / max(elapsed, 1e-6)))
    if not ok:
        sys.stderr.write("FAILED: %d acked, %d failed (%s), %d never delivered of %d\n" %
                         (state["acked"], state["failed"], state["errors"], remaining, args.count))
        sys.exit(1)


if __name__ == "__main__":
    main()
