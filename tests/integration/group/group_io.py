"""Consumer-group scenarios of the group integration tests, against a running 3-broker cluster.

Every scenario produces to a 6-partition topic, runs consumers of one group in threads and checks what a user
relies on: the members' assignments are disjoint and cover every partition, a departing member's partitions are
taken over, and consumers that restart resume at the committed offsets (no record skipped; offsets are committed
synchronously after each record, so a clean restart re-reads nothing). Output: one JSON summary line; exit 1 with
FAILED: on stderr when a check fails.

  balance   --client confluent|kafka-python --assignor range|roundrobin|cooperative-sticky
  static    static membership: a member closed and restarted with its group.instance.id within the session
            timeout gets its partitions back and the others see no rebalance
  produce / commit-some / resume   the two halves of the coordinator failover test (the C++ test kills the
            coordinator in between)"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from itest_common import check, fail, summary, wait_until  # noqa: E402

try:
    import confluent_kafka
    from confluent_kafka import TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)

PARTITIONS = 6
SESSION_MS = 6000


def create_topic(bootstrap, topic):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(topic, PARTITIONS, 3)], operation_timeout=30)
    for _, f in futures.items():
        try:
            f.result(60)
        except confluent_kafka.KafkaException as e:
            if e.args[0].code() != confluent_kafka.KafkaError.TOPIC_ALREADY_EXISTS:
                raise


def produce(bootstrap, topic, start, count):
    """count records, values 'v<N>' from start, round-robin over the partitions; returns {partition: count}."""
    p = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5})
    errors = []
    for i in range(start, start + count):
        p.produce(topic, value=b"v%d" % i, partition=i % PARTITIONS,
                  on_delivery=lambda err, msg: errors.append(err) if err else None)
        p.poll(0)
    check(p.flush(30) == 0, "producer did not flush")
    check(not errors, "produce failed", errors=[str(e) for e in errors[:5]])


class Member(threading.Thread):
    """One group member polling in its own thread; records what it consumed and its current assignment."""

    def __init__(self, name, bootstrap, group, topic, client="confluent", assignor="range", instance_id=None):
        super().__init__(daemon=True)
        self.name, self.client = name, client
        self.records = []  # (partition, offset, value)
        self.assignment = set()
        self.revokes = 0
        self.commit_errors = []
        self.stop = threading.Event()
        self.error = None
        if client == "confluent":
            conf = {"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False,
                    "auto.offset.reset": "earliest", "session.timeout.ms": SESSION_MS,
                    "heartbeat.interval.ms": 500, "partition.assignment.strategy": assignor,
                    "topic.metadata.refresh.interval.ms": 2000, "client.id": name}
            if instance_id:
                conf["group.instance.id"] = instance_id
            self.consumer = confluent_kafka.Consumer(conf)
            self.consumer.subscribe([topic], on_revoke=self._on_revoke)
        else:
            import kafka
            from kafka.coordinator.assignors.range import RangePartitionAssignor
            from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
            strategy = {"range": RangePartitionAssignor, "roundrobin": RoundRobinPartitionAssignor}[assignor]
            self.consumer = kafka.KafkaConsumer(
                topic, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                auto_offset_reset="earliest", session_timeout_ms=SESSION_MS, heartbeat_interval_ms=500,
                partition_assignment_strategy=[strategy], client_id=name, metadata_max_age_ms=2000)

    def _on_revoke(self, consumer, partitions):
        if partitions:
            self.revokes += 1

    def run(self):
        try:
            while not self.stop.is_set():
                self._poll_once()
        except Exception as e:  # reported by the scenario
            self.error = "%s: %r" % (self.name, e)

    def _poll_once(self):
        if self.client == "confluent":
            msg = self.consumer.poll(0.2)
            if msg is not None and not msg.error():
                self.records.append((msg.partition(), msg.offset(), msg.value()))
                try:
                    self.consumer.commit(message=msg, asynchronous=False)
                except confluent_kafka.KafkaException as e:
                    # A commit racing a rebalance fails (REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION): the record
                    # is read again by its next owner, within at-least-once.
                    self.commit_errors.append(str(e))
            self.assignment = {tp.partition for tp in self.consumer.assignment()}
        else:
            import kafka
            batch = self.consumer.poll(timeout_ms=200)
            for tp, msgs in batch.items():
                for m in msgs:
                    self.records.append((m.partition, m.offset, m.value))
                try:
                    self.consumer.commit({tp: kafka.structs.OffsetAndMetadata(msgs[-1].offset + 1, "")})
                except kafka.errors.KafkaError as e:
                    self.commit_errors.append(repr(e))
            self.assignment = {tp.partition for tp in self.consumer.assignment()}

    def close(self):
        self.stop.set()
        self.join(30)
        self.consumer.close()


def balanced(members, expected_partitions):
    """Disjoint assignments covering exactly expected_partitions, spread evenly."""
    sets = [m.assignment for m in members]
    union = set().union(*sets)
    sizes = sorted(len(s) for s in sets)
    return (sum(sizes) == len(union) and union == expected_partitions and sizes[-1] - sizes[0] <= 1)


def wait_balanced(members, what, timeout_s):
    start = time.time()
    ok = wait_until(lambda: balanced(members, set(range(PARTITIONS))), timeout_s)
    for m in members:
        check(m.error is None, "member failed", error=m.error)
    check(ok, "group did not balance: " + what, assignments={m.name: sorted(m.assignment) for m in members})
    return time.time() - start


def consumed(members):
    out = {}
    for m in members:
        for p, o, v in m.records:
            out.setdefault((p, o), v)
    return out


def spans(member):
    """partition -> [first offset, last offset, count] of what a member consumed (diagnostics)."""
    out = {}
    for p, o, _ in member.records:
        s = out.setdefault(p, [o, o, 0])
        s[0], s[1], s[2] = min(s[0], o), max(s[1], o), s[2] + 1
    return out


def wait_consumed(members, total, what, timeout_s=40):
    ok = wait_until(lambda: len(consumed(members)) >= total, timeout_s)
    check(ok, "not every record consumed: " + what, consumed=len(consumed(members)), expected=total,
          members={m.name: {"assignment": sorted(m.assignment), "records": len(m.records), "error": m.error,
                            "alive": m.is_alive(), "commit_errors": m.commit_errors[-3:], "spans": spans(m)} for m in members})


def balance(args):
    create_topic(args.bootstrap, args.topic)
    produce(args.bootstrap, args.topic, 0, 600)
    members = [Member("m%d" % i, args.bootstrap, args.group, args.topic, args.client, args.assignor)
               for i in range(3)]
    for m in members:
        m.start()
    first = wait_balanced(members, "3 members", 45)
    pairs = {m.name: sorted(m.assignment) for m in members}
    check(all(len(m.assignment) == 2 for m in members), "each of 3 members should own 2 partitions", pairs=pairs)
    wait_consumed(members, 600, "first 600")

    # One member leaves: the other two take over its partitions within session timeout + rebalance delay.
    leaving = members.pop(0)
    leaving.close()
    takeover = wait_balanced(members, "after a member left", SESSION_MS / 1000.0 + 10)
    produce(args.bootstrap, args.topic, 600, 300)
    wait_consumed(members + [leaving], 900, "after the takeover")
    seen = consumed(members + [leaving])
    for m in members:
        m.close()

    # Restart: new members of the same group resume at the committed offsets.
    produce(args.bootstrap, args.topic, 900, 300)
    restarted = [Member("r%d" % i, args.bootstrap, args.group, args.topic, args.client, args.assignor)
                 for i in range(3)]
    for m in restarted:
        m.start()
    wait_balanced(restarted, "after the restart", 45)
    wait_consumed(restarted, 300, "after the restart")
    time.sleep(1)
    again = consumed(restarted)
    for m in restarted:
        m.close()
    duplicates = [k for k in again if k in seen]
    all_offsets = set(seen) | set(again)
    check(len(all_offsets) == 1200, "records skipped across the restart", seen=len(all_offsets))
    check(not duplicates, "records read again after a clean restart", duplicates=duplicates[:10])
    summary(ok=True, scenario="balance", client=args.client, assignor=args.assignor, assignments=pairs,
            balanced_s=round(first, 2), takeover_s=round(takeover, 2))


def static(args):
    create_topic(args.bootstrap, args.topic)
    produce(args.bootstrap, args.topic, 0, 60)
    members = [Member("s%d" % i, args.bootstrap, args.group, args.topic, "confluent", "range", "inst-%d" % i)
               for i in range(3)]
    for m in members:
        m.start()
    wait_balanced(members, "3 static members", 45)
    wait_consumed(members, 60, "static members")
    time.sleep(1)  # let the group settle
    before = {m.name: sorted(m.assignment) for m in members}
    revokes_before = [m.revokes for m in members[1:]]
    members[0].close()  # a static member does not send LeaveGroup
    time.sleep(1)
    back = Member("s0-again", args.bootstrap, args.group, args.topic, "confluent", "range", "inst-0")
    back.start()
    ok = wait_until(lambda: sorted(back.assignment) == before["s0"], 20)
    check(ok, "the restarted static member did not get its partitions back", before=before,
          now=sorted(back.assignment))
    time.sleep(2)
    revokes_after = [m.revokes for m in members[1:]]
    after = {m.name: sorted(m.assignment) for m in members[1:]}
    for m in members[1:] + [back]:
        m.close()
    check(revokes_after == revokes_before, "the other members were rebalanced", before=revokes_before,
          after=revokes_after)
    check(all(after[n] == before[n] for n in after), "the other members' partitions changed", before=before,
          after=after)
    summary(ok=True, scenario="static", assignments=before)


def commit_some(args):
    """Failover phase 1: a group member consumes 50 records of every partition, committing each."""
    create_topic(args.bootstrap, args.topic)
    produce(args.bootstrap, args.topic, 0, 300)
    c = confluent_kafka.Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group,
                                  "enable.auto.commit": False, "auto.offset.reset": "earliest",
                                  "session.timeout.ms": SESSION_MS})
    c.subscribe([args.topic])
    counts = {}
    deadline = time.time() + 40
    while sum(counts.values()) < 300 and time.time() < deadline:
        msg = c.poll(0.2)
        if msg is None or msg.error():
            continue
        counts[msg.partition()] = counts.get(msg.partition(), 0) + 1
        c.commit(message=msg, asynchronous=False)
    check(sum(counts.values()) == 300, "phase 1 did not consume 300 records", counts=counts)
    committed = {tp.partition: tp.offset for tp in
                 c.committed([TopicPartition(args.topic, p) for p in range(PARTITIONS)], timeout=10)}
    check(all(committed[p] == 50 for p in range(PARTITIONS)), "commits not visible", committed=committed)
    c.close()
    # Seen by another client after the member left (closing must not move them).
    other = confluent_kafka.Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group,
                                      "enable.auto.commit": False})
    after = {tp.partition: tp.offset for tp in
             other.committed([TopicPartition(args.topic, p) for p in range(PARTITIONS)], timeout=10)}
    other.close()
    check(after == committed, "committed offsets changed when the member closed", before=committed, after=after)
    produce(args.bootstrap, args.topic, 300, 300)  # what the group reads after the failover
    summary(ok=True, scenario="commit-some", committed=committed)


def resume(args):
    """Failover phase 2 (after the coordinator was killed): committed offsets intact; consumption resumes there."""
    c = confluent_kafka.Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group,
                                  "enable.auto.commit": False, "auto.offset.reset": "earliest",
                                  "session.timeout.ms": SESSION_MS})
    start = time.time()
    committed = None
    while time.time() - start < 45:
        try:
            committed = {tp.partition: tp.offset for tp in
                         c.committed([TopicPartition(args.topic, p) for p in range(PARTITIONS)], timeout=5)}
            break
        except confluent_kafka.KafkaException:
            time.sleep(0.5)
    check(committed is not None, "committed offsets not readable after the failover")
    if not all(committed[p] == 50 for p in range(PARTITIONS)):
        ends = {p: c.get_watermark_offsets(TopicPartition(args.topic, p), timeout=10) for p in range(PARTITIONS)}
        check(False, "committed offsets lost in the failover", committed=committed, watermarks=ends)
    c.subscribe([args.topic])
    first, seen = {}, set()
    deadline = time.time() + 45
    while len(seen) < 300 and time.time() < deadline:
        msg = c.poll(0.2)
        if msg is None or msg.error():
            continue
        first.setdefault(msg.partition(), msg.offset())
        seen.add((msg.partition(), msg.offset()))
    c.close()
    check(len(seen) == 300, "phase 2 did not consume the remaining 300", consumed=len(seen))
    check(all(first[p] == 50 for p in range(PARTITIONS)), "did not resume at the committed offsets", first=first)
    summary(ok=True, scenario="resume", committed=committed, took_s=round(time.time() - start, 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["balance", "static", "commit-some", "resume"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--client", default="confluent", choices=["confluent", "kafka-python"])
    ap.add_argument("--assignor", default="range")
    args = ap.parse_args()
    {"balance": balance, "static": static, "commit-some": commit_some, "resume": resume}[args.scenario](args)


if __name__ == "__main__":
    main()
