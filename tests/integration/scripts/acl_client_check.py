"""One produce or one group consume as a SASL/SCRAM user with a real client library (confluent_kafka or
kafka-python), checking what the broker's ACLs decide: --expect ok (the records round-trip), topic-denied
(TOPIC_AUTHORIZATION_FAILED), group-denied (GROUP_AUTHORIZATION_FAILED) or, for a transactional producer
(confluent_kafka), txn-denied (TRANSACTIONAL_ID_AUTHORIZATION_FAILED). Client settings as --set key=value in
the library's own keys. Exits non-zero with a clear message when the outcome differs; prints a JSON summary."""
import argparse
import time

from itest_common import check, fail, summary


def settings_of(pairs):
    return dict(p.partition("=")[::2] for p in pairs)


def confluent(args, settings):
    import confluent_kafka
    from confluent_kafka import KafkaError
    conf = dict(settings, **{"bootstrap.servers": args.bootstrap})
    if args.mode == "transactional":
        p = confluent_kafka.Producer(dict(conf, **{"transactional.id": args.transactional_id,
                                                   "transaction.timeout.ms": 20000}))
        try:
            p.init_transactions(20)
            p.begin_transaction()
            for i in range(args.count):
                p.produce(args.topic, key=b"k%d" % i, value=b"v%d" % i)
            p.commit_transaction(20)
        except confluent_kafka.KafkaException as e:
            code = e.args[0].code()
            if code == KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
                return "txn-denied", str(e)
            if code == KafkaError.TOPIC_AUTHORIZATION_FAILED:
                return "topic-denied", str(e)
            return "other", str(e)
        return "ok", ""
    if args.mode == "produce":
        reports = []
        p = confluent_kafka.Producer(dict(conf, **{"acks": "all", "message.timeout.ms": 20000}))
        for i in range(args.count):
            p.produce(args.topic, key=b"k%d" % i, value=b"v%d" % i, on_delivery=lambda e, m: reports.append(e))
        p.flush(30)
        errors = [e for e in reports if e is not None]
        if not errors and len(reports) == args.count:
            return "ok", ""
        if any(e.code() == KafkaError.TOPIC_AUTHORIZATION_FAILED for e in errors):
            return "topic-denied", str(errors[0])
        return "other", str(errors[:3]) or "only %d reports" % len(reports)
    c = confluent_kafka.Consumer(dict(conf, **{"group.id": args.group, "auto.offset.reset": "earliest",
                                               "enable.auto.commit": False}))
    c.subscribe([args.topic])
    got, deadline = 0, time.time() + 30
    try:
        while got < args.count and time.time() < deadline:
            m = c.poll(0.5)
            if m is None:
                continue
            if m.error():
                code = m.error().code()
                if code == KafkaError.GROUP_AUTHORIZATION_FAILED:
                    return "group-denied", str(m.error())
                if code == KafkaError.TOPIC_AUTHORIZATION_FAILED:
                    return "topic-denied", str(m.error())
                continue
            got += 1
    except confluent_kafka.KafkaException as e:
        code = e.args[0].code()
        if code == KafkaError.GROUP_AUTHORIZATION_FAILED:
            return "group-denied", str(e)
        if code == KafkaError.TOPIC_AUTHORIZATION_FAILED:
            return "topic-denied", str(e)
        raise
    finally:
        c.close()
    return ("ok", "") if got >= args.count else ("other", "consumed %d of %d" % (got, args.count))


def kafka_python(args, settings):
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.errors import GroupAuthorizationFailedError, KafkaTimeoutError, TopicAuthorizationFailedError
    from kafka.client_async import KafkaClient
    from kafka.protocol.metadata import MetadataRequest
    kw = dict(settings, bootstrap_servers=args.bootstrap)
    try:
        if args.mode == "produce":
            p = KafkaProducer(acks="all", retries=0, max_block_ms=8000, **kw)
            try:
                futures = [p.send(args.topic, key=b"k%d" % i, value=b"v%d" % i) for i in range(args.count)]
            except KafkaTimeoutError:
                # kafka-python 2.0 fails a single-topic metadata update on the topic's error and keeps retrying
                # until max_block_ms (as against Kafka): ask once more through its own client to see the code.
                p.close()
                client = KafkaClient(**kw)
                node = client.least_loaded_node()
                deadline = time.time() + 10
                while not client.ready(node) and time.time() < deadline:
                    client.poll(timeout_ms=100)
                future = client.send(node, MetadataRequest[1]([args.topic]))
                client.poll(future=future, timeout_ms=10000)
                code = future.value.topics[0][0] if future.succeeded() else None
                client.close()
                if code == TopicAuthorizationFailedError.errno:
                    return "topic-denied", "Metadata answered TOPIC_AUTHORIZATION_FAILED"
                return "other", "metadata timed out; error code %s" % code
            for f in futures:
                f.get(timeout=30)
            p.close()
            return "ok", ""
        c = KafkaConsumer(args.topic, group_id=args.group, auto_offset_reset="earliest", enable_auto_commit=False,
                          consumer_timeout_ms=30000, **kw)
        got = 0
        deadline = time.time() + 30
        while got < args.count and time.time() < deadline:
            for records in c.poll(timeout_ms=500).values():
                got += len(records)
        c.close()
        return ("ok", "") if got >= args.count else ("other", "consumed %d of %d" % (got, args.count))
    except TopicAuthorizationFailedError as e:
        return "topic-denied", repr(e)
    except GroupAuthorizationFailedError as e:
        return "group-denied", repr(e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--client", choices=["confluent", "kafka-python"], required=True)
    ap.add_argument("--mode", choices=["produce", "consume", "transactional"], required=True)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--group", default="acl-check")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--expect", choices=["ok", "topic-denied", "group-denied", "txn-denied"], required=True)
    ap.add_argument("--transactional-id", default="acl-txn")
    ap.add_argument("--set", action="append", default=[])
    args = ap.parse_args()
    try:
        outcome, detail = (confluent if args.client == "confluent" else kafka_python)(args, settings_of(args.set))
    except ImportError as e:
        fail("%s not importable: %s" % (args.client, e))
    check(outcome == args.expect, "expected %s, got %s: %s" % (args.expect, outcome, detail))
    summary(ok=True, outcome=outcome, detail=detail)


if __name__ == "__main__":
    main()
