#!/usr/bin/python3
"""Records the request frames real Kafka clients send, for golden-byte tests (test_messages_golden.cc).

A tiny fake broker on a free loopback port: it answers ApiVersions (advertising the versions given below)
and Metadata v0/v1 (one broker = itself, topic "golden" with partition 0 led by it), records every request
frame as hex, and never answers anything else. Usage:
    capture_requests.py OUT.json -- CLIENT_COMMAND_WITH_{PORT}
The client command runs with {PORT} replaced; the server stops when the client exits (or after 8 s).
This is a developer tool: its output is pasted into the test source, it is not run by ctest.
"""
import json, socket, struct, subprocess, sys, threading, time

ADVERTISED = {0: (0, 7), 1: (0, 11), 2: (0, 5), 3: (0, 1), 18: (0, 3), 19: (0, 4), 10: (0, 0)}
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
        proc.wait(timeout=8)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    srv.close()
    json.dump(frames, open(out, 'w'), indent=1)


if __name__ == '__main__':
    main()
