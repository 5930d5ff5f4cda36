#!/usr/bin/env python3
"""Build benchmark for jianxun.

Usage:
    python3 bench/build.py [N ...] [--runs 5] [--warmup 1] [--incremental-noop]

For every N (default: 1000 10000 100000) a deterministic corpus is generated with
bench/gen_corpus.py (cached in a temp dir, keyed by N and a hash of the
generator), then `target/release/jianxun build --root CORPUS --output OUT`
is run: warm-up run(s) followed by measured runs, each one a clean build
(the output dir is deleted before every run, outside the timed region).
Wall time and peak RSS (ru_maxrss from os.wait4) are recorded per run and the
median / min / max are printed, with the output's size and files and its
largest HTML page (the budget is about 500 KB at any size).

With --incremental-noop a second series is measured: builds over an existing,
up-to-date output directory where nothing changed.

With --wide the corpus is gen_corpus.py's wide archive (300 campaigns,
2,976 counties, 1,500 tags), cached apart, to check that no page grows
with how many campaigns, regions or tags there are.

With --interleave the clean builds of the sizes take turns (one run of each N,
then the next round), so that a machine that slows down for a while slows
every size alike, and the time ratio between each size and the next is
printed with its per-round values.

Before every run the corpus is read once, untimed, so that every run finds it
in the page cache (a system that reclaims idle memory may have dropped it
since the last run); --cold turns that off.

Only the Python standard library is used.
"""

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
GEN_SCRIPT = os.path.join(BENCH_DIR, "gen_corpus.py")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def generator_key():
    with open(GEN_SCRIPT, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def binary_path():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO_ROOT, "target")
    if not os.path.isabs(target):
        target = os.path.join(REPO_ROOT, target)
    return os.path.join(target, "release", "jianxun")


def cargo_build():
    log("$ cargo build --release")
    r = subprocess.run(["cargo", "build", "--release"], cwd=REPO_ROOT)
    if r.returncode != 0:
        log(f"error: cargo build --release failed (exit {r.returncode})")
        sys.exit(r.returncode or 1)


def ensure_corpus(workdir, n, regen, wide=False):
    """Return the path of the corpus for n, generating it if needed."""
    final = os.path.join(workdir, f"corpus-{generator_key()}-n{n}{'-wide' if wide else ''}")
    if os.path.isdir(final) and not regen:
        log(f"corpus N={n}: reusing {final}")
        return final
    if os.path.isdir(final):
        shutil.rmtree(final)
    partial = f"{final}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, GEN_SCRIPT, str(n), partial, "--quiet"]
                       + (["--wide"] if wide else []))
    if r.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        log(f"error: gen_corpus.py failed for N={n}")
        sys.exit(1)
    os.rename(partial, final)  # atomic: a corpus dir exists only when complete
    log(f"corpus N={n}: generated in {time.perf_counter() - t0:.2f}s at {final}")
    return final


def maxrss_kib(ru):
    # Linux reports KiB, macOS reports bytes.
    return ru.ru_maxrss / 1024 if sys.platform == "darwin" else ru.ru_maxrss


def run_once(binary, root, out, logdir):
    """Run one build; return (wall_s, peak_rss_kib, cpu_s, exit_code, stderr_path, stdout_path)."""
    argv = [binary, "build", "--root", root, "--output", out]
    err_path = os.path.join(logdir, "stderr.txt")
    out_path = os.path.join(logdir, "stdout.txt")
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    t0 = time.perf_counter()
    pid = os.posix_spawn(binary, argv, os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    cpu = ru.ru_utime + ru.ru_stime
    return wall, maxrss_kib(ru), cpu, os.waitstatus_to_exitcode(status), err_path, out_path


def fail(argv_desc, code, err_path, out_path):
    log(f"error: {argv_desc} failed (exit code {code})")
    for label, p in (("stdout", out_path), ("stderr", err_path)):
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            text = ""
        if text.strip():
            if len(text) > 20000:
                text = "...\n" + text[-20000:]
            log(f"--- {label} ---\n{text.rstrip()}")
    sys.exit(1)


def snapshot(out):
    """Map relative path -> (size, mtime_ns) of every file under out."""
    snap = {}
    for root, _, files in os.walk(out):
        for f in files:
            p = os.path.join(root, f)
            st = os.stat(p)
            snap[os.path.relpath(p, out)] = (st.st_size, st.st_mtime_ns)
    return snap


def warm(root):
    """Read every file of the corpus once (untimed), so the run finds it cached."""
    for top, _, files in os.walk(root):
        for f in files:
            with open(os.path.join(top, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def idle_fraction(window):
    """The share of CPU time the machine spent idle over `window` seconds (Linux)."""
    def sample():
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    i0, t0 = sample()
    time.sleep(window)
    i1, t1 = sample()
    return (i1 - i0) / max(t1 - t0, 1)


def settle(timeout=10.0):
    """Waits (untimed) until the machine is idle again.

    Deleting an output folder of hundreds of thousands of files leaves the
    kernel freeing them for a second or more after `rm` returns; a build
    started at once ran about 10% slower (10,000 bulletins, 2.0–2.4 s
    against 1.85–2.0 s after a pause).
    """
    if not os.path.exists("/proc/stat"):
        time.sleep(1.0)
        return
    end = time.monotonic() + timeout
    while time.monotonic() < end and idle_fraction(0.25) < 0.9:
        pass


def measure(binary, root, out, logdir, clean, sync, cache):
    """One run, prepared as every series prepares it: (wall_s, peak_kib, cpu_s)."""
    if clean and os.path.exists(out):
        shutil.rmtree(out)
    if cache:
        warm(root)
    if sync:
        # Flush dirty pages left by the previous run (and the delete) so
        # that writeback does not spill into the timed run.
        os.sync()
    settle()
    wall, kib, cpu, code, err, sout = run_once(binary, root, out, logdir)
    if code != 0:
        fail(f"jianxun build --root {root} --output {out}", code, err, sout)
    return wall, kib, cpu


def series(binary, root, out, logdir, warmup, runs, clean, label, sync, cache):
    walls, rss, cpus = [], [], []
    for i in range(warmup + runs):
        wall, kib, cpu = measure(binary, root, out, logdir, clean, sync, cache)
        kind = "warm-up" if i < warmup else f"run {i - warmup + 1}/{runs}"
        log(f"  {label} {kind}: {wall:.3f}s wall, {cpu:.3f}s CPU, peak RSS {kib / 1024:.1f} MB")
        if i >= warmup:
            walls.append(wall)
            rss.append(kib)
            cpus.append(cpu)
    return walls, rss, cpus


def interleaved(binary, sizes, warmup, runs, sync, cache):
    """Clean builds of every size in turn, round after round.

    sizes: [(n, root, out, logdir)]; gives {n: (walls, rss, cpus)}.
    """
    got = {n: ([], [], []) for n, *_ in sizes}
    for i in range(warmup + runs):
        kind = "warm-up" if i < warmup else f"round {i - warmup + 1}/{runs}"
        for n, root, out, logdir in sizes:
            wall, kib, cpu = measure(binary, root, out, logdir, True, sync, cache)
            log(f"  N={n} {kind}: {wall:.3f}s wall, {cpu:.3f}s CPU, peak RSS {kib / 1024:.1f} MB")
            if i >= warmup:
                for series_, x in zip(got[n], (wall, kib, cpu)):
                    series_.append(x)
    return got


def print_ratios(rows):
    """The time ratio of each size to the one before, from interleaved rounds."""
    clean = [r for r in rows if r["mode"] == "clean"]
    for a, b in zip(clean, clean[1:]):
        per = [y / x for x, y in zip(a["walls_s"], b["walls_s"])]
        print(f"{a['n']} -> {b['n']} bulletins ({b['n'] / a['n']:.3g}x): time "
              f"{b['wall_median_s'] / a['wall_median_s']:.2f}x (medians; per round "
              f"{', '.join(f'{x:.2f}' for x in per)}), CPU "
              f"{b['cpu_median_s'] / a['cpu_median_s']:.2f}x, peak RSS "
              f"{b['rss_median_mb'] / a['rss_median_mb']:.2f}x")


def summarize(n, mode, walls, rss, cpus, snap, rewritten=None):
    return {
        "n": n,
        "mode": mode,
        "runs": len(walls),
        "wall_median_s": statistics.median(walls),
        "wall_min_s": min(walls),
        "wall_max_s": max(walls),
        "cpu_median_s": statistics.median(cpus),
        "rss_median_mb": statistics.median(rss) / 1024,
        "files": len(snap),
        "bytes": sum(size for size, _ in snap.values()),
        "html": sum(1 for p in snap if p.endswith(".html")),
        # The largest page (budget: about 500 KB, however large the site).
        "largest_html": max(((size, p) for p, (size, _) in snap.items() if p.endswith(".html")),
                            default=(0, "")),
        "rewritten": rewritten,
        "walls_s": walls,
        "cpu_s": cpus,
        "rss_kib": rss,
    }


def print_table(rows):
    head = ["N", "mode", "median s", "min s", "max s", "median CPU s", "median RSS MB", "out MB", "pages", "html",
            "largest KB", "rewritten"]
    body = []
    for r in rows:
        body.append([
            str(r["n"]), r["mode"],
            f"{r['wall_median_s']:.3f}", f"{r['wall_min_s']:.3f}", f"{r['wall_max_s']:.3f}",
            f"{r['cpu_median_s']:.3f}", f"{r['rss_median_mb']:.1f}", f"{r['bytes'] / 1e6:.1f}",
            str(r["files"]), str(r["html"]), f"{r['largest_html'][0] / 1024:.0f}",
            "-" if r["rewritten"] is None else str(r["rewritten"]),
        ])
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    fmt = lambda cells: "  ".join(c.rjust(w) if i != 1 else c.ljust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths)))
    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for b in body:
        print(fmt(b))
    for r in rows:
        size, path = r["largest_html"]
        if r["mode"] == "clean" and path:
            print(f"largest page at {r['n']} bulletins: {path} ({size / 1024:.0f} KB)")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Benchmark `jianxun build` on generated corpora.")
    ap.add_argument("ns", metavar="N", type=int, nargs="*", default=[1000, 10000, 100000],
                    help="corpus sizes (number of bulletins); default: 1000 10000 100000")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per N (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up runs per N (default 1)")
    ap.add_argument("--incremental-noop", action="store_true",
                    help="also measure rebuilds over an existing, unchanged output")
    ap.add_argument("--workdir", default=None,
                    help="where corpora and outputs live (default: $TMPDIR/jianxun-bench)")
    ap.add_argument("--regen", action="store_true", help="regenerate corpora even if cached")
    ap.add_argument("--no-cargo", action="store_true",
                    help="skip `cargo build --release` and use the existing binary")
    ap.add_argument("--no-sync", action="store_true",
                    help="do not call sync() before each run (untimed) to flush pending writes")
    ap.add_argument("--interleave", action="store_true",
                    help="clean builds of the sizes take turns, and the time ratio of each "
                         "size to the one before is printed")
    ap.add_argument("--wide", action="store_true",
                    help="build the wide corpus (gen_corpus.py --wide: 300 campaigns, "
                         "2,976 counties, 1,500 tags) to check page sizes at breadth")
    ap.add_argument("--cold", action="store_true",
                    help="do not read the corpus before each run (untimed) to have it cached")
    ap.add_argument("--json", metavar="FILE", help="also write results as JSON to FILE")
    a = ap.parse_args(argv)
    if a.runs < 1 or a.warmup < 0:
        ap.error("--runs must be >= 1 and --warmup >= 0")

    workdir = a.workdir or os.path.join(tempfile.gettempdir(), "jianxun-bench")
    os.makedirs(workdir, exist_ok=True)

    if not a.no_cargo:
        cargo_build()
    binary = binary_path()
    if not os.access(binary, os.X_OK):
        log(f"error: binary not found: {binary}")
        return 1

    sizes = []
    for n in a.ns:
        root = ensure_corpus(workdir, n, a.regen, a.wide)
        out = os.path.join(workdir, f"out-n{n}")
        logdir = os.path.join(workdir, f"log-n{n}")
        os.makedirs(logdir, exist_ok=True)
        sizes.append((n, root, out, logdir))
    sync, cache = not a.no_sync, not a.cold

    rows = []
    if a.interleave:
        log(f"clean builds, sizes in turn ({a.warmup} warm-up + {a.runs} measured rounds)")
        got = interleaved(binary, sizes, a.warmup, a.runs, sync, cache)
    for n, root, out, logdir in sizes:
        if a.interleave:
            walls, rss, cpus = got[n]
        else:
            log(f"N={n}: clean builds ({a.warmup} warm-up + {a.runs} measured)")
            walls, rss, cpus = series(binary, root, out, logdir, a.warmup, a.runs, True, "clean",
                                      sync, cache)
        snap = snapshot(out)
        rows.append(summarize(n, "clean", walls, rss, cpus, snap))

        if a.incremental_noop:
            log(f"N={n}: no-op rebuilds over existing output")
            before = snapshot(out)
            walls, rss, cpus = series(binary, root, out, logdir, a.warmup, a.runs, False, "noop",
                                      sync, cache)
            after = snapshot(out)
            # Files touched (or added/removed) by the last no-op run series.
            changed = sum(1 for p in set(before) | set(after) if before.get(p) != after.get(p))
            rows.append(summarize(n, "noop", walls, rss, cpus, after, changed))

    print()
    print(f"jianxun build benchmark: {a.runs} measured run(s) after {a.warmup} warm-up, "
          f"medians; {os.cpu_count()} CPUs")
    print_table(rows)
    if a.interleave:
        print()
        print_ratios(rows)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"runs": a.runs, "warmup": a.warmup, "cpus": os.cpu_count(),
                       "results": rows}, f, ensure_ascii=False, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
