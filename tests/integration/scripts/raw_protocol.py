"""Hand-built Kafka requests over a raw socket, for the bad-input tests. Nothing here shares code with the broker:
frames, the v2 record batch and its CRC-32C are encoded from the protocol spec.

Cases (--case):
  oversized        size prefix 0x7fffffff: the broker must close the connection
  garbage          a frame whose bytes are not a request header: closed
  corrupt-crc      Produce v3 of a valid batch (appended), then of the same batch with a flipped CRC byte:
                   CORRUPT_MESSAGE (2) and the log end offset unchanged (ListOffsets v1 latest)
  unknown-topic    Produce v3 to a topic that does not exist (auto-create off): UNKNOWN_TOPIC_OR_PARTITION (3)
  invalid-topic    CreateTopics v2 with an invalid name: INVALID_TOPIC_EXCEPTION (17)
  too-large        Produce v3 of a batch larger than the broker's message.max.bytes: MESSAGE_TOO_LARGE (10),
                   nothing appended
  huge-counts      CreateTopics v2 with 2147483647 partitions, a replication factor of 32767, an assignment of
                   20,000 partitions and one of 5,000 replicas; CreatePartitions v1 to 2147483647: each refused
                   at once (INVALID_PARTITIONS 37 / INVALID_REPLICATION_FACTOR 38) with a message naming the bound,
                   the broker's RSS (--broker-pid) stays small, and an ordinary topic is still created
  fetch-reset      --rounds times: Fetch v4 of --topic partition 0 from offset 0 with 50 MB limits, read 64 KB of
                   the answer, then reset the connection (SO_LINGER 0) while the broker is still sending it
  duplicate-partition
                   ListOffsets v1 naming partition 0 twice and partition 1 once: INVALID_REQUEST (42) for both
                   occurrences of partition 0 (as Kafka), an ordinary answer for partition 1
  prefix-flood     50 connections each sending the 4-byte size prefix of a 100 MB request and 1 KB of it: the
                   broker's RSS grows by less than 64 MB and ordinary requests are answered meanwhile
Prints one JSON line; exits non-zero when the broker's answer differs from the expectation."""
import argparse
import socket
import struct
import time

from itest_common import check, fail, summary

CORRUPT_MESSAGE = 2
OUT_OF_ORDER_SEQUENCE_NUMBER = 45
UNKNOWN_TOPIC_OR_PARTITION = 3
MESSAGE_TOO_LARGE = 10
INVALID_TOPIC_EXCEPTION = 17
TOPIC_ALREADY_EXISTS = 36
INVALID_PARTITIONS = 37
INVALID_REPLICATION_FACTOR = 38
INVALID_REQUEST = 42
API_NAMES = {0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 19: "CreateTopics", 37: "CreatePartitions"}


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283


def varint(v):
    v = (v << 1) ^ (v >> 63)  # zigzag
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def kstring(s):
    if s is None:
        return struct.pack(">h", -1)
    b = s.encode()
    return struct.pack(">h", len(b)) + b


def record_batch(values, base_ts=None, producer_id=-1, producer_epoch=-1, base_sequence=-1, transactional=False):
    """A v2 record batch (uncompressed) holding values (bytes) with keys k0, k1, ...; idempotent when
    producer_id >= 0, transactional data when transactional."""
    base_ts = base_ts if base_ts is not None else int(time.time() * 1000)
    records = b""
    for i, value in enumerate(values):
        key = ("k%d" % i).encode()
        body = (b"\x00" + varint(0) + varint(i) + varint(len(key)) + key + varint(len(value)) + value +
                varint(1) + varint(3) + b"hdr" + varint(3) + b"val")
        records += varint(len(body)) + body
    after_crc = (struct.pack(">hiqqqhii", 0x10 if transactional else 0, len(values) - 1, base_ts, base_ts, producer_id, producer_epoch,
                             base_sequence, len(values)) + records)
    crc = crc32c(after_crc)
    # batchLength counts from partitionLeaderEpoch to the end.
    batch_length = 4 + 1 + 4 + len(after_crc)
    return struct.pack(">qiibI", 0, batch_length, -1, 2, crc) + after_crc


def corrupt_crc(batch):
    b = bytearray(batch)
    b[17 + 3] ^= 0xFF  # the crc field is at offset 17..20
    return bytes(b)


class Connection:
    def __init__(self, port, timeout=15):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.correlation = 100

    def request(self, api_key, api_version, body):
        self.correlation += 1
        header = struct.pack(">hhi", api_key, api_version, self.correlation) + kstring("itest-raw")
        frame = header + body
        self.sock.sendall(struct.pack(">i", len(frame)) + frame)
        what = "%s v%d" % (API_NAMES.get(api_key, "api %d" % api_key), api_version)
        size = struct.unpack(">i", self._read(4, what))[0]
        payload = self._read(size, what)
        corr = struct.unpack(">i", payload[:4])[0]
        check(corr == self.correlation, "correlation id %d, sent %d" % (corr, self.correlation))
        return payload[4:]

    def _read(self, n, what):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                fail("connection closed by the broker while reading the %s response (%d of %d bytes)" %
                     (what, len(data), n))
            data += chunk
        return data

    def close(self):
        self.sock.close()


def produce_v3(conn, topic, partition, batch, acks=-1, transactional_id=None):
    body = (kstring(transactional_id) + struct.pack(">hi", acks, 30000) + struct.pack(">i", 1) + kstring(topic) +
            struct.pack(">i", 1) + struct.pack(">i", partition) + struct.pack(">i", len(batch)) + batch)
    resp = conn.request(0, 3, body)
    # responses: [name, [index int32, error int16, base_offset int64, log_append_time int64]], throttle int32
    (n_topics,) = struct.unpack_from(">i", resp, 0)
    check(n_topics == 1, "Produce response has %d topics" % n_topics)
    (name_len,) = struct.unpack_from(">h", resp, 4)
    at = 6 + name_len
    (n_parts,) = struct.unpack_from(">i", resp, at)
    check(n_parts == 1, "Produce response has %d partitions" % n_parts)
    index, error, base_offset, _ = struct.unpack_from(">ihqq", resp, at + 4)
    return error, base_offset


def init_producer_id_v1(conn):
    """InitProducerId v1 for an idempotent (non-transactional) producer: (error, producer id, epoch)."""
    resp = conn.request(22, 1, kstring(None) + struct.pack(">i", 60000))
    _, error, producer_id, epoch = struct.unpack_from(">ihqh", resp, 0)
    return error, producer_id, epoch


def list_offsets_latest_v1(conn, topic, partition):
    body = struct.pack(">i", -1) + struct.pack(">i", 1) + kstring(topic) + struct.pack(">i", 1) + struct.pack(
        ">iq", partition, -1)
    resp = conn.request(2, 1, body)
    (name_len,) = struct.unpack_from(">h", resp, 4)
    at = 6 + name_len + 4
    index, error, ts, offset = struct.unpack_from(">ihqq", resp, at)
    return error, offset


def list_offsets_latest_v1_many(conn, topic, partitions):
    """ListOffsets v1 (latest) for the given partition list, duplicates kept; returns [(partition, error)]."""
    body = struct.pack(">i", -1) + struct.pack(">i", 1) + kstring(topic) + struct.pack(">i", len(partitions))
    for partition in partitions:
        body += struct.pack(">iq", partition, -1)
    resp = conn.request(2, 1, body)
    (name_len,) = struct.unpack_from(">h", resp, 4)
    at = 6 + name_len
    (count,) = struct.unpack_from(">i", resp, at)
    at += 4
    answers = []
    for _ in range(count):
        index, error, _, _ = struct.unpack_from(">ihqq", resp, at)
        at += 22
        answers.append((index, error))
    return answers


def create_topics_v2(conn, name, partitions=1, configs=()):
    body = struct.pack(">i", 1) + kstring(name) + struct.pack(">ih", partitions, 1) + struct.pack(">i", 0)
    body += struct.pack(">i", len(configs))
    for k, v in configs:
        body += kstring(k) + kstring(v)
    body += struct.pack(">i", 30000) + b"\x00"
    resp = conn.request(19, 2, body)
    # throttle int32, topics [name, error int16, message nullable string]
    (n,) = struct.unpack_from(">i", resp, 4)
    check(n == 1, "CreateTopics response has %d topics" % n)
    (name_len,) = struct.unpack_from(">h", resp, 8)
    at = 10 + name_len
    (error,) = struct.unpack_from(">h", resp, at)
    (msg_len,) = struct.unpack_from(">h", resp, at + 2)
    message = resp[at + 4:at + 4 + msg_len].decode(errors="replace") if msg_len >= 0 else None
    return error, message


def create_topics_raw_v2(conn, name, partitions, replication_factor, assignments=()):
    """CreateTopics v2 of one topic; assignments = [(partition, [broker ids])]. Returns (error, message)."""
    # Parts joined once: appending to bytes in the loop copied the whole body per entry (seconds for 20,000).
    parts = [struct.pack(">i", 1), kstring(name), struct.pack(">ih", partitions, replication_factor),
             struct.pack(">i", len(assignments))]
    for partition, brokers in assignments:
        parts.append(struct.pack(">ii", partition, len(brokers)) + b"".join(struct.pack(">i", b) for b in brokers))
    parts.append(struct.pack(">i", 0) + struct.pack(">i", 30000) + b"\x00")
    body = b"".join(parts)
    resp = conn.request(19, 2, body)
    (name_len,) = struct.unpack_from(">h", resp, 8)
    at = 10 + name_len
    (error,) = struct.unpack_from(">h", resp, at)
    (msg_len,) = struct.unpack_from(">h", resp, at + 2)
    return error, (resp[at + 4:at + 4 + msg_len].decode(errors="replace") if msg_len >= 0 else None)


def create_partitions_v1(conn, name, count):
    """CreatePartitions v1 of one topic to `count` partitions, no assignment. Returns (error, message)."""
    body = struct.pack(">i", 1) + kstring(name) + struct.pack(">i", count) + struct.pack(">i", -1)
    body += struct.pack(">i", 30000) + b"\x00"
    resp = conn.request(37, 1, body)
    # throttle int32, results [name, error int16, message nullable string]
    (name_len,) = struct.unpack_from(">h", resp, 8)
    at = 10 + name_len
    (error,) = struct.unpack_from(">h", resp, at)
    (msg_len,) = struct.unpack_from(">h", resp, at + 2)
    return error, (resp[at + 4:at + 4 + msg_len].decode(errors="replace") if msg_len >= 0 else None)


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    fail("no VmRSS for pid %d" % pid)


def expect_closed(port, payload, timeout=15):
    """Sends payload and waits for the broker to close the connection (EOF or reset)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        sock.sendall(payload)
    except OSError:
        return "reset while sending"
    deadline = time.time() + timeout
    received = b""
    while time.time() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except OSError as e:
            return "reset (%s)" % e
        if not chunk:
            return "closed" + (" after %d response bytes" % len(received) if received else "")
        received += chunk
    fail("the broker kept the connection open %d s after %r...; it answered %d bytes" %
         (timeout, payload[:16], len(received)))


def ensure_topic(conn, topic, partitions=1):
    error, message = create_topics_v2(conn, topic, partitions)
    check(error in (0, TOPIC_ALREADY_EXISTS), "CreateTopics(%s) error %d %s" % (topic, error, message))
    time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--case", required=True,
                    choices=["oversized", "garbage", "corrupt-crc", "unknown-topic", "invalid-topic", "too-large",
                             "idempotent-retry", "huge-counts",
                             "duplicate-partition", "prefix-flood", "fetch-reset"])
    ap.add_argument("--topic", default="raw-test")
    ap.add_argument("--max-message-bytes", type=int, default=10000)
    ap.add_argument("--broker-pid", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()

    if args.case == "oversized":
        how = expect_closed(args.port, struct.pack(">I", 0x7FFFFFFF) + b"\x00\x00\x00\x01" * 4)
        summary(ok=True, case=args.case, connection=how)
    elif args.case == "garbage":
        how1 = expect_closed(args.port, struct.pack(">i", 6) + b"garbag")
        how2 = expect_closed(args.port, struct.pack(">i", 40) + b"\x7f\x42\x00\x00" + bytes(range(36)))
        how3 = expect_closed(args.port, struct.pack(">i", -5) + b"xxxxx")
        summary(ok=True, case=args.case, short_frame=how1, unknown_api=how2, negative_size=how3)
    elif args.case == "corrupt-crc":
        conn = Connection(args.port)
        ensure_topic(conn, args.topic)
        good = record_batch([b"first", b"second"])
        error, base = produce_v3(conn, args.topic, 0, good)
        check(error == 0, "Produce of a valid batch: error %d" % error)
        _, end_before = list_offsets_latest_v1(conn, args.topic, 0)
        error, _ = produce_v3(conn, args.topic, 0, corrupt_crc(record_batch([b"third", b"fourth"])))
        check(error == CORRUPT_MESSAGE, "Produce with a corrupted CRC: error %d, expected CORRUPT_MESSAGE (2)" % error)
        # The connection stays usable and nothing was appended.
        err, end_after = list_offsets_latest_v1(conn, args.topic, 0)
        check(err == 0 and end_after == end_before, "log end offset %d -> %d after the corrupt batch (error %d)" %
              (end_before, end_after, err))
        summary(ok=True, case=args.case, error=CORRUPT_MESSAGE, log_end_offset=end_after)
    elif args.case == "unknown-topic":
        conn = Connection(args.port)
        error, _ = produce_v3(conn, "no-such-topic-%d" % (time.time() * 1000 % 100000), 0, record_batch([b"x"]))
        check(error == UNKNOWN_TOPIC_OR_PARTITION,
              "Produce to an unknown topic: error %d, expected UNKNOWN_TOPIC_OR_PARTITION (3)" % error)
        summary(ok=True, case=args.case, error=error)
    elif args.case == "invalid-topic":
        conn = Connection(args.port)
        results = {}
        for name in ("bad topic name!", "x" * 250, "..", ""):
            error, message = create_topics_v2(conn, name)
            check(error == INVALID_TOPIC_EXCEPTION, "CreateTopics(%r): error %d (%s), expected INVALID_TOPIC_EXCEPTION "
                  "(17)" % (name[:20], error, message))
            results[name[:20]] = message
        summary(ok=True, case=args.case, messages=results)
    elif args.case == "too-large":
        conn = Connection(args.port)
        ensure_topic(conn, args.topic)
        _, end_before = list_offsets_latest_v1(conn, args.topic, 0)
        big = record_batch([b"y" * (args.max_message_bytes + 1000)])
        check(len(big) > args.max_message_bytes, "test bug: batch is not larger than the limit")
        error, _ = produce_v3(conn, args.topic, 0, big)
        check(error == MESSAGE_TOO_LARGE, "Produce of a %d-byte batch (limit %d): error %d, expected MESSAGE_TOO_LARGE "
              "(10)" % (len(big), args.max_message_bytes, error))
        err, end_after = list_offsets_latest_v1(conn, args.topic, 0)
        check(err == 0 and end_after == end_before, "log end offset %d -> %d after the refused batch" %
              (end_before, end_after))
        small = record_batch([b"z" * 100])
        error, _ = produce_v3(conn, args.topic, 0, small)
        check(error == 0, "a small batch after the refused one: error %d" % error)
        summary(ok=True, case=args.case, error=MESSAGE_TOO_LARGE, batch_bytes=len(big))

    elif args.case == "idempotent-retry":
        # A producer retrying a batch it already wrote (same producer id, epoch and sequence) must get the
        # original offset back, and the log must hold the records once; a gap is refused.
        conn = Connection(args.port)
        ensure_topic(conn, args.topic)
        error, pid, epoch = init_producer_id_v1(conn)
        check(error == 0 and pid >= 0 and epoch == 0, "InitProducerId: error %d, id %d, epoch %d" % (error, pid, epoch))
        _, start = list_offsets_latest_v1(conn, args.topic, 0)
        first = record_batch([b"a", b"b", b"c"], producer_id=pid, producer_epoch=epoch, base_sequence=0)
        error, base1 = produce_v3(conn, args.topic, 0, first)
        check(error == 0, "first idempotent produce: error %d" % error)
        error, base2 = produce_v3(conn, args.topic, 0, first)
        check(error == 0 and base2 == base1, "retried batch: error %d, offset %d (first at %d)" % (error, base2, base1))
        _, end = list_offsets_latest_v1(conn, args.topic, 0)
        check(end == start + 3, "log end offset %d after a retried 3-record batch from %d: stored twice?" % (end, start))
        gap = record_batch([b"d"], producer_id=pid, producer_epoch=epoch, base_sequence=5)
        error, _ = produce_v3(conn, args.topic, 0, gap)
        check(error == OUT_OF_ORDER_SEQUENCE_NUMBER, "sequence gap: error %d, expected 45" % error)
        nxt = record_batch([b"d"], producer_id=pid, producer_epoch=epoch, base_sequence=3)
        error, base3 = produce_v3(conn, args.topic, 0, nxt)
        check(error == 0 and base3 == base1 + 3, "next sequence: error %d, offset %d" % (error, base3))
        summary(ok=True, case=args.case, producer_id=pid, first_offset=base1, retried_offset=base2)

    elif args.case == "huge-counts":
        check(args.broker_pid > 0, "--broker-pid is required")
        rss_before = rss_kb(args.broker_pid)
        conn = Connection(args.port)
        cases = [
            ("partitions", lambda: create_topics_raw_v2(conn, "huge-p", 2147483647, 1), INVALID_PARTITIONS,
             "partita.max.partitions.per.topic"),
            ("replication factor", lambda: create_topics_raw_v2(conn, "huge-rf", 1, 32767), INVALID_REPLICATION_FACTOR,
             "available broker"),
            ("assignment of 20000 partitions",
             lambda: create_topics_raw_v2(conn, "huge-a", -1, -1, [(p, [1]) for p in range(20000)]),
             INVALID_PARTITIONS, "partita.max.partitions.per.topic"),
            ("assignment of 5000 replicas",
             lambda: create_topics_raw_v2(conn, "huge-r", -1, -1, [(0, list(range(5000)))]),
             INVALID_REPLICATION_FACTOR, "available broker"),
        ]
        seen = {}
        for what, call, expected, needle in cases:
            started = time.time()
            error, message = call()
            took = time.time() - started
            check(error == expected and message and needle in message,
                  "CreateTopics with a huge %s: error %d (%s), expected %d mentioning %r" %
                  (what, error, message, expected, needle))
            check(took < 2, "CreateTopics with a huge %s took %.1f s" % (what, took))
            seen[what] = message
        ensure_topic(conn, args.topic, 3)
        error, message = create_partitions_v1(conn, args.topic, 2147483647)
        check(error == INVALID_PARTITIONS and "partita.max.partitions.per.topic" in (message or ""),
              "CreatePartitions to 2147483647: error %d (%s)" % (error, message))
        seen["CreatePartitions"] = message
        error, message = create_partitions_v1(conn, args.topic, 4)
        check(error == 0, "CreatePartitions to 4 after the refusals: error %d (%s)" % (error, message))
        grown_kb = rss_kb(args.broker_pid) - rss_before
        check(grown_kb < 64 * 1024, "broker RSS grew by %d KiB" % grown_kb)
        summary(ok=True, case=args.case, rss_growth_kib=grown_kb, messages=seen)
    elif args.case == "duplicate-partition":
        conn = Connection(args.port)
        ensure_topic(conn, args.topic, 2)
        answers = list_offsets_latest_v1_many(conn, args.topic, [0, 1, 0])
        check(sorted(answers) == [(0, INVALID_REQUEST), (0, INVALID_REQUEST), (1, 0)],
              "ListOffsets v1 for partitions [0, 1, 0]: %r, expected INVALID_REQUEST (42) for both 0s" % answers)
        summary(ok=True, case=args.case, answers=answers)
    elif args.case == "prefix-flood":
        check(args.broker_pid > 0, "--broker-pid is required")
        rss_before = rss_kb(args.broker_pid)
        liars = []
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", args.port), timeout=15)
            sock.sendall(struct.pack(">i", 100 * 1024 * 1024) + b"\x00" * 1024)
            liars.append(sock)
        # Ordinary requests are answered while the 50 hang.
        conn = Connection(args.port)
        ensure_topic(conn, args.topic)
        error, _ = produce_v3(conn, args.topic, 0, record_batch([b"still served"]))
        check(error == 0, "Produce during the flood: error %d" % error)
        grown_kb = rss_kb(args.broker_pid) - rss_before
        check(grown_kb < 64 * 1024, "broker RSS grew by %d KiB with 50 connections declaring 100 MB" % grown_kb)
        for sock in liars:
            sock.close()
        summary(ok=True, case=args.case, rss_growth_kib=grown_kb)
    elif args.case == "fetch-reset":
        limit = 50 * 1024 * 1024
        header = struct.pack(">hhi", 1, 4, 7) + kstring("itest-raw")
        body = struct.pack(">iiiib", -1, 500, 1, limit, 0) + struct.pack(">i", 1) + kstring(args.topic)
        body += struct.pack(">i", 1) + struct.pack(">iqi", 0, 0, limit)
        frame = struct.pack(">i", len(header) + len(body)) + header + body
        answered = 0
        for _ in range(args.rounds):
            sock = socket.create_connection(("127.0.0.1", args.port), timeout=15)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
            sock.sendall(frame)
            got = 0
            while got < 65536:
                chunk = sock.recv(65536 - got)
                check(chunk, "the broker closed the connection before answering the Fetch")
                got += len(chunk)
            answered += 1
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
        summary(ok=True, case=args.case, rounds=answered)


if __name__ == "__main__":
    main()
