"""TCP forwarder of the faults suite's network-namespace slot: listen on HOST:PORT in this (the root) network
namespace and relay every connection to TARGET_HOST:TARGET_PORT. It lets the brokers of the root namespace and the
clients reach a broker living in another namespace at an address of the root namespace, and that broker reach
ZooKeeper (which listens on loopback only). Cutting the namespace's link cuts these paths as a network partition
would: a relayed connection stalls, a new one cannot reach its target and is closed.

usage: tcp_forward.py LISTEN_HOST:PORT=TARGET_HOST:PORT [...]   (runs until killed)"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


def handler(target_host, target_port):
    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.wait_for(
                asyncio.open_connection(target_host, target_port), timeout=3)
        except (OSError, asyncio.TimeoutError):
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))
    return handle


async def main(pairs):
    servers = []
    for pair in pairs:
        listen, target = pair.split("=")
        lhost, lport = listen.rsplit(":", 1)
        thost, tport = target.rsplit(":", 1)
        servers.append(await asyncio.start_server(handler(thost, int(tport)), lhost, int(lport), reuse_address=True))
    print("forwarding " + " ".join(pairs), flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1:]))
