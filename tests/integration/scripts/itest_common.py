"""Shared helpers of the integration client scripts: failing loudly, the one-line JSON summary, record files."""
import json
import sys
import time


class Mismatch(Exception):
    """A check failed: what a user would see as lost, duplicated, reordered or altered data."""


def fail(message, **details):
    """Print a clear message (and a JSON summary with ok=false) and exit non-zero."""
    sys.stderr.write("FAILED: %s\n" % message)
    summary(ok=False, error=message, **details)
    sys.exit(1)


def summary(**fields):
    print(json.dumps(fields, sort_keys=True, default=str), flush=True)


def check(condition, message, **details):
    if not condition:
        fail(message, **details)


def wait_until(predicate, timeout_s, interval_s=0.2):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval_s)
    return predicate()


def record_key(i):
    return "key-%07d" % i


def record_value(i, size=100):
    # Compressible but not trivial: a sequence number then a repeating pattern shifted by i.
    body = ("value-%07d-" % i)
    pattern = "abcdefghijklmnopqrstuvwxyz0123456789"
    shift = i % len(pattern)
    filler = (pattern[shift:] + pattern[:shift]) * (size // len(pattern) + 1)
    return (body + filler)[:max(size, len(body))]


def load_jsonl(path):
    records = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    return records


def watermark_offsets(consumer, tp, timeout_s=30):
    """consumer.get_watermark_offsets(tp) retried while the error is retriable (a broker that just restarted is
    not leader until the controller gives it a new leader epoch, KIP-380): what an application does, since
    librdkafka does not retry this call itself."""
    deadline = time.time() + timeout_s
    while True:
        try:
            return consumer.get_watermark_offsets(tp, timeout=max(1.0, deadline - time.time()), cached=False)
        except Exception as e:  # noqa: BLE001 (KafkaException; confluent_kafka imported by the caller)
            err = e.args[0] if e.args else None
            # NOT_LEADER_OR_FOLLOWER (6), LEADER_NOT_AVAILABLE (5), FENCED/UNKNOWN_LEADER_EPOCH (74/75): the
            # errors Kafka's own clients retry after a metadata refresh. librdkafka does not flag them retriable here.
            code = err.code() if hasattr(err, "code") else None
            if code not in (5, 6, 74, 75) or time.time() >= deadline:
                raise
            time.sleep(0.2)
