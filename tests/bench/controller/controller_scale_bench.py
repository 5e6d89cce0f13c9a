#!/usr/bin/python3
"""Controller at scale (issue 11): a 3-broker cluster of partita-broker processes and ZooKeeper on this machine.

Steps, each timed by polling Metadata every 100 ms (a benchmark, not a test; numbers go to docs/PERFORMANCE.md):
  create   one CreateTopics of N partitions RF=3, until every partition is led with a full ISR;
  shutdown SIGTERM (controlled shutdown) of the broker leading the most partitions, until none is led by it;
  restart  that broker again, until every ISR is full;
  kill     kill -9 of a non-controller broker, until none is led by it (includes the session timeout);
  failover kill -9 of the controller, until a new controller led every partition elsewhere.
ZooKeeper's mntr (znodes, watches, requests) is read after each step.
From the creation on, an idempotent acks=all producer writes across all partitions at a modest rate
(--rate records/s); each step reports the delivery errors it saw, and at the end every record is read back:
no acknowledged record may be missing or duplicated.
With --steady S only the creation runs, then the load for S seconds with no step: the acknowledgements per
second and each broker's CPU over that window measure what a replication round costs at this partition count
(attach perf to a broker pid while it runs).
usage: controller_scale_bench.py BUILD_DIR [--partitions N] [--session-timeout-ms MS] [--rate R] [--steady S]
"""
import argparse, json, os, signal, socket, subprocess, sys, tempfile, threading, time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


class LoadProducer:
    """An idempotent acks=all producer writing sequence numbers round-robin over the partitions."""

    def __init__(self, addr, partitions, rate):
        self.producer = Producer({"bootstrap.servers": addr, "enable.idempotence": True, "acks": "all",
                                  "linger.ms": 5, "message.timeout.ms": 120000})
        self.partitions, self.rate = partitions, rate
        self.acked, self.errors, self.failed, self.step = set(), [], [], "create"
        self.t0 = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def report(self, err, msg):
        if err is None:
            self.acked.add(int(msg.value()))
        else:
            self.errors.append((self.step, str(err)))
            self.failed.append((msg.partition(), int(msg.value())))

    def run(self):
        seq, t0 = 0, time.monotonic()
        while not self.stop.is_set():
            due = int((time.monotonic() - t0) * self.rate)
            while seq < due:
                try:
                    self.producer.produce("scale", str(seq).encode(), partition=seq % self.partitions,
                                          on_delivery=self.report)
                    seq += 1
                except BufferError:
                    break
            self.producer.poll(0.01)
        self.producer.flush(120)
        self.sent = seq

    def errors_in(self, step):
        return [e for s, e in self.errors if s == step]


def verify(addr, n, load):
    """Reads every partition to its end: each acknowledged record exactly once."""
    consumer = Consumer({"bootstrap.servers": addr, "group.id": "scale-verify", "enable.auto.commit": False,
                         "fetch.wait.max.ms": 100})
    ends = {}
    for p in range(n):
        lo, hi = consumer.get_watermark_offsets(TopicPartition("scale", p), timeout=30)
        if hi > lo:
            ends[p] = hi
    consumer.assign([TopicPartition("scale", p, 0) for p in ends])
    seen, where, remaining, t0 = {}, {}, dict(ends), time.monotonic()
    while remaining and time.monotonic() - t0 < 300:
        for m in consumer.consume(10000, 1.0):
            if m.error():
                continue
            v = int(m.value())
            seen[v] = seen.get(v, 0) + 1
            where.setdefault(v, []).append((m.partition(), m.offset()))
            if m.offset() + 1 >= remaining.get(m.partition(), 1 << 62):
                del remaining[m.partition()]
    consumer.close()
    missing = load.acked - seen.keys()
    duplicated = [v for v, c in seen.items() if c > 1]
    print(f"verify: sent {load.sent}, acknowledged {len(load.acked)}, read {sum(seen.values())}, "
          f"missing {len(missing)}, duplicated {len(duplicated)}, delivery errors {len(load.errors)}"
          f"{' (partitions not read to the end: ' + str(len(remaining)) + ')' if remaining else ''}", flush=True)
    kinds = {}
    for step, e in load.errors:
        kinds[(step, e)] = kinds.get((step, e), 0) + 1
    for (step, e), count in sorted(kinds.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {count} delivery errors during {step}: {e}", flush=True)
    if load.failed:
        parts = sorted({p for p, _ in load.failed})
        seqs = [v for _, v in load.failed]
        print(f"  failed records: {len(parts)} partitions (e.g. {parts[:8]}), produced {min(seqs) / load.rate:.0f}-"
              f"{max(seqs) / load.rate:.0f} s after the load started", flush=True)
    for v in duplicated[:5]:
        print(f"  record {v} read at (partition, offset) {where[v]}", flush=True)


def cpu_seconds(pid):
    stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def probe_latency(addr, partitions, until):
    """One acks=all record at a time to a random partition, each flushed: the sorted acknowledgement latencies
    (s) until `until`, next to the load (a replication round trip at this partition count)."""
    import random
    producer = Producer({"bootstrap.servers": addr, "acks": "all", "linger.ms": 0})
    out = []
    while time.monotonic() < until:
        t = time.monotonic()
        producer.produce("scale", b"probe", partition=random.randrange(partitions))
        producer.flush(30)
        out.append(time.monotonic() - t)
    return sorted(out) or [0.0]


def steady(load, pids, seconds, addr):
    """Load with no step for `seconds`: acknowledgements per second, and each broker's CPU share of the window.
    The window opens once every partition has an acknowledged record: a partition's first record writes and
    fsyncs its partition.metadata and leader-epoch-checkpoint on each replica (as Kafka's), a one-time cost."""
    t_prime = time.monotonic()
    while len(load.acked) < load.partitions and time.monotonic() - t_prime < 600:
        time.sleep(0.5)
    print(f"  every partition written once after {time.monotonic() - t_prime:.0f} s of load", flush=True)
    acked0, cpu0, t0 = len(load.acked), {b: cpu_seconds(p) for b, (p, _, _) in pids.items()}, time.monotonic()
    latencies = probe_latency(addr, load.partitions, t0 + seconds)
    acked1, dt = len(load.acked), time.monotonic() - t0
    cpu = {b: cpu_seconds(p) - cpu0[b] for b, (p, _, _) in pids.items()}
    print(f"steady {dt:.0f} s at {load.rate}/s offered: {(acked1 - acked0) / dt:.0f} acknowledged/s, "
          f"{len(load.errors)} delivery errors; broker CPU "
          + ", ".join(f"{b}: {c / dt * 100:.0f}%" for b, c in sorted(cpu.items())), flush=True)
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))] * 1000
    print(f"single acks=all records meanwhile (linger.ms 0, one at a time, random partition): {len(latencies)}, "
          f"p50 {q(0.5):.1f} ms, p99 {q(0.99):.1f} ms", flush=True)
    load.stop.set()
    load.thread.join()


def mntr(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"mntr")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        out = {}
        for line in data.decode().splitlines():
            k, _, v = line.partition("\t")
            out[k] = v
        return {k: out.get(k) for k in ("zk_znode_count", "zk_watch_count", "zk_packets_received", "zk_outstanding_requests")}
    except OSError as e:
        return {"error": str(e)}


def metadata(addr):
    admin = AdminClient({"bootstrap.servers": addr, "socket.timeout.ms": 5000})
    return admin.list_topics(timeout=10)


def broker_pids(cluster_dir):
    pids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if cmd and cmd[0].endswith(b"partita-broker"):
            for arg in cmd:
                if arg.startswith(cluster_dir.encode()) and b"/broker-" in arg:
                    bid = int(arg.decode().split("/broker-")[1].split("/")[0])
                    pids[bid] = (int(pid), [a.decode() for a in cmd if a], os.readlink(f"/proc/{pid}/cwd"))
    return pids


def rss_cpu(pid):
    try:
        status = open(f"/proc/{pid}/status").read()
        rss = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS"))
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
        return f"RSS {rss // 1024} MiB, CPU {cpu:.1f} s"
    except (OSError, StopIteration):
        return "gone"


def partition_view(hostport):
    """Leader, replicas and ISR of every partition as this one broker answers Metadata v1 (all topics): raw
    protocol, so the answer is that broker's own, not whichever broker a client library picks."""
    import struct
    host, port = hostport.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        client = b"ctlbench"
        body = struct.pack(">hhih", 3, 1, 1, len(client)) + client + struct.pack(">i", -1)
        sock.sendall(struct.pack(">i", len(body)) + body)
        def read(n):
            buf = b""
            while len(buf) < n:
                chunk = sock.recv(n - len(buf))
                if not chunk:
                    raise OSError("closed")
                buf += chunk
            return buf
        data = read(struct.unpack(">i", read(4))[0])
    at = 4  # correlation id
    def take(fmt):
        nonlocal at
        v = struct.unpack_from(fmt, data, at)
        at += struct.calcsize(fmt)
        return v[0]
    def string():
        nonlocal at
        n = take(">h")
        v = data[at:at + max(n, 0)].decode()
        at += max(n, 0)
        return v
    for _ in range(take(">i")):  # brokers
        take(">i"), string(), take(">i"), string()
    take(">i")  # controller
    view = {}
    for _ in range(take(">i")):
        take(">h")
        name = string()
        take(">b")
        for _ in range(take(">i")):
            take(">h")
            p, leader = take(">i"), take(">i")
            replicas = tuple(take(">i") for _ in range(take(">i")))
            isr = tuple(sorted(take(">i") for _ in range(take(">i"))))
            view[(name, p)] = (leader, replicas, isr)
    return view


def agree(addrs, timeout=30):
    """Seconds until every broker of `addrs` answers the same leaders, replicas and ISRs."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            views = [partition_view(a) for a in addrs]
            if all(v == views[0] for v in views[1:]):
                return time.monotonic() - t0
        except Exception:
            pass
        time.sleep(0.05)
    return None


def wait(what, addr, cond, timeout=300):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            md = metadata(addr)
            if cond(md):
                dt = time.monotonic() - t0
                addrs = addr.split(",")
                same = agree(addrs)
                print(f"  {what}: {dt:.2f} s; the Metadata of all {len(addrs)} brokers agreed "
                      + (f"{same:.2f} s later" if same is not None else "NOT within 30 s"), flush=True)
                return dt
        except Exception:  # a broker that is going away
            pass
        time.sleep(0.1)
    print(f"  {what}: NOT within {timeout} s", flush=True)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--partitions", type=int, default=10000)
    ap.add_argument("--session-timeout-ms", type=int, default=6000)
    ap.add_argument("--rate", type=int, default=2000, help="records/s of the load producer (0: none)")
    ap.add_argument("--steady", type=int, default=0, help="seconds of load with no step, then stop (0: the steps)")
    args = ap.parse_args()
    cli = os.path.join(args.build_dir, "app/cli/partita-cli")
    work = tempfile.mkdtemp(prefix="ctlbench-")
    cdir = os.path.join(work, "cluster")
    up = subprocess.Popen([cli, "cluster", "up", "--dir", cdir, "--brokers", "3", "--processes",
                           "--override", f"zookeeper.session.timeout.ms={args.session_timeout_ms}",
                           "--override", "auto.leader.rebalance.enable=false"],
                          stdout=subprocess.PIPE, stderr=open(os.path.join(work, "up.err"), "w"), text=True)
    try:
        boot = None
        t0 = time.monotonic()
        while time.monotonic() - t0 < 120 and not boot:
            line = up.stdout.readline()
            if line.startswith("Bootstrap servers:"):
                boot = [w for w in line.replace(",", " ").split() if w.startswith("127.0.0.1:")]
        info = json.load(open(os.path.join(cdir, "cluster.json")))
        zk_port = info.get("zookeeper_port") or info.get("zookeeper", {}).get("port")
        ports = {int(b["id"]): int(b["port"]) for b in info["brokers"]} if isinstance(info.get("brokers"), list) else None
        print(f"cluster in {cdir}, bootstrap {boot}, zookeeper port {zk_port}", flush=True)
        addr = ",".join(boot)
        n = args.partitions
        print(f"mntr before: {mntr(zk_port)}", flush=True)

        def all_led_full(md, exclude=None):
            t = md.topics.get("scale")
            if not t or len(t.partitions) != n:
                return False
            return all(p.leader >= 0 and p.leader != exclude and len(p.isrs) == len(p.replicas) for p in t.partitions.values())

        def none_led_by(b):
            def cond(md):
                t = md.topics.get("scale")
                return t and all(p.leader >= 0 and p.leader != b for p in t.partitions.values())
            return cond

        admin = AdminClient({"bootstrap.servers": addr, "socket.timeout.ms": 300000})
        t_create = time.monotonic()
        fut = admin.create_topics([NewTopic("scale", n, 3)], request_timeout=300, operation_timeout=300)["scale"]
        fut.result()
        print(f"  CreateTopics answered: {time.monotonic() - t_create:.2f} s", flush=True)
        wait(f"create {n} partitions RF=3 until all led with full ISR (from the request)", addr,
             all_led_full, 300)
        load = LoadProducer(addr, n, args.rate) if args.rate > 0 else None
        if load:
            load.thread.start()
            time.sleep(5)

        def step_errors(step):
            if load:
                errs = load.errors_in(step)
                print(f"  producer ({args.rate}/s, idempotent, acks=all) delivery errors during {step}: {len(errs)}"
                      f" (at {time.monotonic() - load.t0:.0f} s of load)"
                      f"{' e.g. ' + errs[0] if errs else ''}", flush=True)
                load.step = "between steps"
        print(f"mntr after create: {mntr(zk_port)}", flush=True)
        pids = broker_pids(cdir)
        for b, (pid, _, _) in sorted(pids.items()):
            print(f"  broker {b} pid {pid}: {rss_cpu(pid)}", flush=True)
        if args.steady > 0:
            steady(load, pids, args.steady, addr)
            return

        md = metadata(addr)
        leads = {}
        for p in md.topics["scale"].partitions.values():
            leads[p.leader] = leads.get(p.leader, 0) + 1
        controller = md.controller_id
        victim = max((b for b in leads if b != controller), key=lambda b: leads[b])
        others = ",".join(f"127.0.0.1:{md.brokers[b].port}" for b in md.brokers if b != victim)
        pid, cmd, cwd = pids[victim]
        print(f"controlled shutdown (SIGTERM) of broker {victim}, leading {leads[victim]}", flush=True)
        if load:
            load.step = "controlled shutdown"
        os.kill(pid, signal.SIGTERM)
        wait(f"all {leads[victim]} partitions of broker {victim} led elsewhere", others, none_led_by(victim), 300)
        for _ in range(600):
            if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
                break
            time.sleep(0.1)
        step_errors("controlled shutdown")
        print(f"mntr after controlled shutdown: {mntr(zk_port)}", flush=True)
        print(f"restart of broker {victim}", flush=True)
        t_restart = time.monotonic()
        if load:
            load.step = "restart"
        subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait(f"broker {victim} restarted: every ISR full again", addr, all_led_full, 300)
        step_errors("restart")
        print(f"  (from the restart command: {time.monotonic() - t_restart:.2f} s)", flush=True)

        md = metadata(addr)
        controller = md.controller_id
        leads = {}
        for p in md.topics["scale"].partitions.values():
            leads[p.leader] = leads.get(p.leader, 0) + 1
        victim = max((b for b in leads if b != controller), key=lambda b: leads[b])
        others = ",".join(f"127.0.0.1:{md.brokers[b].port}" for b in md.brokers if b != victim)
        pids = broker_pids(cdir)
        print(f"kill -9 of broker {victim} (not the controller), leading {leads[victim]}", flush=True)
        if load:
            load.step = "kill -9 of a broker"
        os.kill(pids[victim][0], signal.SIGKILL)
        wait(f"all {leads[victim]} partitions of broker {victim} led elsewhere (session timeout "
             f"{args.session_timeout_ms} ms included)", others, none_led_by(victim), 300)
        step_errors("kill -9 of a broker")
        print(f"mntr after kill -9: {mntr(zk_port)}", flush=True)
        time.sleep(args.session_timeout_ms / 1000 + 1)
        subprocess.Popen(pids[victim][1], cwd=pids[victim][2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait(f"broker {victim} back, every ISR full", addr, all_led_full, 300)

        md = metadata(addr)
        controller = md.controller_id
        leads = sum(1 for p in md.topics["scale"].partitions.values() if p.leader == controller)
        others = ",".join(f"127.0.0.1:{md.brokers[b].port}" for b in md.brokers if b != controller)
        pids = broker_pids(cdir)
        print(f"kill -9 of the controller (broker {controller}), leading {leads}", flush=True)
        if load:
            load.step = "kill -9 of the controller"
        os.kill(pids[controller][0], signal.SIGKILL)

        def new_controller_acted(m):
            t = m.topics.get("scale")
            return m.controller_id not in (-1, controller) and t and all(
                p.leader >= 0 and p.leader != controller for p in t.partitions.values())
        wait("a new controller, and every partition of the old one led elsewhere", others, new_controller_acted, 300)
        step_errors("kill -9 of the controller")
        if load:
            time.sleep(5)
            load.stop.set()
            load.thread.join()
            verify(others, n, load)
        print(f"mntr at the end: {mntr(zk_port)}", flush=True)
        for b, (pid, _, _) in sorted(broker_pids(cdir).items()):
            print(f"  broker {b} pid {pid}: {rss_cpu(pid)}", flush=True)
    finally:
        for b, (pid, _, _) in broker_pids(cdir).items():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        up.send_signal(signal.SIGINT)
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
        print(f"work dir {work}")


if __name__ == "__main__":
    main()
