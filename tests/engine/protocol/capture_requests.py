#!/usr/bin/python3
"""Records the request frames real Kafka clients send, for golden-byte tests (test_messages_golden.cc).

A tiny fake broker on a free loopback port: it answers ApiVersions (advertising the versions given below)
and Metadata v0/v1 (one broker = itself, topic "golden" with partition 0 led by it), and enough of the group
protocol for a consumer to get through a rebalance (FindCoordinator -> itself, JoinGroup -> the caller leads a
group of one, SyncGroup -> assigns golden/0, OffsetFetch -> no offset, Heartbeat / OffsetCommit / LeaveGroup
-> no error; all in non-flexible versions). It records every request frame as hex and never answers anything
else (so a consumer's Fetch waits forever). Usage:
    capture_requests.py OUT.json -- CLIENT_COMMAND_WITH_{PORT}
The client command runs with {PORT} replaced; the server stops when the client exits (or after $CAPTURE_SECONDS, default 8 s).
This is a developer tool: its output is pasted into the test source, it is not run by ctest.
"""
import json, os, socket, struct, subprocess, sys, threading, time

ADVERTISED = {0: (0, 7), 1: (0, 11), 2: (0, 5), 3: (0, 1), 18: (0, 3), 19: (0, 4), 10: (0, 2),
              8: (0, 7), 9: (0, 5), 11: (0, 5), 12: (0, 3), 13: (0, 3), 14: (0, 3)}
frames = []


def s16(s):
    b = s.encode()
    return struct.pack('>h', len(b)) + b


def api_versions_body(version):
    if version >= 3:
        body = struct.pack('>h', 0) + bytes([len(ADVERTISED) + 1])
        for k, (lo, hi) in sorted(ADVERTISED.items()):
            body += struct.pack('>hhh', k, lo, hi) + b'\x00'
        return body + struct.pack('>i', 0) + b'\x00'
    body = struct.pack('>hi', 0, len(ADVERTISED))
    for k, (lo, hi) in sorted(ADVERTISED.items()):
        body += struct.pack('>hhh', k, lo, hi)
    if version >= 1:
        body += struct.pack('>i', 0)
    return body


def metadata_body(version, port):
    body = struct.pack('>i', 1) + struct.pack('>i', 0) + s16('127.0.0.1') + struct.pack('>i', port)
    if version >= 1:
        body += struct.pack('>h', -1)  # rack null
        body += struct.pack('>i', 0)  # controller id
    body += struct.pack('>i', 1) + struct.pack('>h', 0) + s16('golden')
    if version >= 1:
        body += b'\x00'  # is_internal
    body += struct.pack('>i', 1) + struct.pack('>hii', 0, 0, 0)
    body += struct.pack('>ii', 1, 0) + struct.pack('>ii', 1, 0)
    return body


class Cursor:
    """Reads the non-flexible request fields the group answers need."""

    def __init__(self, b, pos):
        self.b, self.pos = b, pos

    def i16(self):
        v = struct.unpack('>h', self.b[self.pos:self.pos + 2])[0]
        self.pos += 2
        return v

    def i32(self):
        v = struct.unpack('>i', self.b[self.pos:self.pos + 4])[0]
        self.pos += 4
        return v

    def string(self):
        n = self.i16()
        if n < 0:
            return None
        v = self.b[self.pos:self.pos + n].decode()
        self.pos += n
        return v

    def bytes_(self):
        n = self.i32()
        v = self.b[self.pos:self.pos + max(n, 0)]
        self.pos += max(n, 0)
        return v


def b32(b):
    return struct.pack('>i', len(b)) + b


# The consumer-protocol assignment of golden/0: version 0, [("golden", [0])], user_data null.
ASSIGNMENT = struct.pack('>h', 0) + struct.pack('>i', 1) + s16('golden') + struct.pack('>ii', 1, 0) + \
    struct.pack('>i', -1)


def group_body(key, ver, frame, port):
    c = Cursor(frame, 8)
    c.string()  # client id
    if key == 10:  # FindCoordinator
        body = struct.pack('>i', 0) if ver >= 1 else b''
        body += struct.pack('>h', 0)
        if ver >= 1:
            body += struct.pack('>h', -1)  # error_message null
        return body + struct.pack('>i', 0) + s16('127.0.0.1') + struct.pack('>i', port)
    if key == 11:  # JoinGroup: the caller becomes the leader of a group of one
        c.string()
        c.i32()
        if ver >= 1:
            c.i32()
        member = c.string() or 'member-1'
        if ver >= 5:
            c.string()
        c.string()
        n = c.i32()
        protocols = [(c.string(), c.bytes_()) for _ in range(n)]
        body = struct.pack('>i', 0) if ver >= 2 else b''
        body += struct.pack('>hi', 0, 1) + s16(protocols[0][0]) + s16(member) + s16(member)
        body += struct.pack('>i', 1) + s16(member)
        if ver >= 5:
            body += struct.pack('>h', -1)
        return body + b32(protocols[0][1])
    if key == 14:  # SyncGroup
        return (struct.pack('>i', 0) if ver >= 1 else b'') + struct.pack('>h', 0) + b32(ASSIGNMENT)
    if key == 9:  # OffsetFetch: nothing committed
        body = struct.pack('>i', 0) if ver >= 3 else b''
        body += struct.pack('>i', 1) + s16('golden') + struct.pack('>i', 1) + struct.pack('>iq', 0, -1)
        if ver >= 5:
            body += struct.pack('>i', -1)
        body += s16('') + struct.pack('>h', 0)
        if ver >= 2:
            body += struct.pack('>h', 0)
        return body
    if key == 8:  # OffsetCommit
        body = struct.pack('>i', 0) if ver >= 3 else b''
        return body + struct.pack('>i', 1) + s16('golden') + struct.pack('>i', 1) + struct.pack('>ih', 0, 0)
    if key in (12, 13):  # Heartbeat, LeaveGroup
        body = (struct.pack('>i', 0) if ver >= 1 else b'') + struct.pack('>h', 0)
        if key == 13 and ver >= 3:
            body += struct.pack('>i', 0)  # members []
        return body
    return None


def serve_conn(conn, port):
    buf = b''
    while True:
        try:
            data = conn.recv(65536)
        except OSError:
            return
        if not data:
            return
        buf += data
        while len(buf) >= 4:
            n = struct.unpack('>i', buf[:4])[0]
            if len(buf) < 4 + n:
                break
            frame, buf = buf[4:4 + n], buf[4 + n:]
            key, ver, corr = struct.unpack('>hhi', frame[:8])
            frames.append({'api_key': key, 'api_version': ver, 'hex': frame.hex()})
            body = None
            if key == 18:
                body = api_versions_body(ver)
            elif key == 3 and ver <= 1:
                body = metadata_body(ver, port)
            elif key in ADVERTISED and key not in (0, 1, 2, 19):
                body = group_body(key, ver, frame, port)
            if body is not None:
                resp = struct.pack('>i', corr) + body
                conn.sendall(struct.pack('>i', len(resp)) + resp)


def main():
    out = sys.argv[1]
    cmd = sys.argv[sys.argv.index('--') + 1:]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', 0))
    srv.listen(8)
    port = srv.getsockname()[1]

    def accept_loop():
        while True:
            try:
                c, _ = srv.accept()
            except OSError:
                return
            threading.Thread(target=serve_conn, args=(c, port), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    proc = subprocess.Popen([a.replace('{PORT}', str(port)) for a in cmd])
    try:
        proc.wait(timeout=float(os.environ.get('CAPTURE_SECONDS', '8')))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    srv.close()
    json.dump(frames, open(out, 'w'), indent=1)


if __name__ == '__main__':
    main()
