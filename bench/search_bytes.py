#!/usr/bin/env python3
"""What one search downloads: replays search.js's fetches on a built site.

Usage:
    python3 bench/search_bytes.py SITE_DIR QUERY [--region SLUG] [--campaign SLUG] [--pages 1]

Reads SITE_DIR/search/ (index format 3, see src/output/search.rs) and does
what the page does for QUERY: the manifest and t2s.json, the shard of every
key (the query's characters and bigrams, and the filters chosen), the
newest blocks of long postings lists until the first screen of results (10
per page, --pages of them) is found, and the chunks of documents those
results are in. Prints every file with its size, and the total in bytes
as sent without compression and gzipped. Standard library only.
"""

import argparse
import gzip
import json
import os
import sys

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DIGIT = {c: i for i, c in enumerate(ALPHABET)}
PAGE = 10


def key_hash(key):
    h = 0x811C9DC5
    for ch in key:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def decode(s, start):
    out, v, mul, nxt = [], 0, 1, start
    for c in s:
        d = DIGIT[c]
        v += (d & 31) * mul
        if d & 32:
            mul *= 32
            continue
        out.append(nxt + v)
        nxt += v + 1
        v, mul = 0, 1
    return out


def keys_of(q, simplified):
    q = "".join(simplified.get(c, c) for c in q.lower())
    terms, run = [], ""
    for ch in q:
        if ch.isalnum():
            run += ch
        elif run:
            terms.append(run)
            run = ""
    if run:
        terms.append(run)
    keys = []
    for t in terms:
        ks = [t] if len(t) == 1 else [t[i : i + 2] for i in range(len(t) - 1)]
        keys += [k for k in ks if k not in keys]
    return keys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site")
    ap.add_argument("query")
    ap.add_argument("--region", default="")
    ap.add_argument("--campaign", default="")
    ap.add_argument("--pages", type=int, default=1)
    a = ap.parse_args()
    fetched = {}

    def get(rel):
        if rel not in fetched:
            with open(os.path.join(a.site, "search", rel), "rb") as f:
                fetched[rel] = f.read()
        return fetched[rel]

    m = json.loads(get("index.json"))
    if m.get("version") != 3:
        sys.exit(f"index format {m.get('version')}, this script reads format 3")
    t2s = json.loads(get("t2s.json"))
    simplified = dict(zip(t2s["t"], t2s["s"]))
    keys = keys_of(a.query, simplified)
    keys += ["@c%d" % i for i, c in enumerate(m["campaigns"]) if c[0] == a.campaign]
    keys += ["@r%d" % i for i, r in enumerate(m["regions"]) if a.region and r[1] == a.region]
    lists = []
    for k in keys:
        e = json.loads(get("terms/%d.json" % (key_hash(k) % m["shards"]))).get(k)
        if e is None:
            lists = None
            break
        lists.append(decode(e, 0) if isinstance(e, str) else Long(e[0], e[1]))
    hits, want = [], PAGE * a.pages
    blocks = -(-m["count"] // m["block"]) if lists else 0
    for b in range(blocks):
        if len(hits) >= want:
            break
        lo, hi = b * m["block"], (b + 1) * m["block"]
        # A block that a short list leaves empty is skipped without a fetch.
        parts = [None if isinstance(l, Long) else [i for i in l if lo <= i < hi] for l in lists]
        if any(p is not None and not p for p in parts):
            continue
        for i, l in enumerate(lists):
            if parts[i] is None:
                parts[i] = decode(get("lists/%d-%d.txt" % (l.f, b)).decode(), lo)
        hits += sorted(set(parts[0]).intersection(*map(set, parts[1:])))
    chunks = sorted({h // m["chunk"] for h in hits[:want]})
    for c in chunks:
        get("docs/%d.json" % c)
    total = sum(len(v) for v in fetched.values())
    gz = sum(len(gzip.compress(v)) for v in fetched.values())
    for rel, v in fetched.items():
        print(f"{len(v):>9,} B  search/{rel}")
    print(f"query {a.query!r}: {len(fetched)} files, {total:,} B ({total / 1024:.0f} KB), gzipped {gz:,} B; "
          f"{len(hits)} hits found so far, manifest {len(fetched['index.json']):,} B, {m['count']:,} bulletins")


class Long:
    """A long postings list: its count and its block files' number."""

    def __init__(self, count, f):
        self.count, self.f = count, f


if __name__ == "__main__":
    main()
