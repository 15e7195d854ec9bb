#!/usr/bin/env python3
"""script/bench --live: opens many Server-Sent Event streams to one or more Corner nodes as one signed-in
person, reports each node's resident memory before and after, then sends live events through PostgreSQL
(pg_notify on the app's channel, from a psql session kept open) and measures how long each reaches every
open stream. Standard library only; run by script/bench, never by the tests."""
import argparse, asyncio, json, os, statistics, subprocess, time, uuid
from urllib.parse import urlparse


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


class Stream:
    def __init__(self, node):
        self.node, self.reader, self.writer, self.buffer = node, None, None, b""
        self.waiters = {}

    async def open(self, url, cookie):
        u = urlparse(url)
        self.reader, self.writer = await asyncio.open_connection(u.hostname, u.port)
        self.writer.write(f"GET /live HTTP/1.1\r\nHost: {u.netloc}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await self.writer.drain()
        while b"\r\n\r\n" not in self.buffer or (self.buffer.startswith(b"HTTP/1.1 200") and b": open" not in self.buffer):
            chunk = await asyncio.wait_for(self.reader.read(4096), 30)
            if not chunk:
                raise RuntimeError("stream closed before it opened: " + self.buffer[:200].decode(errors="replace"))
            self.buffer += chunk
        if not self.buffer.startswith(b"HTTP/1.1 200"):
            self.writer.close()
            return False
        self.buffer = b""
        return True

    async def pump(self):
        while True:
            chunk = await self.reader.read(4096)
            if not chunk:
                return
            now = time.perf_counter()
            self.buffer = (self.buffer + chunk)[-8192:]
            for item, future in list(self.waiters.items()):
                if item.encode() in self.buffer and not future.done():
                    future.set_result(now)
                    del self.waiters[item]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--node", action="append", required=True, help="url=pid, once per node")
    ap.add_argument("--cookie", required=True)
    ap.add_argument("--streams", type=int, nargs="+", default=[1000, 2000, 5000])
    ap.add_argument("--events", type=int, default=20)
    ap.add_argument("--recipient", required=True)
    ap.add_argument("--bond", required=True)
    ap.add_argument("--psql", required=True, help="libpq connection string for pg_notify")
    args = ap.parse_args()
    nodes = [tuple(n.split("=", 1)) for n in args.node]
    psql = subprocess.Popen(["psql", args.psql, "-qtA", "-v", "ON_ERROR_STOP=1"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    streams, pumps, refused = [], [], 0
    idle = {url: rss_mb(pid) for url, pid in nodes}
    for url, pid in nodes:
        print(f"  node {url}: {idle[url]:.0f} MB resident before any stream")
    for target in args.streams:
        while len(streams) < target:
            batch = []
            for i in range(min(50, target - len(streams))):
                node = nodes[(len(streams) + i) % len(nodes)][0]
                s = Stream(node)
                batch.append(s)
            opened = await asyncio.gather(*(s.open(s.node, args.cookie) for s in batch))
            refused += opened.count(False)
            if refused > 100:
                print(f"  gave up: {refused} streams refused (see the node's log)")
                break
            batch = [s for s, ok in zip(batch, opened) if ok]
            streams.extend(batch)
            pumps.extend(asyncio.create_task(s.pump()) for s in batch)
        if refused:
            print(f"  {refused} stream opens were refused (a 5xx), opened {len(streams)}")
        await asyncio.sleep(3)
        held = subprocess.run(["psql", args.psql, "-qtAc",
                               "select count(*) from pg_stat_activity where datname = current_database() and usename = 'corner_app'"],
                              capture_output=True, text=True).stdout.strip()
        print(f"  {target:>5} streams open: {held} app connections to PostgreSQL (all nodes: pool and LISTEN)")
        latencies = {url: [] for url, _ in nodes}
        for _ in range(args.events):
            item = str(uuid.uuid4())
            loop = asyncio.get_running_loop()
            futures = []
            for s in streams:
                f = loop.create_future()
                s.waiters[item] = f
                futures.append((s.node, f))
            payload = json.dumps({"recipient": args.recipient, "bond": args.bond, "kind": "check_in", "item": item})
            sent = time.perf_counter()
            psql.stdin.write(f"select pg_notify('corner_live', '{payload}');\n")
            psql.stdin.flush()
            done, _ = await asyncio.wait([f for _, f in futures], timeout=10)
            for node, f in futures:
                latencies[node].append((f.result() - sent) * 1000 if f.done() else 10000.0)
            for s in streams:
                s.waiters.pop(item, None)
            await asyncio.sleep(0.2)
        for url, pid in nodes:
            mine = sum(1 for s in streams if s.node == url)
            rss = rss_mb(pid)
            per = (rss - idle[url]) * 1024 / mine if mine else 0
            lat = latencies[url]
            print(f"  {target:>5} streams: node {url} holds {mine:>5}, {rss:6.0f} MB resident "
                  f"({per:5.1f} KB a stream over idle); update latency p50 {pct(lat, 50):6.1f} ms, p99 {pct(lat, 99):6.1f} ms"
                  f" over {args.events} events x {mine} streams")
    for s in streams:
        s.writer.close()
    for p in pumps:
        p.cancel()
    psql.stdin.close()
    psql.wait()


asyncio.run(main())
