"""A generated jianxun corpus as an equivalent Hugo site (for bench/compare.py).

convert(corpus, dest) writes, once per corpus (a finished site is reused):

- hugo.toml: the same title and base URL, 10 bulletins per page, the
  taxonomies campaign / region / tag;
- content/bulletins/<same path>.md: the same Markdown body; the front matter
  keeps title, date and tags, maps `campaign` (one slug or a list) to
  `campaigns`, `region: 省/市` to `regions: [省, 省/市]` (so a province's
  page lists its cities' bulletins, as jianxun's region pages do), and keeps
  `metrics` as a parameter the bulletin page shows as a table;
- content/campaigns/<slug>/_index.md: a campaign's name and intro on its
  term page;
- layouts/ (bench/hugo-theme/layouts): a minimal theme — home (newest bulletins),
  single (meta, metrics table, body, previous/next), list, taxonomy and term
  pages, paginated.

See bench/hugo-theme/README.md for what is equivalent and what is not.
"""

import os
import re
import shutil

VERSION = "1"  # bump when the conversion or the layouts change
HERE = os.path.dirname(os.path.abspath(__file__))


def _front(text):
    m = re.match(r"---\n(.*?)\n---\n?(.*)", text, re.S)
    return (m.group(1), m.group(2)) if m else ("", text)


def _q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bulletin(text):
    front, body = _front(text)
    out, metrics = [], []
    in_metrics = False
    for line in front.split("\n"):
        if in_metrics and line.startswith("  "):
            k, _, v = line.strip().partition(":")
            metrics.append(f"  {k.strip()}: {_q(v.strip())}")
            continue
        in_metrics = False
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "campaign":
            slugs = [x.strip() for x in value.strip("[]").split(",")]
            out.append("campaigns: [" + ", ".join(_q(x) for x in slugs) + "]")
        elif key == "region":
            parts = value.split("/")
            out.append("regions: [" + ", ".join(_q("/".join(parts[: i + 1])) for i in range(len(parts))) + "]")
        elif key == "metrics":
            in_metrics = True
        elif key in ("title", "date"):
            out.append(f"{key}: {_q(value) if key == 'title' else value}")
        elif key == "tags":
            out.append(line)
    if metrics:
        out.append("params:\n  metrics:")
        out.extend("  " + m for m in metrics)
    return "---\n" + "\n".join(out) + "\n---\n" + body


def _campaign(text):
    front, body = _front(text)
    name = re.search(r"^name:\s*(.+)$", front, re.M)
    return f"---\ntitle: {_q(name.group(1).strip() if name else '')}\n---\n{body}"


def _config(corpus):
    text = open(os.path.join(corpus, "jianxun.yaml"), encoding="utf-8").read()
    title = re.search(r"^title:\s*(.+)$", text, re.M).group(1).strip()
    base = re.search(r"^base_url:\s*(.+)$", text, re.M).group(1).strip()
    return (f'baseURL = {_q(base)}\nlocale = "zh-CN"\ntitle = {_q(title)}\n'
            'hasCJKLanguage = true\ndisableKinds = []\n'
            '[pagination]\n  pagerSize = 10\n'
            '[taxonomies]\n  campaign = "campaigns"\n  region = "regions"\n  tag = "tags"\n'
            '[outputs]\n  home = ["html", "rss"]\n  section = ["html"]\n  taxonomy = ["html"]\n  term = ["html"]\n'
            '[markup.goldmark.renderer]\n  unsafe = false\n')


def convert(corpus, dest):
    done = os.path.join(dest, ".converted-" + VERSION)
    if os.path.exists(done):
        return dest
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    with open(os.path.join(dest, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write(_config(corpus))
    shutil.copytree(os.path.join(HERE, "hugo-theme", "layouts"), os.path.join(dest, "layouts"))
    src = os.path.join(corpus, "content")
    for root, _, files in os.walk(os.path.join(src, "bulletins")):
        for name in files:
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            target = os.path.join(dest, "content", rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = _bulletin(f.read())
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
    for name in os.listdir(os.path.join(src, "campaigns")):
        slug = name[:-3]
        target = os.path.join(dest, "content", "campaigns", slug, "_index.md")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(os.path.join(src, "campaigns", name), encoding="utf-8") as f:
            text = _campaign(f.read())
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
    open(done, "w").close()
    return dest
