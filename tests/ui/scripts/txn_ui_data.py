#!/usr/bin/python3
"""Transactional data for the desktop app's transaction views (tests/ui/test_transactions_view.cpp), written by
a real transactional producer (confluent_kafka / librdkafka) to --topic partition 0:
  offsets 0-2  "committed-N"  committed transaction, then its COMMIT marker at 3
  offsets 4-5  "aborted-N"    aborted transaction, then its ABORT marker at 6
  offsets 7-8  "open-N"       a transaction left open (the process exits without ending it, as a crash would)
The open transaction's timeout is long (--timeout-ms) so it stays Ongoing while the test looks at it.
Prints one JSON line; exits non-zero with a message on any failure."""
import argparse
import json
import os
import sys

try:
    import confluent_kafka
    from confluent_kafka.admin import AdminClient, NewTopic
except ImportError as e:
    print("confluent_kafka not importable (apt-get install -y python3-confluent-kafka): %s" % e, file=sys.stderr)
    sys.exit(2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", default="txn-ui")
    ap.add_argument("--txn-id", default="ui-app")
    ap.add_argument("--timeout-ms", type=int, default=600000)
    args = ap.parse_args()
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    for name, f in admin.create_topics([NewTopic(args.topic, num_partitions=1, replication_factor=1)]).items():
        f.result(60)
    p = confluent_kafka.Producer({"bootstrap.servers": args.bootstrap, "transactional.id": args.txn_id,
                                  "transaction.timeout.ms": args.timeout_ms, "message.timeout.ms": 60000})
    p.init_transactions(60)
    p.begin_transaction()
    for i in range(3):
        p.produce(args.topic, key="k%d" % i, value="committed-%d" % i, partition=0)
    p.commit_transaction(60)
    p.begin_transaction()
    for i in range(2):
        p.produce(args.topic, key="k%d" % i, value="aborted-%d" % i, partition=0)
    p.flush(60)
    p.abort_transaction(60)
    p.begin_transaction()
    for i in range(2):
        p.produce(args.topic, key="k%d" % i, value="open-%d" % i, partition=0)
    p.flush(60)
    print(json.dumps({"ok": True, "topic": args.topic, "txn_id": args.txn_id}))
    sys.stdout.flush()
    os._exit(0)  # no commit, no abort: the transaction stays open


if __name__ == "__main__":
    main()
