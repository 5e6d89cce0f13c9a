"""confluent_kafka (librdkafka) transactions against a Partita broker (issue 12).

--scenario commit-abort: a transactional producer runs committed and aborted transactions over several
partitions of two topics, with send_offsets_to_transaction; a read_committed consumer must see exactly the
committed records, once each; a read_uncommitted one sees all of them; the group's committed offset moves only
with committed transactions; an open transaction holds read_committed readers (LSO) back until it ends; while
a transaction holds the group's offset, a read_committed consumer's committed() waits for its marker (KIP-447).
--scenario failover --phase open: commits one transaction over two partitions (replication factor 3), opens a
second and exits without ending it (as a crashed application); --phase finish (after the test killed the
transaction coordinator): a new producer with the same transactional.id initialises (the new coordinator, which
loaded __transaction_state, aborts the open transaction), commits a third; read_committed sees exactly the first
and third transactions' records.
--scenario verify-after-restart: after the commit-abort scenario and a broker kill -9 + restart, the group's
offset (replayed from __consumer_offsets: transactional commits count only with their COMMIT marker) and the
read_committed view are unchanged.
--scenario hang: opens a transaction (--txn-id, --timeout-ms) with records on --topic partition 0 and exits
without ending it, as a crashed application; the test then inspects, times out or aborts it.
--scenario zombie: a second producer with the same transactional.id fences the first, whose commit then fails
with a fatal PRODUCER_FENCED error; only the second producer's records are committed.
Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import collections
import os
import threading
import time

from itest_common import check, fail, summary, wait_until

try:
    import confluent_kafka
    from confluent_kafka import KafkaError, KafkaException, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def create_topics(bootstrap, topics):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(name, num_partitions=n, replication_factor=rf) for name, n, rf in topics])
    for name, f in futures.items():
        try:
            f.result(60)
        except KafkaException as e:
            if e.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                fail("creating %s failed: %s" % (name, e))


def producer(bootstrap, txn_id, timeout_ms=60000):
    return confluent_kafka.Producer({"bootstrap.servers": bootstrap, "transactional.id": txn_id,
                                     "transaction.timeout.ms": timeout_ms,
                                     "message.timeout.ms": min(60000, timeout_ms)})


def read_all(bootstrap, partitions, isolation, expect, timeout_s=60):
    """Reads the partitions from the beginning until `expect` records arrived and nothing more comes."""
    consumer = confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": "reader-%s-%f" % (isolation, time.time()),
                                         "isolation.level": isolation, "enable.auto.commit": False,
                                         "enable.partition.eof": True})
    consumer.assign([TopicPartition(t, p, confluent_kafka.OFFSET_BEGINNING) for t, p in partitions])
    values = []
    eof = set()
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        msg = consumer.poll(0.5)
        if msg is None:
            if len(values) >= expect and len(eof) == len(partitions):
                break
            continue
        if msg.error():
            if msg.error().code() == KafkaError._PARTITION_EOF:
                eof.add((msg.topic(), msg.partition()))
                continue
            fail("%s consumer error: %s" % (isolation, msg.error()))
        eof.discard((msg.topic(), msg.partition()))
        values.append(msg.value().decode())
    consumer.close()
    return values


def send(p, topics, tag, per_partition):
    sent = []
    for topic, count in topics:
        for part in range(count):
            for i in range(per_partition):
                value = "%s-%s-%d-%d" % (tag, topic, part, i)
                p.produce(topic, value=value, partition=part)
                sent.append(value)
    return sent


# The group coordinator is moving or loading (a broker restarted or was killed): librdkafka hands these to the
# application from committed() instead of retrying, as it does against Kafka; the caller asks again.
COORDINATOR_MOVING = {KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_NOT_AVAILABLE,
                      KafkaError.COORDINATOR_LOAD_IN_PROGRESS, KafkaError._TIMED_OUT, KafkaError._TRANSPORT,
                      KafkaError._WAIT_COORD}


def committed_with_retry(consumer, partitions, timeout_s=120):
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return consumer.committed(partitions, timeout=30)
        except KafkaException as e:
            if e.args[0].code() not in COORDINATOR_MOVING or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def committed_offset(bootstrap, group, tp):
    c = confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        return committed_with_retry(c, [tp])[0].offset
    finally:
        c.close()


def stable_wait(bs, p, group_meta):
    tp = TopicPartition("txn-in", 0)
    p.begin_transaction()
    p.send_offsets_to_transaction([TopicPartition("txn-in", 0, 11)], group_meta, 30)
    plain = confluent_kafka.Consumer({"bootstrap.servers": bs, "group.id": "txn-group", "enable.auto.commit": False,
                                      "isolation.level": "read_uncommitted"})
    stable = confluent_kafka.Consumer({"bootstrap.servers": bs, "group.id": "txn-group", "enable.auto.commit": False,
                                       "isolation.level": "read_committed"})
    try:
        seen = committed_with_retry(plain, [tp])[0].offset
        check(seen == 10, "read_uncommitted did not get the last committed offset during a transaction", offset=seen)
        try:
            early = stable.committed([tp], timeout=3)[0].offset
            fail("read_committed was given offset %d while a transaction was about to change it" % early)
        except KafkaException as e:
            check(e.args[0].code() == KafkaError._TIMED_OUT, "unexpected error for an unstable offset",
                  error=str(e.args[0]))
        committer = threading.Timer(1.0, lambda: p.commit_transaction(60))
        started = time.monotonic()
        committer.start()
        settled = committed_with_retry(stable, [tp])[0].offset
        waited = time.monotonic() - started
        committer.join()
        check(settled == 11, "read_committed did not get the transaction's offset once committed", offset=settled)
        return round(waited, 2)
    finally:
        plain.close()
        stable.close()


def commit_abort(args):
    bs = args.bootstrap
    topics = [("txn-a", 3), ("txn-b", 2)]
    create_topics(bs, [(name, n, 1) for name, n in topics] + [("txn-in", 1, 1)])
    partitions = [(t, p) for t, n in topics for p in range(n)]
    group_consumer = confluent_kafka.Consumer({"bootstrap.servers": bs, "group.id": "txn-group",
                                               "enable.auto.commit": False})
    group_meta = group_consumer.consumer_group_metadata()

    p = producer(bs, "txn-app")
    started = time.monotonic()
    p.init_transactions(60)
    init_s = time.monotonic() - started

    committed, aborted = [], []
    p.begin_transaction()
    committed += send(p, topics, "c1", args.per_partition)
    p.send_offsets_to_transaction([TopicPartition("txn-in", 0, 5)], group_meta, 30)
    p.commit_transaction(60)
    after_first = committed_offset(bs, "txn-group", TopicPartition("txn-in", 0))
    check(after_first == 5, "the committed transaction's offset is not visible", offset=after_first)

    p.begin_transaction()
    aborted += send(p, topics, "a2", args.per_partition)
    p.send_offsets_to_transaction([TopicPartition("txn-in", 0, 8)], group_meta, 30)
    p.flush(60)
    p.abort_transaction(60)
    after_abort = committed_offset(bs, "txn-group", TopicPartition("txn-in", 0))
    check(after_abort == 5, "an aborted transaction's offset became visible", offset=after_abort)

    p.begin_transaction()
    committed += send(p, topics, "c3", args.per_partition)
    p.send_offsets_to_transaction([TopicPartition("txn-in", 0, 10)], group_meta, 30)
    p.commit_transaction(60)
    check(committed_offset(bs, "txn-group", TopicPartition("txn-in", 0)) == 10,
          "the second committed transaction's offset is not visible")

    # KIP-447: while a transaction holds the group's offset, a read_committed consumer's committed() (OffsetFetch
    # with require_stable) is answered UNSTABLE_OFFSET_COMMIT and librdkafka asks again until the marker lands;
    # a read_uncommitted one is given the last committed offset at once.
    unstable_s = stable_wait(bs, p, group_meta)

    # An open transaction holds the last stable offset: read_committed readers stop before it.
    p.begin_transaction()
    open_values = send(p, [("txn-a", 1)], "open", args.per_partition)
    p.flush(60)
    rc = confluent_kafka.Consumer({"bootstrap.servers": bs, "group.id": "wm-rc", "isolation.level": "read_committed"})
    ru = confluent_kafka.Consumer({"bootstrap.servers": bs, "group.id": "wm-ru", "isolation.level": "read_uncommitted"})
    tp = TopicPartition("txn-a", 0)
    lso_open = rc.get_watermark_offsets(tp, timeout=30, cached=False)[1]
    hw_open = ru.get_watermark_offsets(tp, timeout=30, cached=False)[1]
    check(lso_open < hw_open, "an open transaction does not hold the LSO back", lso=lso_open, hw=hw_open)
    p.abort_transaction(60)
    aborted += open_values
    lso_done = wait_until(lambda: rc.get_watermark_offsets(tp, timeout=30, cached=False)[1] ==
                          ru.get_watermark_offsets(tp, timeout=30, cached=False)[1], 30)
    check(lso_done, "the LSO did not reach the high watermark after the abort")
    rc.close()
    ru.close()
    # A last aborted transaction with offsets: they must stay invisible (also after a restart replays the log).
    p.begin_transaction()
    p.send_offsets_to_transaction([TopicPartition("txn-in", 0, 12)], group_meta, 30)
    p.abort_transaction(60)
    check(committed_offset(bs, "txn-group", TopicPartition("txn-in", 0)) == 11,
          "an aborted transaction's offset became visible")
    group_consumer.close()

    read_committed = read_all(bs, partitions, "read_committed", len(committed))
    counts = collections.Counter(read_committed)
    dupes = [v for v, n in counts.items() if n > 1]
    check(not dupes, "read_committed saw records more than once", sample=dupes[:5])
    check(set(read_committed) == set(committed),
          "read_committed did not see exactly the committed records",
          missing=sorted(set(committed) - set(read_committed))[:5],
          unexpected=sorted(set(read_committed) - set(committed))[:5])
    read_uncommitted = read_all(bs, partitions, "read_uncommitted", len(committed) + len(aborted))
    check(sorted(read_uncommitted) == sorted(committed + aborted),
          "read_uncommitted did not see every record once",
          got=len(read_uncommitted), expected=len(committed) + len(aborted))
    summary(ok=True, committed=len(committed), aborted=len(aborted), read_committed=len(read_committed),
            read_uncommitted=len(read_uncommitted), init_s=round(init_s, 2), lso_open=lso_open, hw_open=hw_open,
            unstable_wait_s=unstable_s)


def zombie(args):
    bs = args.bootstrap
    create_topics(bs, [("txn-zombie", 2, 1)])
    first = producer(bs, "zombie-app")
    first.init_transactions(60)
    first.begin_transaction()
    lost = send(first, [("txn-zombie", 2)], "zombie", args.per_partition)
    first.flush(60)

    second = producer(bs, "zombie-app")
    second.init_transactions(60)  # fences `first` and aborts its open transaction
    second.begin_transaction()
    kept = send(second, [("txn-zombie", 2)], "second", args.per_partition)
    second.commit_transaction(60)

    error = None
    try:
        first.produce("txn-zombie", value="late", partition=0)
        first.commit_transaction(30)
    except KafkaException as e:
        error = e.args[0]
    check(error is not None, "the fenced producer committed")
    fenced_codes = {KafkaError._FENCED, KafkaError.PRODUCER_FENCED, KafkaError.INVALID_PRODUCER_EPOCH}
    check(error.code() in fenced_codes and error.fatal(), "the zombie did not get a fatal PRODUCER_FENCED",
          error=str(error), code=error.code(), fatal=error.fatal())
    values = read_all(bs, [("txn-zombie", 0), ("txn-zombie", 1)], "read_committed", len(kept))
    check(sorted(values) == sorted(kept), "read_committed after fencing is not exactly the second producer's records",
          got=len(values), expected=len(kept), zombie_seen=len(set(values) & set(lost)))
    summary(ok=True, fenced_error=error.name(), kept=len(kept), zombie_lost=len(lost))


def failover(args):
    bs = args.bootstrap
    parts = [("txn-fo", 2)]
    committed_tags = ["c1", "c3"]
    if args.phase == "open":
        create_topics(bs, [("txn-fo", 2, 3)])
        p = producer(bs, "fo-app", timeout_ms=300000)
        p.init_transactions(120)
        p.begin_transaction()
        send(p, parts, "c1", args.per_partition)
        p.commit_transaction(120)
        p.begin_transaction()
        send(p, parts, "open2", args.per_partition)
        p.flush(60)
        summary(ok=True, phase="open")
        os._exit(0)  # no abort, no EndTxn: the transaction stays open in the coordinator
    started = time.monotonic()
    p = producer(bs, "fo-app", timeout_ms=300000)
    p.init_transactions(180)
    init_s = time.monotonic() - started
    p.begin_transaction()
    send(p, parts, "c3", args.per_partition)
    p.commit_transaction(120)
    expected = ["%s-txn-fo-%d-%d" % (tag, part, i) for tag in committed_tags for part in range(2)
                for i in range(args.per_partition)]
    values = read_all(bs, [("txn-fo", 0), ("txn-fo", 1)], "read_committed", len(expected), timeout_s=120)
    check(sorted(values) == sorted(expected), "read_committed after the coordinator failover is wrong",
          got=len(values), expected=len(expected), open_seen=len([v for v in values if v.startswith("open2")]))
    summary(ok=True, phase="finish", read_committed=len(values), init_s=round(init_s, 2))


def verify_after_restart(args):
    """After a broker restart: the committed offsets and what read_committed sees are as before."""
    bs = args.bootstrap
    offset = wait_until(lambda: committed_offset(bs, "txn-group", TopicPartition("txn-in", 0)), 60)
    check(offset == 11, "the group's transactional offset after the restart is wrong", offset=offset)
    partitions = [("txn-a", p) for p in range(3)] + [("txn-b", p) for p in range(2)]
    values = read_all(bs, partitions, "read_committed", args.expect, timeout_s=120)
    check(len(values) == args.expect and len(set(values)) == len(values) and
          all(v.startswith("c") for v in values), "read_committed after the restart is wrong", got=len(values))
    summary(ok=True, offset=offset, read_committed=len(values))


def hang(args):
    create_topics(args.bootstrap, [(args.topic, 1, 1)])
    p = producer(args.bootstrap, args.txn_id, timeout_ms=args.timeout_ms)
    p.init_transactions(60)
    p.begin_transaction()
    for i in range(5):
        p.produce(args.topic, value="hang-%d" % i, partition=0)
    p.flush(60)
    summary(ok=True, scenario="hang", txn_id=args.txn_id)
    os._exit(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--scenario", choices=["commit-abort", "zombie", "failover", "hang", "verify-after-restart"], required=True)
    ap.add_argument("--phase", choices=["open", "finish"], default="open")
    ap.add_argument("--txn-id", default="hang-app")
    ap.add_argument("--timeout-ms", type=int, default=60000)
    ap.add_argument("--topic", default="txn-hang")
    ap.add_argument("--expect", type=int, default=200)
    ap.add_argument("--per-partition", type=int, default=20)
    args = ap.parse_args()
    {"commit-abort": commit_abort, "zombie": zombie, "failover": failover, "hang": hang,
     "verify-after-restart": verify_after_restart}[args.scenario](args)


if __name__ == "__main__":
    main()
