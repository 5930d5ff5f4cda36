#!/usr/bin/env python3
"""One bulletin saved under `jianxun build --watch`, against a clean build.

For each corpus size N (default 10000 and 100000), on a copy of build.py's
cached corpus:

1. times `--clean` clean builds (`jianxun build`, a fresh output folder
   each, prepared as build.py prepares a run) and takes their median;
2. starts `jianxun build --watch` with an output folder of its own, and
   once it watches, saves one bulletin in place `--runs` times (a different
   bulletin each time; same slug, date, campaign, region and tags, as an
   editor's save), the next save after the last was written. Each save is
   timed from the end of the write to the line the watch prints once the
   files are in the output folder (`Updated …`). The first save warms
   caches and is not counted;
3. builds the edited site afresh into a third folder and compares it with
   the watched folder, file by file (the manifest aside): the figure is
   only printed if the watch wrote exactly what a build writes.

Prints, per N: the clean build's median (min–max), the save → written
median (min–max) and its share of the clean build, the watch's own figure
for the same saves (from its line), and its memory once watching and at
its peak (Linux). Standard library only.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import queue
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import build as jb  # noqa: E402  (corpus cache, binary, run preparation)
import serve as sb  # noqa: E402  (in-place edits, memory figures)


def clean_builds(binary, root, out, logdir, runs):
    """Wall seconds of `runs` clean builds of `root` into `out`."""
    return [jb.measure(binary, root, out, logdir, True, True, True)[0] for _ in range(runs)]


def lines_of(stream):
    """A queue that receives every line of `stream` (read on a thread)."""
    q = queue.Queue()

    def pump():
        for line in stream:
            q.put(line.rstrip("\n"))
        q.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return q


def until(q, start, timeout=600):
    """The first line starting with `start` (others are skipped)."""
    end = time.monotonic() + timeout
    while True:
        line = q.get(timeout=max(end - time.monotonic(), 0.01))
        if line is None:
            raise RuntimeError(f"build --watch ended before printing {start!r}")
        if line.startswith(start):
            return line


def same_files(a, b):
    """Paths whose bytes differ between folders `a` and `b` (the manifest aside)."""
    def listing(top):
        found = {}
        for d, _, fs in os.walk(top):
            for f in fs:
                p = os.path.join(d, f)
                rel = os.path.relpath(p, top)
                if rel != ".jianxun-manifest":
                    found[rel] = p
        return found
    la, lb = listing(a), listing(b)
    differ = sorted(set(la) ^ set(lb))
    for rel in set(la) & set(lb):
        with open(la[rel], "rb") as fa, open(lb[rel], "rb") as fb:
            if fa.read() != fb.read():
                differ.append(rel)
    return differ


def measure(n, binary, work, runs, clean_runs, kind):
    corpus = jb.ensure_corpus(work, n, regen=False)
    root = os.path.join(work, f"watch-corpus-n{n}")
    if os.path.exists(root):
        shutil.rmtree(root)
    shutil.copytree(corpus, root)
    logdir = os.path.join(work, f"watch-logs-n{n}")
    os.makedirs(logdir, exist_ok=True)
    clean = clean_builds(binary, root, os.path.join(work, f"watch-clean-n{n}"), logdir, clean_runs)
    out = os.path.join(work, f"watch-out-n{n}")
    if os.path.exists(out):
        shutil.rmtree(out)
    jb.settle()
    env = dict(os.environ, JIANXUN_LANG="en")
    proc = subprocess.Popen([binary, "build", "--watch", "--root", root, "--output", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        q = lines_of(proc.stderr)
        until(q, "Watching ")
        watching_mb = sb.memory_mb(proc.pid, "VmRSS")
        bulletins = sorted((Path(root) / "content" / "bulletins").rglob("*.md"))
        times, own = [], []
        for k in range(runs + 1):
            target = bulletins[(k * 7919) % len(bulletins)]
            text = sb.edit(target.read_text(encoding="utf-8"), k, kind)
            time.sleep(0.3)
            target.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            line = until(q, "Updated ")
            dt = time.perf_counter() - t0
            m = re.search(r"in (\d+) ms", line)
            if k > 0:
                times.append(dt)
                own.append(int(m.group(1)) if m else float("nan"))
        peak_mb = sb.memory_mb(proc.pid, "VmHWM")
    finally:
        proc.kill()
        proc.wait()
    check = os.path.join(work, f"watch-check-n{n}")
    jb.measure(binary, root, check, logdir, True, False, False)
    differ = same_files(out, check)
    if differ:
        raise RuntimeError(f"N={n}: the watched folder differs from a fresh build: {differ[:10]}")
    return clean, times, own, (watching_mb, peak_mb)


def spread(xs, scale=1.0, fmt="{:.3f}"):
    xs = [x * scale for x in xs]
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--runs", type=int, default=15, help="timed saves per N (default 15)")
    ap.add_argument("--clean", type=int, default=3, help="clean builds per N (default 3)")
    ap.add_argument("--edit", choices=["body", "title", "metric"], default="body",
                    help="what each save changes in place (default: the body)")
    ap.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "jianxun-bench"))
    ap.add_argument("--no-cargo", action="store_true", help="use the release binary already built")
    args = ap.parse_args()
    if not args.no_cargo:
        jb.cargo_build()
    binary = jb.binary_path()
    os.makedirs(args.workdir, exist_ok=True)
    print(f"{args.runs} {args.edit} saves under `jianxun build --watch`, against {args.clean} clean builds "
          "(medians, min–max)")
    for n in args.sizes:
        clean, times, own, (watching_mb, peak_mb) = measure(n, binary, args.workdir, args.runs,
                                                            args.clean, args.edit)
        c = statistics.median(clean)
        print(f"\nN = {n:,}")
        print(f"  clean build                  {spread(clean)} s")
        print(f"  save → files written         {spread(times, 1000, '{:.0f}')} ms   "
              f"{100 * statistics.median(times) / c:.1f}% of clean "
              f"(per save {min(times) / c * 100:.1f}–{max(times) / c * 100:.1f}%)")
        print(f"  as the watch timed it        {spread(own, 1, '{:.0f}')} ms")
        print(f"  memory watching / peak       {watching_mb:.0f} / {peak_mb:.0f} MB")
        print("  the watched folder equals a fresh build of the edited site: yes")


if __name__ == "__main__":
    main()
