"""Client quota measurements through confluent_kafka (librdkafka), for test_itest_cluster_quotas.

produce BOOTSTRAP TOPIC CLIENT_ID SECONDS: produces 10 KB records (acks=1) as fast as the client lets it for
SECONDS, and prints one JSON line: acknowledged bytes and the rate of the steady part (acknowledgements after the
first --skip seconds, over the client's own monotonic timestamps of the first and last of them), the throttle
events librdkafka reported (throttle_cb) and their largest throttle_time_ms.

consume BOOTSTRAP TOPIC CLIENT_ID SECONDS: reads partition 0 from the beginning (assign, no group) with small
fetches for SECONDS and prints the same measurements over the bytes of the records received.

offsets BOOTSTRAP TOPIC CLIENT_ID SECONDS: asks partition 0's leader for its watermarks (two ListOffsets requests,
cached=False) in a loop for SECONDS: cheap requests for KIP-124 request quotas. "bytes" counts the queries and
"rate" is queries per second of the steady part."""
import json
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition

RECORD = 10 * 1024


class Meter:
    def __init__(self, skip):
        self.start = time.monotonic()
        self.skip = skip
        self.bytes = 0
        self.steady = []  # (time, bytes) after the skipped start
        self.throttles = []

    def add(self, n):
        now = time.monotonic()
        self.bytes += n
        if now - self.start >= self.skip:
            self.steady.append((now, n))

    def on_throttle(self, event):
        self.throttles.append(event.throttle_time * 1000.0)

    def report(self):
        rate = 0.0
        if len(self.steady) >= 2:
            elapsed = self.steady[-1][0] - self.steady[0][0]
            # Bytes after the first steady acknowledgement, over the time since it.
            rate = sum(n for _, n in self.steady[1:]) / elapsed if elapsed > 0 else 0.0
        print(json.dumps({"bytes": self.bytes, "steady_points": len(self.steady), "rate": rate,
                          "throttle_events": len(self.throttles),
                          "max_throttle_ms": max(self.throttles) if self.throttles else 0}))


def produce(bootstrap, topic, client_id, seconds, skip):
    meter = Meter(skip)
    p = Producer({"bootstrap.servers": bootstrap, "client.id": client_id, "acks": "1", "linger.ms": 5,
                  "batch.size": 4 * RECORD, "enable.idempotence": False, "queue.buffering.max.kbytes": 512,
                  "throttle_cb": meter.on_throttle})
    value = b"q" * RECORD
    deadline = meter.start + seconds
    while time.monotonic() < deadline:
        try:
            p.produce(topic, value, partition=0,
                      on_delivery=lambda err, msg: meter.add(len(msg.value())) if err is None else None)
        except BufferError:
            p.poll(0.05)
            continue
        p.poll(0)
    p.flush(60)
    meter.report()


def offsets(bootstrap, topic, client_id, seconds, skip):
    meter = Meter(skip)
    c = Consumer({"bootstrap.servers": bootstrap, "client.id": client_id, "group.id": "quota-" + client_id,
                  "enable.auto.commit": False, "throttle_cb": meter.on_throttle})
    tp = TopicPartition(topic, 0)
    deadline = meter.start + seconds
    while time.monotonic() < deadline:
        c.get_watermark_offsets(tp, timeout=30, cached=False)
        meter.add(1)
        c.poll(0)  # serves throttle_cb
    c.close()
    meter.report()


def consume(bootstrap, topic, client_id, seconds, skip):
    meter = Meter(skip)
    c = Consumer({"bootstrap.servers": bootstrap, "client.id": client_id, "group.id": "quota-" + client_id,
                  "enable.auto.commit": False, "fetch.max.bytes": 64 * 1024, "message.max.bytes": 64 * 1024, "max.partition.fetch.bytes": 64 * 1024,
                  "fetch.wait.max.ms": 100, "throttle_cb": meter.on_throttle})
    c.assign([TopicPartition(topic, 0, 0)])
    deadline = meter.start + seconds
    while time.monotonic() < deadline:
        msg = c.poll(0.1)
        if msg is None or msg.error():
            continue
        meter.add(len(msg.value()))
    c.close()
    meter.report()


def main():
    mode, bootstrap, topic, client_id, seconds = sys.argv[1:6]
    skip = float(sys.argv[6]) if len(sys.argv) > 6 else 3.0
    {"produce": produce, "consume": consume, "offsets": offsets}[mode](bootstrap, topic, client_id, float(seconds), skip)


if __name__ == "__main__":
    main()
