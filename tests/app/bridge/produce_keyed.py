"""Produce --count keyed records through confluent_kafka with librdkafka's Java-compatible "murmur2_random"
partitioner (what Kafka's Java producer does for keyed records) and print one JSON line per acknowledged
record: {"k": key, "p": partition, "o": offset, "ts": timestamp}, then a summary line {"ok": true, ...}.
Keys are "key-<i>", values JSON {"n": i}, headers seq=<i> and source=produce_keyed, timestamps base + 10*i."""
import argparse
import json
import sys
import time

try:
    import confluent_kafka
except ImportError as e:
    sys.stderr.write("confluent_kafka missing (apt-get install -y python3-confluent-kafka): %s\n" % e)
    sys.exit(2)

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--count", type=int, required=True)
ap.add_argument("--base-ts", type=int, required=True)
args = ap.parse_args()

producer = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "partitioner": "murmur2_random",
                                     "acks": "all", "linger.ms": 5, "enable.idempotence": True})
acked = []
errors = []


def report(i, ts):
    def on_delivery(err, msg):
        if err is not None:
            errors.append(str(err))
        else:
            acked.append({"k": "key-%d" % i, "p": msg.partition(), "o": msg.offset(), "ts": ts})
    return on_delivery


for i in range(args.count):
    ts = args.base_ts + 10 * i
    producer.produce(args.topic, key=("key-%d" % i).encode(), value=json.dumps({"n": i}).encode(),
                     headers=[("seq", str(i).encode()), ("source", b"produce_keyed")], timestamp=ts,
                     on_delivery=report(i, ts))
    producer.poll(0)
left = producer.flush(60)
for a in acked:
    print(json.dumps(a))
print(json.dumps({"ok": not errors and left == 0 and len(acked) == args.count, "acked": len(acked),
                  "errors": errors[:5]}))
sys.exit(0 if not errors and left == 0 else 1)
