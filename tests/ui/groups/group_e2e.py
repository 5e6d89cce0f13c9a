#!/usr/bin/python3
"""Real Kafka clients (confluent_kafka / librdkafka) for the consumer-groups end-to-end test.

  group_e2e.py produce BOOTSTRAP TOPIC PARTITIONS COUNT   create the topic (unless it exists), produce COUNT
                                                         records round-robin over the partitions (acks=all)
  group_e2e.py consume BOOTSTRAP TOPIC GROUP COUNT        consume exactly COUNT records in GROUP, commit them, leave
  group_e2e.py hold BOOTSTRAP TOPIC GROUP SECONDS         stay a member of GROUP for SECONDS (prints "joined")
Prints one line per step; exits non-zero with the reason on any failure.
"""
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def produce(bootstrap, topic, partitions, count):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for t, f in admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)]).items():
        try:
            f.result(30)
        except KafkaException as e:
            if e.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    errors = []
    for i in range(count):
        producer.produce(topic, key=str(i).encode(), value=("value-%d" % i).encode(), partition=i % partitions,
                         on_delivery=lambda err, msg: errors.append(err) if err else None)
    left = producer.flush(30)
    if left or errors:
        sys.exit("produce failed: %d left, errors %s" % (left, errors[:3]))
    print("produced %d" % count)


def consumer_for(bootstrap, group):
    return Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False,
                     "auto.offset.reset": "earliest", "session.timeout.ms": 6000,
                     "client.id": "partita-e2e", "enable.partition.eof": False})


def consume(bootstrap, topic, group, count):
    consumer = consumer_for(bootstrap, group)
    consumer.subscribe([topic])
    next_offsets = {}
    consumed = 0
    deadline = time.time() + 60
    while consumed < count:
        if time.time() > deadline:
            sys.exit("consumed only %d of %d" % (consumed, count))
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            sys.exit("consume error: %s" % msg.error())
        next_offsets[msg.partition()] = msg.offset() + 1
        consumed += 1
    # Every partition of the topic gets a committed offset (where this run read nothing: the one committed
    # before, or 0), so the group's lag is exactly produced - consumed.
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    before = {tp.partition: tp.offset for tp in consumer.committed([TopicPartition(topic, p) for p in partitions], 10)}
    consumer.commit(offsets=[TopicPartition(topic, p, next_offsets.get(p, max(before.get(p, 0), 0)))
                             for p in partitions], asynchronous=False)
    consumer.close()
    print("consumed %d" % consumed)


def hold(bootstrap, topic, group, seconds):
    consumer = consumer_for(bootstrap, group)
    consumer.subscribe([topic])
    end = time.time() + seconds
    announced = False
    while time.time() < end:
        msg = consumer.poll(0.5)
        if msg is not None and msg.error():
            print("error: %s" % msg.error(), file=sys.stderr, flush=True)
        if not announced and consumer.assignment():
            print("joined", flush=True)
            announced = True
    consumer.close()


if __name__ == "__main__":
    try:
        cmd, bootstrap, topic = sys.argv[1], sys.argv[2], sys.argv[3]
        if cmd == "produce":
            produce(bootstrap, topic, int(sys.argv[4]), int(sys.argv[5]))
        elif cmd == "consume":
            consume(bootstrap, topic, sys.argv[4], int(sys.argv[5]))
        elif cmd == "hold":
            hold(bootstrap, topic, sys.argv[4], float(sys.argv[5]))
        else:
            sys.exit("unknown command " + cmd)
    except KafkaException as e:
        sys.exit("kafka error: %s" % e)
