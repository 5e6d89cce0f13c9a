"""Exactly-once under faults (issue 12): a confluent_kafka consume-transform-produce loop on a 3-broker cluster.

An input thread produces "in-<n>" records to --input (idempotent, acks=all) until --stop-file exists. The loop
reads --input read_committed from the group's committed offsets, and per transaction writes "out-<value>" to the
same partition of --output plus the input offsets (send_offsets_to_transaction), then commits; every
--abort-every'th transaction is aborted on purpose instead (as after a processing failure). Retriable errors
are retried; an abortable one aborts and rewinds the consumer to the group's committed offsets (an OffsetFetch
with require_stable, as librdkafka does for read_committed: KIP-447). The test meanwhile kill -9s brokers.
When --zombie-file exists, the running instance begins a transaction and writes its batch; a second instance with
the same transactional.id then initialises (fencing the first and aborting its open transaction), the first
must fail its commit with a fatal PRODUCER_FENCED, and the second takes the loop over from the committed offsets.
After the stop file: the loop drains the input to its end; then a read_committed consumer must read each input
record in --output exactly once (transformed), and nothing else.
The number of committed transactions and the phase go to --progress (one JSON object, replaced atomically);
prints a one-line JSON summary and exits non-zero with a clear message on any mismatch."""
import argparse
import collections
import json
import os
import threading
import time

from itest_common import check, fail, summary
from transactions_check import committed_with_retry, create_topics, read_all

try:
    import confluent_kafka
    from confluent_kafka import KafkaError, KafkaException, TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)

FENCED_CODES = {KafkaError._FENCED, KafkaError.PRODUCER_FENCED, KafkaError.INVALID_PRODUCER_EPOCH}


class Progress:
    def __init__(self, path):
        self.path = path
        self.fields = {"commits": 0, "aborts": 0, "phase": "starting", "instance": 1}

    def set(self, **fields):
        self.fields.update(fields)
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.fields, f)
        os.replace(tmp, self.path)


def input_producer(args, stop, produced):
    p = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True,
                                  "acks": "all", "linger.ms": 5, "message.timeout.ms": 120000})
    n = 0
    while not os.path.exists(args.stop_file):
        for _ in range(args.rate // 20):
            p.produce(args.input, value="in-%d" % n, partition=n % args.partitions)
            n += 1
        p.poll(0)
        time.sleep(0.05)  # paces the input at about --rate records/s
    remaining = p.flush(150)
    if remaining:
        stop["error"] = "the input producer could not deliver %d records" % remaining
    produced["count"] = n


class Instance:
    """One incarnation of the application: a read_committed consumer of the input and a transactional producer."""

    def __init__(self, args, number):
        self.args = args
        self.number = number
        self.producer = confluent_kafka.Producer({
            "bootstrap.servers": args.bootstrap, "transactional.id": "eos-app", "transaction.timeout.ms": 60000,
            "message.timeout.ms": 60000, "linger.ms": 5})
        self.producer.init_transactions(120)
        self.consumer = confluent_kafka.Consumer({
            "bootstrap.servers": args.bootstrap, "group.id": "eos-group", "isolation.level": "read_committed",
            "enable.auto.commit": False, "auto.offset.reset": "earliest", "enable.partition.eof": True})
        self.partitions = [TopicPartition(args.input, p) for p in range(args.partitions)]
        self.rewind()

    def rewind(self):
        """Assigns the input at the group's committed offsets (earliest where none)."""
        committed = committed_with_retry(self.consumer, self.partitions)
        start = [TopicPartition(tp.topic, tp.partition, tp.offset if tp.offset >= 0 else confluent_kafka.OFFSET_BEGINNING)
                 for tp in committed]
        self.consumer.assign(start)
        self.next = {tp.partition: max(tp.offset, 0) for tp in committed}

    def poll_batch(self):
        batch = []
        for msg in self.consumer.consume(num_messages=self.args.batch, timeout=0.5):
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                fail("input consumer error: %s" % msg.error())
            self.next[msg.partition()] = msg.offset() + 1
            batch.append(msg)
        return batch

    def drained(self):
        """True when the consumer's position is at the input's end on every partition."""
        for tp in self.partitions:
            high = self.consumer.get_watermark_offsets(tp, timeout=30, cached=False)[1]
            if self.next[tp.partition] < high:
                return False
        return True

    def write(self, batch):
        self.producer.begin_transaction()
        for msg in batch:
            self.producer.produce(self.args.output, value=b"out-" + msg.value(), partition=msg.partition())

    def offsets(self, batch):
        last = {}
        for msg in batch:
            last[msg.partition()] = msg.offset() + 1
        return [TopicPartition(self.args.input, p, o) for p, o in sorted(last.items())]

    def commit(self, batch):
        """Sends the batch's offsets and commits; True when committed, False when aborted (and rewound)."""
        for attempt in range(100):
            try:
                if attempt == 0 or self.need_offsets:
                    self.need_offsets = True
                    self.producer.send_offsets_to_transaction(self.offsets(batch),
                                                              self.consumer.consumer_group_metadata(), 60)
                    self.need_offsets = False
                self.producer.commit_transaction(60)
                return True
            except KafkaException as e:
                err = e.args[0]
                if err.fatal():
                    raise
                if err.txn_requires_abort():
                    self.abort()
                    return False
                if not err.retriable():
                    raise
        fail("a transaction could neither commit nor abort after 100 retries")

    def abort(self):
        for _ in range(100):
            try:
                self.producer.abort_transaction(60)
                break
            except KafkaException as e:
                if e.args[0].fatal() or not e.args[0].retriable():
                    raise
        self.rewind()

    def close(self):
        self.consumer.close()


def run(args):
    create_topics(args.bootstrap, [(args.input, args.partitions, 3), (args.output, args.partitions, 3)])
    progress = Progress(args.progress)
    stop, produced = {}, {}
    feeder = threading.Thread(target=input_producer, args=(args, stop, produced), daemon=True)
    feeder.start()
    app = Instance(args, 1)
    progress.set(phase="running")
    commits = aborts = 0
    fenced = None
    zombie_lost = 0
    started = time.monotonic()
    while True:
        batch = app.poll_batch()
        if fenced is None and os.path.exists(args.zombie_file):
            # The zombie: this instance writes its batch in an open transaction, a new instance takes the
            # transactional.id over, and this one's commit must be fenced.
            app.write(batch)
            app.producer.flush(60)
            zombie_lost = len(batch)
            takeover = Instance(args, 2)
            try:
                app.producer.send_offsets_to_transaction(app.offsets(batch) or [TopicPartition(args.input, 0, 0)],
                                                         app.consumer.consumer_group_metadata(), 60)
                app.producer.commit_transaction(60)
            except KafkaException as e:
                fenced = e.args[0]
            check(fenced is not None, "the fenced instance committed its transaction")
            check(fenced.code() in FENCED_CODES and fenced.fatal(),
                  "the fenced instance did not get a fatal PRODUCER_FENCED", fenced=str(fenced), code=fenced.code())
            app.close()
            app = takeover
            progress.set(phase="fenced", instance=2, fenced_error=fenced.name())
            continue
        if not batch:
            if produced and app.drained():
                break  # the input is complete and fully processed
            continue
        app.write(batch)
        if (commits + aborts) % args.abort_every == args.abort_every - 1:
            # A processing failure: the transaction (its output and its offsets) is aborted, the batch read again.
            try:
                app.producer.send_offsets_to_transaction(app.offsets(batch), app.consumer.consumer_group_metadata(),
                                                         60)
            except KafkaException as e:
                if e.args[0].fatal():
                    raise
            app.abort()
            aborts += 1
        elif app.commit(batch):
            commits += 1
        else:
            aborts += 1
        progress.set(commits=commits, aborts=aborts)
    app.close()
    feeder.join()
    check("error" not in stop, stop.get("error", ""))
    check(fenced is not None, "the zombie file never appeared; nothing was fenced")
    check(aborts > 0, "no transaction was aborted")
    loop_s = time.monotonic() - started

    partitions = [(args.input, p) for p in range(args.partitions)]
    inputs = read_all(args.bootstrap, partitions, "read_uncommitted", produced["count"], timeout_s=120)
    check(len(inputs) == produced["count"] and len(set(inputs)) == len(inputs),
          "the input topic does not hold each produced record once", got=len(inputs), produced=produced["count"])
    outputs = read_all(args.bootstrap, [(args.output, p) for p in range(args.partitions)], "read_committed",
                       len(inputs), timeout_s=120)
    counts = collections.Counter(outputs)
    dupes = sorted(v for v, n in counts.items() if n > 1)
    expected = set("out-" + v for v in inputs)
    check(not dupes, "read_committed saw output records more than once", dupes=len(dupes), sample=dupes[:5])
    check(set(outputs) == expected, "the output is not exactly the transformed input",
          missing=sorted(expected - set(outputs))[:5], unexpected=sorted(set(outputs) - expected)[:5],
          got=len(outputs), expected=len(expected))
    progress.set(phase="done")
    summary(ok=True, inputs=len(inputs), outputs=len(outputs), commits=commits, aborts=aborts,
            fenced_error=fenced.name(), zombie_batch=zombie_lost, loop_s=round(loop_s, 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--input", default="eos-in")
    ap.add_argument("--output", default="eos-out")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--abort-every", type=int, default=4, help="abort every Nth transaction on purpose")
    ap.add_argument("--progress", required=True)
    ap.add_argument("--stop-file", required=True)
    ap.add_argument("--zombie-file", required=True)
    run(ap.parse_args())


if __name__ == "__main__":
    main()
