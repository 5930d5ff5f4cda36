#!/usr/bin/env python3
"""The preview is the build, tried from outside.

Usage: preview_matches_build.py JIANXUN_BINARY SITE_ROOT

Starts `jianxun serve` on a copy of the site's content and config, applies
each kind of change an editor makes (body, title, date, metrics, region,
tags, slug, a series bulletin's issue, issuer, distribution and printed
date, a bulletin joining a series, a new, deleted and renamed bulletin, a campaign file, the
config, a template, a static file added, changed and deleted), waits for
the reload event, then fetches every path of a fresh
`jianxun build --base-url <preview URL>` from the preview and compares the
bytes (the injected reload script aside); paths the build no longer has
must answer 404. Exits 1 on any difference. Standard library only."""
import os, re, shutil, socket, subprocess, sys, time, urllib.request, tempfile
from pathlib import Path
B = sys.argv[1]; REPO = Path(sys.argv[2])
work = Path(tempfile.mkdtemp(prefix="jianxun-pvb-")); site = work / "site-src"
shutil.copytree(REPO / "content", site / "content"); shutil.copy(REPO / "jianxun.yaml", site / "jianxun.yaml")
p = subprocess.Popen([B, "serve", "--port", "0", "--root", str(site)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = p.stdout.readline(); url = re.search(r"http://[^ ]+/", line).group(0); addr = url[7:-1]
s = socket.create_connection(addr.split(":")); s.sendall(f"GET /__jianxun/events HTTP/1.1\r\nHost: {addr}\r\n\r\n".encode()); s.settimeout(60)
buf = b""
def event():
    global buf
    while True:
        i = buf.find(b"\n\n")
        if i >= 0:
            f, buf = buf[:i], buf[i+2:]
            for l in f.split(b"\n"):
                if l.startswith(b"event: "): return l[7:].decode()
            continue
        buf += s.recv(65536)
event()
def get(path):
    try:
        r = urllib.request.urlopen(url + path.lstrip("/")); return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
def strip(b): return re.sub(rb'<script src="/__jianxun/[^"]*"[^>]*></script>', b"", b)
prev = set()
def compare(what):
    global prev
    out = work / "out"; shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run([B, "build", "--root", str(site), "--output", str(out), "--base-url", url], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    files = {str(f.relative_to(out)) for f in out.rglob("*") if f.is_file() and f.name != ".jianxun-manifest"}
    bad = []
    for f in sorted(files):
        st, body = get("/" + f)
        if st != 200 or strip(body) != strip((out / f).read_bytes()): bad.append(f)
    gone = [f for f in prev - files if get("/" + f)[0] != 404]
    prev = files
    print(f"{what:34s} {len(files):4d} files: {len(bad)} differ, {len(gone)} removed paths not 404", bad[:3], gone[:3])
    return not bad and not gone
def save(rel, text): (site / rel).parent.mkdir(parents=True, exist_ok=True); (site / rel).write_text(text, encoding="utf-8")
ok = compare("start")
bs = sorted((site / "content/bulletins").rglob("*.md")); b0 = bs[0]; t0 = b0.read_text(encoding="utf-8")
# A bulletin of a series, and how its series fields are edited in place.
sb = next((b for b in bs if b != b0 and re.search(r"^issue: ", b.read_text(encoding="utf-8"), flags=re.M)), None)
def fm(b, key, value):
    t = b.read_text(encoding="utf-8")
    if re.search(rf"^{key}: ", t, flags=re.M): t = re.sub(rf"^{key}: .*$", f"{key}: {value}", t, count=1, flags=re.M)
    else: t = re.sub(r"^title: ", f"{key}: {value}\ntitle: ", t, count=1, flags=re.M)
    b.write_text(t, encoding="utf-8")
series_steps = [] if sb is None else [
 ("issue", lambda: fm(sb, "issue", "第9期")),
 ("issuer", lambda: fm(sb, "issuer", "另一个编印单位")),
 ("distribution", lambda: fm(sb, "distribution", "{ 报: 上级单位, 发: [各基层工会] }")),
 ("printed", lambda: fm(sb, "printed", "2026年1月5日")),
 ("series of another bulletin", lambda: fm(b0, "series", sb.read_text(encoding="utf-8").split("series: ", 1)[1].split("\n", 1)[0])),
]
steps = [
 ("body", lambda: b0.write_text(t0 + "\n正文又加了一句。\n", encoding="utf-8")),
 ("title", lambda: b0.write_text(re.sub(r"^title: .*$", "title: 改过的标题", b0.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")),
 ("date", lambda: b0.write_text(re.sub(r"^date: .*$", "date: 2025-06-01", b0.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")),
 ("metrics", lambda: b0.write_text(re.sub(r"^metrics:\n", "metrics:\n  参与企业: 999\n", re.sub(r"^  参与企业: .*\n", "", b0.read_text(encoding="utf-8"), flags=re.M), count=1, flags=re.M), encoding="utf-8")),
 ("region", lambda: b0.write_text(re.sub(r"^region: .*$", "region: 山东/荣成", b0.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")),
 ("tags", lambda: b0.write_text(re.sub(r"^tags: .*$", "tags: [新标签, 园区]", b0.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")),
 ("slug", lambda: b0.write_text(re.sub(r"^title: ", "slug: renamed-slug\ntitle: ", b0.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")),
 *series_steps,
 ("new bulletin", lambda: save("content/bulletins/2025/new-one.md", "---\ntitle: 新的一篇\ndate: 2025-07-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n新正文。\n")),
 ("deleted bulletin", lambda: (site / "content/bulletins/2025/new-one.md").unlink()),
 ("renamed bulletin", lambda: bs[1].rename(bs[1].with_name("renamed-file.md"))),
 ("campaign file", lambda: save("content/campaigns/ankang-cup.md", (site / "content/campaigns/ankang-cup.md").read_text(encoding="utf-8") + "\n活动简介又加了一句。\n")),
 ("config", lambda: save("jianxun.yaml", (site / "jianxun.yaml").read_text(encoding="utf-8").replace("title: ", "title: 新", 1))),
 ("template", lambda: save("templates/404.html", "<!DOCTYPE html><html lang=\"zh-CN\"><title>404</title><p>没有这一页。</p></html>\n")),
 ("static added", lambda: save("static/robots.txt", "User-agent: *\nDisallow: /\n")),
 ("static changed", lambda: save("static/robots.txt", "User-agent: *\nAllow: /\n")),
 ("static deleted", lambda: (site / "static/robots.txt").unlink()),
]
try:
    for what, f in steps:
        time.sleep(0.3); f(); e = event()
        ok &= compare(f"{what} ({e})")
finally:
    p.kill(); p.wait(); shutil.rmtree(work, ignore_errors=True)
print("ALL SAME" if ok else "DIFFERENCES"); sys.exit(0 if ok else 1)
