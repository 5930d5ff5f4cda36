#!/usr/bin/env python3
"""`jianxun serve` under load: many live-reload pages, stuck pages and idle connections.

Generates a corpus with gen_corpus.py (cached like build.py), starts the
release `jianxun serve --port 0` on a copy of it, then holds open:

- 100 event streams that read, as open browser tabs do;
- 10 event streams that never read a byte (a frozen tab);
- 300 idle TCP connections that never send a request (reopened whenever
  the server closes one, so the pressure lasts);

and edits one bulletin in place (truncate, then write) about every 500 ms
for --seconds (default 60). Prints the events the server sent against the
events each reading stream received (every reading stream must get every
event), the median, min and max time from the end of a save to the
arrival of its reload event at each reading stream, what became of the
stuck streams and idle connections, and whether the server still answers
a normal GET at the end. Standard library only; exits 1 when a reading
stream missed an event or the final GET fails.
"""

import argparse
import os
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import build as buildbench  # noqa: E402  (corpus cache and binary location)


def connect(addr):
    host, port = addr.rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=10)


def open_stream(addr):
    s = connect(addr)
    s.sendall(f"GET /__jianxun/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n".encode())
    return s


class Reader:
    """Reads every reading stream in one thread; records (arrival time, event name) per stream."""

    def __init__(self, socks):
        self.sel = selectors.DefaultSelector()
        self.events = {i: [] for i in range(len(socks))}
        self.closed = set()
        self.buf = {}
        for i, s in enumerate(socks):
            s.setblocking(False)
            self.sel.register(s, selectors.EVENT_READ, i)
            self.buf[i] = b""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            for key, _ in self.sel.select(timeout=0.1):
                i = key.data
                try:
                    chunk = key.fileobj.recv(65536)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    chunk = b""
                now = time.perf_counter()
                if not chunk:
                    self.closed.add(i)
                    self.sel.unregister(key.fileobj)
                    continue
                self.buf[i] += chunk
                self.frames(i, now)

    def frames(self, i, now):
        while b"\n\n" in self.buf[i]:
            frame, self.buf[i] = self.buf[i].split(b"\n\n", 1)
            for line in frame.split(b"\n"):
                if line.startswith(b"event: "):
                    self.events[i].append((now, line[7:].decode()))


class Idle:
    """Keeps `n` connections open that never send anything; reopens those the server closes."""

    def __init__(self, addr, n):
        self.addr = addr
        self.sel = selectors.DefaultSelector()
        self.closed_by_server = 0
        self.refused = 0
        for _ in range(n):
            self.open()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def open(self):
        try:
            s = connect(self.addr)
        except OSError:
            self.refused += 1
            return
        s.setblocking(False)
        self.sel.register(s, selectors.EVENT_READ)

    def run(self):
        while not self.stop.is_set():
            for key, _ in self.sel.select(timeout=0.1):
                try:
                    data = key.fileobj.recv(4096)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    self.sel.unregister(key.fileobj)
                    key.fileobj.close()
                    self.closed_by_server += 1
                    self.open()


def count_lines(pipe, needle, counter, lock):
    for line in pipe:
        if needle in line:
            with lock:
                counter[0] += 1


def get(addr):
    t0 = time.perf_counter()
    try:
        s = connect(addr)
        s.sendall(f"GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        status = data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "none"
    except OSError as e:
        status = f"failed ({e})"
    return status, (time.perf_counter() - t0) * 1000


def stuck_fate(socks):
    """How many stuck streams the server has closed (their buffered bytes are drained first)."""
    dropped = 0
    for s in socks:
        s.setblocking(False)
        try:
            while True:
                chunk = s.recv(1 << 20)
                if not chunk:
                    dropped += 1
                    break
        except BlockingIOError:
            pass
        except OSError:
            dropped += 1
    return dropped


def edit_loop(target, seconds, interval):
    """Saves `target` in place every `interval` s; returns (start, end) times of each save."""
    base = target.read_text(encoding="utf-8").rstrip("\n")
    saves = []
    t_end = time.perf_counter() + seconds
    k = 0
    while time.perf_counter() < t_end:
        t0 = time.perf_counter()
        with open(target, "w", encoding="utf-8") as f:  # truncates, then writes
            f.write(f"{base}\n\n负载测试第{k}次修改。\n")
        saves.append((t0, time.perf_counter()))
        k += 1
        time.sleep(max(0.0, interval - (time.perf_counter() - t0)))
    return saves


def latencies(saves, events):
    """Save end → first reload event after the save began, for each save and stream."""
    out, missed = [], 0
    for n, (start, end) in enumerate(saves):
        limit = saves[n + 1][0] if n + 1 < len(saves) else float("inf")
        for evs in events.values():
            hit = next((t for t, name in evs if name == "reload" and start <= t < limit), None)
            if hit is None:
                missed += 1
            else:
                out.append(max(0.0, hit - end) * 1000)
    return out, missed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--size", type=int, default=1000, help="bulletins in the generated site")
    ap.add_argument("--readers", type=int, default=100)
    ap.add_argument("--stuck", type=int, default=10)
    ap.add_argument("--idle", type=int, default=300)
    ap.add_argument("--interval", type=float, default=0.5, help="seconds between saves")
    ap.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "jianxun-bench"))
    ap.add_argument("--no-cargo", action="store_true")
    args = ap.parse_args()
    if not args.no_cargo:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    corpus = buildbench.ensure_corpus(args.workdir, args.size, regen=False)
    site = Path(args.workdir) / f"serve-load-n{args.size}"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(corpus, site)
    proc = subprocess.Popen([buildbench.binary_path(), "serve", "--port", "0", "--root", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        return run(args, proc, site)
    finally:
        proc.kill()
        proc.wait()


def run(args, proc, site):
    first = proc.stdout.readline()
    addr = first.split("http://", 1)[1].split("/", 1)[0]
    sent, lock = [0], threading.Lock()
    threading.Thread(target=count_lines, args=(proc.stdout, "Rebuilt ", sent, lock), daemon=True).start()
    threading.Thread(target=count_lines, args=(proc.stderr, "the last good site is still served", sent, lock),
                     daemon=True).start()
    reader = Reader([open_stream(addr) for _ in range(args.readers)])
    stuck = [open_stream(addr) for _ in range(args.stuck)]
    idle = Idle(addr, args.idle)
    deadline = time.perf_counter() + 10
    while any(not evs for evs in reader.events.values()) and time.perf_counter() < deadline:
        time.sleep(0.05)
    hello = {i: len(evs) for i, evs in reader.events.items()}
    with lock:
        sent_before = sent[0]
    target = sorted((site / "content" / "bulletins").rglob("*.md"))[0]
    saves = edit_loop(target, args.seconds, args.interval)
    time.sleep(3)  # let the last rebuild reach every stream
    with lock:
        sent_total = sent[0] - sent_before
    reader.stop.set()
    idle.stop.set()
    status, ms = get(addr)
    received = [len(reader.events[i]) - hello[i] for i in sorted(reader.events)]
    events = {i: evs[hello[i]:] for i, evs in reader.events.items()}
    lat, missed = latencies(saves, events)
    complete = sum(1 for r in received if r == sent_total)
    print(f"jianxun serve under load: {args.seconds:.0f} s, {len(saves)} saves, N={args.size}")
    print(f"  streams: {args.readers} reading, {args.stuck} stuck, {args.idle} idle connections")
    print(f"  events sent by the server: {sent_total}")
    print(f"  events received per reading stream: min {min(received)}, median {statistics.median(received):.0f}, "
          f"max {max(received)}; {complete}/{len(received)} streams got every event; "
          f"{len(reader.closed)} closed by the server")
    if lat:
        print(f"  save → reload event, ms over {len(lat)} (save, stream) pairs: median {statistics.median(lat):.1f}, "
              f"min {min(lat):.1f}, max {max(lat):.1f}; {missed} pairs without a reload")
    print(f"  stuck streams closed by the server: {stuck_fate(stuck)}/{len(stuck)}")
    print(f"  idle connections closed by the server (and reopened): {idle.closed_by_server}; "
          f"connections refused: {idle.refused}")
    print(f"  GET / at the end: {status} in {ms:.1f} ms")
    return 0 if complete == len(received) and status == "200" else 1


if __name__ == "__main__":
    sys.exit(main())
