#!/usr/bin/env python3
"""Save-to-reload latency of `jianxun serve`.

For each corpus size N (default 1000 and 10000): generate the corpus with
gen_corpus.py (cached like build.py), start `jianxun serve --port 0` on it,
open the Server-Sent Events stream as a browser would, then repeatedly
rewrite one bulletin's body (a different bulletin each time) and measure the
time from the end of the write to the arrival of the `reload` event. After
each reload it asks for `/robots.txt`, which the server answers only once
the derived files (feeds, sitemap, search index, downloads) are current, and
times that too; the next save waits for it, as an editor's next save comes
after the preview settled. Prints the median, min and max in milliseconds,
and the server's resident memory once the first build is served and after
the last edit, and its peak (Linux: read from /proc). Standard library only.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import build as buildbench  # noqa: E402  (corpus cache and binary location)


def open_events(addr):
    host, port = addr.rsplit(":", 1)
    s = socket.create_connection((host, int(port)))
    s.sendall(f"GET /__jianxun/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n".encode())
    s.settimeout(30)
    return s


def next_event(sock, buf):
    """The name of the next event on the stream (comments and headers are skipped)."""
    while True:
        idx = buf[0].find(b"\n\n")
        if idx >= 0:
            frame, buf[0] = buf[0][:idx], buf[0][idx + 2:]
            for line in frame.split(b"\n"):
                if line.startswith(b"event: "):
                    return line[7:].decode()
            continue
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("event stream closed")
        buf[0] += chunk


def settled(addr):
    """Asks for a derived file; the answer comes once every derived file is current."""
    host, port = addr.rsplit(":", 1)
    c = http.client.HTTPConnection(host, int(port), timeout=120)
    c.request("GET", "/robots.txt")
    r = c.getresponse()
    r.read()
    c.close()
    if r.status != 200:
        raise RuntimeError(f"/robots.txt answered {r.status}")


def memory_mb(pid, field):
    """A memory figure of process `pid` in MB (`VmRSS`, `VmHWM`), or None off Linux."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def edit(text, k, kind):
    """The file after the k-th edit of the given kind (in place: same slug,
    date, campaigns, region and tags)."""
    if kind == "title":
        return re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)}（第{k}次修改）", text, count=1, flags=re.M)
    if kind == "metric":
        # The first metric value gets k added to its leading number.
        return re.sub(r"^(  \S+: )(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + k + 1}", text, count=1, flags=re.M)
    return text.rstrip("\n") + f"\n\n基准测试第{k}次修改。\n"


def measure(n, runs, binary, workdir, kind="body"):
    corpus = buildbench.ensure_corpus(workdir, n, regen=False)
    # serve never writes, but work on a copy so edits do not touch the cached corpus.
    site = Path(workdir) / f"serve-n{n}"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(corpus, site)
    proc = subprocess.Popen([str(binary), "serve", "--port", "0", "--root", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = proc.stdout.readline()
        addr = first.split("http://", 1)[1].split("/", 1)[0]
        m = re.search(r"(?:built in|生成用时) (\d+)", first)
        startup = m.group(1) if m else "?"
        sock = open_events(addr)
        buf = [b""]
        assert next_event(sock, buf) in ("reload", "errors")
        settled(addr)
        served_mb = memory_mb(proc.pid, "VmRSS")
        bulletins = sorted((site / "content" / "bulletins").rglob("*.md"))
        times, derived = [], []
        for k in range(runs + 1):
            target = bulletins[(k * 7919) % len(bulletins)]
            text = target.read_text(encoding="utf-8")
            text = edit(text, k, kind)
            time.sleep(0.3)
            target.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            name = next_event(sock, buf)
            dt = (time.perf_counter() - t0) * 1000
            if name != "reload":
                raise RuntimeError(f"expected reload, got {name}")
            settled(addr)
            dd = (time.perf_counter() - t0) * 1000
            if k > 0:  # the first edit warms caches
                times.append(dt)
                derived.append(dd)
        memory = (served_mb, memory_mb(proc.pid, "VmRSS"), memory_mb(proc.pid, "VmHWM"))
        return startup, times, derived, memory
    finally:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "jianxun-bench"))
    ap.add_argument("--no-cargo", action="store_true")
    ap.add_argument("--edit", choices=["body", "title", "metric"], default="body",
                    help="what each save changes in place (default: the body)")
    args = ap.parse_args()
    if not args.no_cargo:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    binary = buildbench.binary_path()
    print(f"{args.runs} {args.edit} edits; save → reload event, and save → derived files current (ms)")
    print(f"{'N':>7} {'first build ms':>15} {'median':>8} {'min':>7} {'max':>7}  {'derived':>8} {'min':>7} {'max':>7}"
          f"  {'RSS served':>10} {'RSS end':>8} {'peak':>8} (MB)")
    for n in args.sizes:
        startup, times, derived, memory = measure(n, args.runs, binary, args.workdir, args.edit)
        mb = "".join(f" {m:>8.0f}" if m is not None else f" {'?':>8}" for m in memory)
        print(f"{n:>7} {startup:>15} {statistics.median(times):>8.1f} {min(times):>7.1f} {max(times):>7.1f}"
              f"  {statistics.median(derived):>8.1f} {min(derived):>7.1f} {max(derived):>7.1f}"
              f"  {mb[1:]:>28}")


if __name__ == "__main__":
    main()
