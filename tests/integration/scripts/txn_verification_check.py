"""Transaction verification (KIP-890 part 1) over the raw Kafka protocol against a Partita broker (issue 12).

A transactional producer (InitProducerId with a transactional id) writes a transactional batch to a partition
it never added to its transaction: the leader asks the coordinator, which does not know the partition, and the
write is refused with INVALID_TXN_STATE; nothing is appended and the last stable offset does not move. Added
with AddPartitionsToTxn, the same write is appended. After the transaction is aborted and its marker written, a
late batch of that producer (as a request delayed in the network would arrive) is refused too: without the
check it would open a transaction no coordinator knows of, and read_committed readers would stop there for good
(a hanging transaction). The same holds for the group coordinator: a TxnOffsetCommit of a transaction that did not
AddOffsetsToTxn the group is refused (INVALID_TXN_STATE), and goes in once it did. Exits non-zero with a clear message on any mismatch; prints a one-line JSON summary."""
import argparse
import struct

from itest_common import check, summary, wait_until
from raw_protocol import Connection, ensure_topic, kstring, list_offsets_latest_v1, produce_v3, record_batch

INVALID_TXN_STATE = 48


def find_coordinator_v1(conn, transactional_id):
    """(error, port) of the transaction coordinator; the first call creates __transaction_state."""
    resp = conn.request(10, 1, kstring(transactional_id) + struct.pack(">b", 1))
    _, error = struct.unpack_from(">ih", resp, 0)
    at = 6
    (msg_len,) = struct.unpack_from(">h", resp, at)
    at += 2 + max(msg_len, 0)
    node, host_len = struct.unpack_from(">ih", resp, at)
    at += 6 + host_len
    (port,) = struct.unpack_from(">i", resp, at)
    return error, port


def init_producer_id_v1(conn, transactional_id):
    resp = conn.request(22, 1, kstring(transactional_id) + struct.pack(">i", 60000))
    _, error, producer_id, epoch = struct.unpack_from(">ihqh", resp, 0)
    return error, producer_id, epoch


def add_partitions_to_txn_v1(conn, transactional_id, producer_id, epoch, topic, partition):
    body = (kstring(transactional_id) + struct.pack(">qh", producer_id, epoch) + struct.pack(">i", 1) +
            kstring(topic) + struct.pack(">ii", 1, partition))
    resp = conn.request(24, 1, body)
    (name_len,) = struct.unpack_from(">h", resp, 8)
    _, error = struct.unpack_from(">ih", resp, 10 + name_len + 4)
    return error


def end_txn_v1(conn, transactional_id, producer_id, epoch, commit):
    resp = conn.request(26, 1, kstring(transactional_id) + struct.pack(">qhb", producer_id, epoch, 1 if commit else 0))
    _, error = struct.unpack_from(">ih", resp, 0)
    return error


def find_group_coordinator_v1(conn, group):
    resp = conn.request(10, 1, kstring(group) + struct.pack(">b", 0))
    _, error = struct.unpack_from(">ih", resp, 0)
    return error


def add_offsets_to_txn_v1(conn, transactional_id, producer_id, epoch, group):
    resp = conn.request(25, 1, kstring(transactional_id) + struct.pack(">qh", producer_id, epoch) + kstring(group))
    _, error = struct.unpack_from(">ih", resp, 0)
    return error


def txn_offset_commit_v2(conn, transactional_id, group, producer_id, epoch, topic, partition, offset):
    """The error of the one partition committed."""
    body = (kstring(transactional_id) + kstring(group) + struct.pack(">qh", producer_id, epoch) +
            struct.pack(">i", 1) + kstring(topic) + struct.pack(">i", 1) +
            struct.pack(">iqi", partition, offset, -1) + struct.pack(">h", -1))
    resp = conn.request(28, 2, body)
    (name_len,) = struct.unpack_from(">h", resp, 8)
    _, error = struct.unpack_from(">ih", resp, 10 + name_len + 4)
    return error


def last_stable_offset(conn, topic, partition):
    """ListOffsets v2, read_committed, latest: the partition's LSO."""
    body = struct.pack(">ib", -1, 1) + struct.pack(">i", 1) + kstring(topic) + struct.pack(">iiq", 1, partition, -1)
    resp = conn.request(2, 2, body)
    (name_len,) = struct.unpack_from(">h", resp, 8)
    _, error, _, offset = struct.unpack_from(">ihqq", resp, 10 + name_len + 4)
    check(error == 0, "ListOffsets read_committed: error %d" % error)
    return offset


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--txn-id", default="kip890-app")
    args = ap.parse_args()
    conn = Connection(args.port, timeout=60)
    txn = args.txn_id
    ensure_topic(conn, args.topic)

    found = {}
    check(wait_until(lambda: found.update(coordinator=find_coordinator_v1(conn, txn)) or
                     found["coordinator"][0] == 0, 60),
          "the transaction coordinator did not become available: %s" % (found.get("coordinator"),))
    check(found["coordinator"][1] == args.port, "a single-broker test: the coordinator is this broker")
    check(wait_until(lambda: found.update(init=init_producer_id_v1(conn, txn)) or found["init"][0] == 0, 60),
          "InitProducerId did not succeed: %s" % (found.get("init"),))
    _, pid, epoch = found["init"]

    def write(seq, tag):
        batch = record_batch([b"%s-%d" % (tag, seq)], producer_id=pid, producer_epoch=epoch, base_sequence=seq,
                             transactional=True)
        return produce_v3(conn, args.topic, 0, batch, transactional_id=txn)

    _, end0 = list_offsets_latest_v1(conn, args.topic, 0)
    # 1. A partition not added to the transaction.
    error, _ = write(0, b"unadded")
    check(error == INVALID_TXN_STATE, "a write outside the transaction: error %d, expected INVALID_TXN_STATE" % error)
    _, end1 = list_offsets_latest_v1(conn, args.topic, 0)
    check(end1 == end0, "the refused write was appended (log end %d -> %d)" % (end0, end1))
    check(last_stable_offset(conn, args.topic, 0) == end1, "the LSO moved off the log end after a refused write")

    # 2. Added: the same write goes in, and holds the LSO at its offset while the transaction is open.
    error = add_partitions_to_txn_v1(conn, txn, pid, epoch, args.topic, 0)
    check(error == 0, "AddPartitionsToTxn: error %d" % error)
    error, base = write(0, b"added")
    check(error == 0 and base == end1, "the write inside the transaction: error %d, offset %d (expected %d)" %
          (error, base, end1))
    check(last_stable_offset(conn, args.topic, 0) == base, "the open transaction does not hold the LSO")

    # 3. Aborted; once the marker is written, a late batch of the same producer epoch is refused.
    check(wait_until(lambda: end_txn_v1(conn, txn, pid, epoch, False) == 0, 60), "EndTxn(abort) did not succeed")
    check(wait_until(lambda: last_stable_offset(conn, args.topic, 0) == list_offsets_latest_v1(conn, args.topic, 0)[1],
                     60), "the abort marker did not release the LSO")
    _, end3 = list_offsets_latest_v1(conn, args.topic, 0)
    error, _ = write(1, b"late")
    check(error == INVALID_TXN_STATE, "a late write after the abort: error %d, expected INVALID_TXN_STATE" % error)
    _, end4 = list_offsets_latest_v1(conn, args.topic, 0)
    lso = last_stable_offset(conn, args.topic, 0)
    check(end4 == end3 and lso == end4, "the late write changed the log (end %d -> %d, LSO %d): a hanging "
          "transaction" % (end3, end4, lso))

    # 4. Offsets in a transaction (Kafka 3.8's GroupCoordinator verifies TxnOffsetCommit too): refused while the
    #    group was not added with AddOffsetsToTxn, accepted once it was; the transaction then commits.
    group = txn + "-group"
    check(wait_until(lambda: find_group_coordinator_v1(conn, group) == 0, 60), "the group coordinator did not load")
    error = add_partitions_to_txn_v1(conn, txn, pid, epoch, args.topic, 0)  # a new transaction
    check(error == 0, "AddPartitionsToTxn (second transaction): error %d" % error)
    found = {}
    check(wait_until(lambda: found.update(e=txn_offset_commit_v2(conn, txn, group, pid, epoch, args.topic, 0, 5)) or
                     found["e"] not in (14, 15, 16), 60), "TxnOffsetCommit kept answering coordinator errors")
    check(found["e"] == INVALID_TXN_STATE, "offsets outside the transaction: error %d, expected INVALID_TXN_STATE" %
          found["e"])
    check(add_offsets_to_txn_v1(conn, txn, pid, epoch, group) == 0, "AddOffsetsToTxn failed")
    error = txn_offset_commit_v2(conn, txn, group, pid, epoch, args.topic, 0, 5)
    check(error == 0, "offsets inside the transaction: error %d" % error)
    check(wait_until(lambda: end_txn_v1(conn, txn, pid, epoch, True) == 0, 60), "EndTxn(commit) did not succeed")
    summary(ok=True, refused_unadded=INVALID_TXN_STATE, refused_late=INVALID_TXN_STATE, log_end=end4, lso=lso,
            refused_offsets=INVALID_TXN_STATE)


if __name__ == "__main__":
    main()
