"""Produce to internal topics is refused as Kafka refuses it (ReplicaManager: INVALID_TOPIC_EXCEPTION for
__consumer_offsets and __transaction_state unless the client id is "__admin_client"), while `_schemas` (an
ordinary topic in Kafka) accepts records and consumer groups keep working: a group commits, a second consumer
of the same group resumes from the committed offset. confluent_kafka (librdkafka). Prints a JSON summary."""
import argparse

from itest_common import check, fail, summary, wait_until

try:
    import confluent_kafka
    from confluent_kafka import KafkaError, TopicPartition
except ImportError as e:
    fail("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e)


def produce_one(bootstrap, topic, partition, client_id):
    """Produces one record; returns the delivery error (None on success)."""
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "client.id": client_id, "acks": "all",
                                         "message.timeout.ms": 30000, "retries": 0})
    result = {}

    def on_delivery(err, msg):
        result["err"] = err
        result["offset"] = msg.offset() if err is None else None

    producer.produce(topic, key=b"forged-key", value=b"forged-value", partition=partition, on_delivery=on_delivery)
    producer.flush(60)
    check("err" in result, "no delivery report for %s" % topic)
    return result["err"], result.get("offset")


def consumer(bootstrap, group):
    return confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                                     "auto.offset.reset": "earliest", "enable.auto.commit": False,
                                     "session.timeout.ms": 10000})


def consume(c, count, timeout_s):
    got = []

    def poll():
        m = c.poll(0.5)
        if m is not None and m.error() is None:
            got.append(m.value().decode())
        return len(got) >= count
    wait_until(poll, timeout_s, interval_s=0)
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    args = ap.parse_args()

    # An ordinary topic and a consumer group: committing creates __consumer_offsets.
    p = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "acks": "all"})
    for i in range(10):
        p.produce("orders", value=("order-%d" % i).encode(), partition=0)
    check(p.flush(60) == 0, "records to 'orders' not delivered")
    c1 = consumer(args.bootstrap, "billing")
    c1.subscribe(["orders"])
    first = consume(c1, 5, 60)
    check(len(first) >= 5, "group consumer read %d of 5 records" % len(first))
    c1.commit(offsets=[TopicPartition("orders", 0, 5)], asynchronous=False)
    c1.close()

    refused = {}
    existing = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap}).list_topics(timeout=30).topics
    check("__consumer_offsets" in existing, "__consumer_offsets was not created by the group commit")
    for topic in ("__consumer_offsets", "__transaction_state"):
        if topic not in existing:
            refused[topic] = "absent"  # no transactions on this broker yet: librdkafka would wait for the topic
            continue
        err, _ = produce_one(args.bootstrap, topic, 0, "forger")
        check(err is not None and err.code() == KafkaError.TOPIC_EXCEPTION,
              "produce to %s by an ordinary client: expected INVALID_TOPIC_EXCEPTION, got %s" % (topic, err))
        refused[topic] = err.name()

    # _schemas is not internal in Kafka (Schema Registry writes it as an ordinary client).
    err, offset = produce_one(args.bootstrap, "_schemas", 0, "schema-registry")
    check(err is None, "produce to _schemas failed: %s" % err)

    # The group's state survived: a new member of the same group resumes at the committed offset 5.
    c2 = consumer(args.bootstrap, "billing")
    c2.subscribe(["orders"])
    rest = consume(c2, 5, 60)
    committed = c2.committed([TopicPartition("orders", 0)], timeout=30)
    c2.close()
    check(rest[:5] == ["order-%d" % i for i in range(5, 10)], "second member resumed with %s" % rest[:5])
    check(committed[0].offset == 5, "committed offset %s, expected 5" % committed[0].offset)
    summary(ok=True, refused=refused, schemas_offset=offset, resumed_from=rest[0])


if __name__ == "__main__":
    main()
