"""The newest consumer-group API versions against a real broker, over a raw socket: requests encoded here from the
protocol spec (flexible versions: compact strings and arrays, tagged fields), nothing shared with the broker.

One static member (group.instance.id) of a fresh group:
  1. JoinGroup v9 without a member id: joins at once (static members skip MEMBER_ID_REQUIRED), leads, and
     skip_assignment is false (a real rebalance: the leader assigns); SyncGroup v5 gives its assignment back.
  2. OffsetCommit v9 with the generation, then OffsetFetch v9 (member id / epoch fields, which a classic group
     ignores): the committed offset.
  3. It restarts: JoinGroup v9 without a member id and with a reason (KIP-800). Stable group, same protocols: no
     rebalance, same generation, a new member id, and (KIP-814) it is named leader with skip_assignment set and
     the members listed; SyncGroup v5 with its new id still returns its assignment.
  4. It restarts again with JoinGroup v8: the answer names the previous member id as leader (so an old client does
     not assign) and lists no members.
  5. ListGroups v5: the group is listed with group_type "classic" for types_filter ["Classic"], and not for
     ["consumer"] (a KIP-848 group type, which does not exist here).
  6. LeaveGroup v5 by instance id with a reason: the member leaves (error 0 for it), the group is Empty.
Prints one JSON line; exits non-zero on any difference."""
import argparse
import socket
import struct
import time

from itest_common import check, fail, summary

COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE = 14, 15
JOIN_GROUP, SYNC_GROUP, LEAVE_GROUP, LIST_GROUPS, OFFSET_COMMIT, OFFSET_FETCH = 11, 14, 13, 16, 8, 9


def uvarint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def cstring(s):
    """COMPACT_NULLABLE_STRING (null encodes as length 0)."""
    if s is None:
        return uvarint(0)
    b = s.encode()
    return uvarint(len(b) + 1) + b


def cbytes(b):
    return uvarint(len(b) + 1) + b


def carray(items):
    return uvarint(len(items) + 1) + b"".join(items)


NO_TAGS = uvarint(0)


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, fmt):
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values[0] if len(values) == 1 else values

    def uvarint(self):
        shift = value = 0
        while True:
            b = self.data[self.at]
            self.at += 1
            value |= (b & 0x7F) << shift
            if b < 0x80:
                return value
            shift += 7

    def cstring(self):
        n = self.uvarint()
        if n == 0:
            return None
        s = self.data[self.at:self.at + n - 1].decode()
        self.at += n - 1
        return s

    def cbytes(self):
        n = self.uvarint() - 1
        b = self.data[self.at:self.at + n]
        self.at += n
        return b

    def carray(self, item):
        return [item() for _ in range(self.uvarint() - 1)]

    def tags(self):
        for _ in range(self.uvarint()):
            self.uvarint()
            self.at += self.uvarint()


class Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.correlation = 0

    def request(self, api_key, version, body):
        """A flexible-version request (header v2); returns a Reader past the response header v1."""
        self.correlation += 1
        client_id = b"itest-group-protocol"
        header = struct.pack(">hhih", api_key, version, self.correlation, len(client_id)) + client_id + NO_TAGS
        frame = header + body
        self.sock.sendall(struct.pack(">i", len(frame)) + frame)
        size = struct.unpack(">i", self._read(4))[0]
        r = Reader(self._read(size))
        check(r.take(">i") == self.correlation, "correlation id mismatch (api %d v%d)" % (api_key, version))
        r.tags()
        return r

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                fail("the broker closed the connection")
            data += chunk
        return data


def join(conn, version, group, instance, member_id="", reason=None):
    protocols = carray([cstring("range") + cbytes(b"\x00\x01subscription") + NO_TAGS])
    body = (cstring(group) + struct.pack(">ii", 10000, 30000) + cstring(member_id) + cstring(instance) +
            cstring("consumer") + protocols)
    if version >= 8:
        body += cstring(reason)
    r = conn.request(JOIN_GROUP, version, body + NO_TAGS)
    out = {"throttle": r.take(">i"), "error": r.take(">h"), "generation": r.take(">i"),
           "protocol_type": r.cstring(), "protocol_name": r.cstring(), "leader": r.cstring()}
    out["skip_assignment"] = bool(r.take(">b")) if version >= 9 else None
    out["member_id"] = r.cstring()

    def member():
        m = {"member_id": r.cstring(), "instance": r.cstring(), "metadata": r.cbytes()}
        r.tags()
        return m

    out["members"] = r.carray(member)
    return out


def sync(conn, group, generation, member_id, instance, assignments):
    body = (cstring(group) + struct.pack(">i", generation) + cstring(member_id) + cstring(instance) +
            cstring("consumer") + cstring("range") +
            carray([cstring(m) + cbytes(a) + NO_TAGS for m, a in assignments]) + NO_TAGS)
    r = conn.request(SYNC_GROUP, 5, body)
    r.take(">i")
    error = r.take(">h")
    r.cstring()
    r.cstring()
    return error, r.cbytes()


def commit(conn, group, generation, member_id, instance, topic, offset):
    partitions = carray([struct.pack(">iqi", 0, offset, -1) + cstring("meta") + NO_TAGS])
    body = (cstring(group) + struct.pack(">i", generation) + cstring(member_id) + cstring(instance) +
            carray([cstring(topic) + partitions + NO_TAGS]) + NO_TAGS)
    r = conn.request(OFFSET_COMMIT, 9, body)
    r.take(">i")

    def topic_result():
        r.cstring()

        def partition():
            _, error = r.take(">ih")
            r.tags()
            return error

        errors = r.carray(partition)
        r.tags()
        return errors

    return [e for t in r.carray(topic_result) for e in t]


def fetch_committed(conn, group, member_id, topic):
    """(committed offset, partition error, group error) of partition 0, read with OffsetFetch v9."""
    topics = carray([cstring(topic) + carray([struct.pack(">i", 0)]) + NO_TAGS])
    body = carray([cstring(group) + cstring(member_id) + struct.pack(">i", -1) + topics + NO_TAGS]) + b"\x00" + NO_TAGS
    r = conn.request(OFFSET_FETCH, 9, body)
    r.take(">i")
    check(r.uvarint() - 1 == 1, "OffsetFetch v9 answered another number of groups than 1")
    r.cstring()
    check(r.uvarint() - 1 == 1, "OffsetFetch v9 answered another number of topics than 1")
    r.cstring()
    check(r.uvarint() - 1 == 1, "OffsetFetch v9 answered another number of partitions than 1")
    _, offset, _ = r.take(">iqi")
    r.cstring()
    error = r.take(">h")
    r.tags()
    r.tags()
    group_error = r.take(">h")
    return offset, error, group_error


def list_groups(conn, types_filter):
    r = conn.request(LIST_GROUPS, 5, carray([]) + carray([cstring(t) for t in types_filter]) + NO_TAGS)
    r.take(">i")
    error = r.take(">h")

    def group():
        g = {"group_id": r.cstring(), "protocol_type": r.cstring(), "state": r.cstring(), "type": r.cstring()}
        r.tags()
        return g

    return error, r.carray(group)


def leave(conn, group, instance, reason):
    body = cstring(group) + carray([cstring("") + cstring(instance) + cstring(reason) + NO_TAGS]) + NO_TAGS
    r = conn.request(LEAVE_GROUP, 5, body)
    r.take(">i")
    error = r.take(">h")

    def member():
        m = (r.cstring(), r.cstring(), r.take(">h"))
        r.tags()
        return m

    return error, r.carray(member)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--group", default="static-v9")
    ap.add_argument("--topic", default="group-protocol")
    args = ap.parse_args()
    g, instance = args.group, "instance-a"
    conn = Connection(args.port)

    # The group's first request creates __consumer_offsets: COORDINATOR_NOT_AVAILABLE / LOAD_IN_PROGRESS until
    # its partitions are led, which clients retry.
    deadline = time.time() + 60
    first = join(conn, 9, g, instance)
    while first["error"] in (COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE) and time.time() < deadline:
        time.sleep(0.5)
        first = join(conn, 9, g, instance)
    check(first["error"] == 0, "JoinGroup v9 of a new static member failed", answer=first)
    m1 = first["member_id"]
    check(first["leader"] == m1 and not first["skip_assignment"] and len(first["members"]) == 1,
          "the first static member must lead and assign", answer=first)
    generation = first["generation"]
    error, assignment = sync(conn, g, generation, m1, instance, [(m1, b"partitions:0")])
    check(error == 0 and assignment == b"partitions:0", "SyncGroup v5 of the leader", sync_error=error)

    errors = commit(conn, g, generation, m1, instance, args.topic, 42)
    check(errors == [0], "OffsetCommit v9 with the generation failed", errors=errors)
    offset, error, group_error = fetch_committed(conn, g, m1, args.topic)
    check((offset, error, group_error) == (42, 0, 0), "OffsetFetch v9 did not return the committed offset",
          offset=offset, partition_error=error, group_error=group_error)

    again = join(conn, 9, g, instance, reason="the process restarted")
    m2 = again["member_id"]
    check(again["error"] == 0 and again["generation"] == generation and m2 != m1,
          "a restarted static member must keep the generation with a new id", answer=again)
    check(again["leader"] == m2 and again["skip_assignment"] is True and
          [m["member_id"] for m in again["members"]] == [m2],
          "KIP-814: a restarted static leader (v9) must be named leader with skip_assignment and the members",
          answer=again)
    error, assignment = sync(conn, g, generation, m2, instance, [])
    check(error == 0 and assignment == b"partitions:0", "the restarted leader lost its assignment", sync_error=error)

    old = join(conn, 8, g, instance, reason="restarted again, older client")
    check(old["error"] == 0 and old["generation"] == generation, "JoinGroup v8 rejoin failed", answer=old)
    check(old["leader"] == m2 and old["members"] == [] and old["member_id"] != m2,
          "before v9 the old leader id is returned and no members", answer=old)

    error, classic = list_groups(conn, ["Classic"])
    mine = [x for x in classic if x["group_id"] == g]
    check(error == 0 and len(mine) == 1 and mine[0]["type"] == "classic" and mine[0]["state"] == "Stable",
          "ListGroups v5 with types_filter [Classic]", groups=classic)
    error, consumer = list_groups(conn, ["consumer"])
    check(error == 0 and consumer == [], "ListGroups v5 with types_filter [consumer] must list none", groups=consumer)

    error, members = leave(conn, g, instance, "the consumer is being closed")
    # The answer names each member as the request did (here by instance id only), as Kafka's.
    check(error == 0 and members == [("", instance, 0)], "LeaveGroup v5", top_error=error, members=members)
    error, after = list_groups(conn, [])
    state = [x["state"] for x in after if x["group_id"] == g]
    check(state == ["Empty"], "the group must be Empty after its only member left", state=state)

    summary(ok=True, generation=generation, restarted_leader_skips_assignment=True, list_groups_v5=len(classic))


if __name__ == "__main__":
    main()
