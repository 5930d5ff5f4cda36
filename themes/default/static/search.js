/* jianxun 简讯 — site search.
 *
 * Reads the index that `jianxun build` writes to search/ (src/output/search.rs):
 *   index.json        manifest: shard count, block and chunk sizes, number of
 *                     bulletins, campaigns and regions (nothing per bulletin);
 *   terms/<k>.json    key → postings; a key is one character or two adjacent
 *                     characters (bigram) of folded text, or a filter
 *                     (@r<region>, @c<campaign>), and lives in shard
 *                     hash(key) % shards. Postings are bulletin ids, newest
 *                     first, gap-encoded in base 64; a long list is [count, f]
 *                     and lives in lists/<f>-<b>.txt, one file per block of
 *                     `block` ids, fetched newest block first as results
 *                     are shown;
 *   docs/<k>.json     [path, title, date, date_zh, text, region, [campaign…]]
 *                     for bulletins k*chunk … k*chunk+chunk-1, fetched only
 *                     for results shown;
 *   t2s.json          {t, s}: traditional characters and their simplified
 *                     forms, which folding maps (so 隱患 finds 隐患).
 * A bulletin matches when it holds every key of every query term and of the
 * filters chosen. Results are newest first. Results are built with
 * createElement/textContent only. No libraries. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var input = document.getElementById("search-q");
  var selCampaign = document.getElementById("search-campaign");
  var selRegion = document.getElementById("search-region");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var indexUrl = form.getAttribute("data-index");
  var base = form.getAttribute("data-base") || "/";
  var dir = indexUrl.replace(/[^\/]*$/, "");

  var PAGE = 10;
  var FORMAT = 3;
  var manifest = null;
  var simplified = {}; // traditional → simplified, from t2s.json
  var cache = {};
  var seq = 0; // bumps on every search; stale answers are dropped
  var state = { hits: [], shown: 0, terms: [], lists: [], next: 0, blocks: 0 };

  var WORD;
  try {
    WORD = new RegExp("[\\p{Alphabetic}\\p{N}]", "u");
  } catch (e) {
    WORD = /[0-9a-z\u00c0-\u024f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  }

  /* Folding, as in fold() of search.rs: full-width ASCII → ASCII, A–Z → a–z,
     traditional characters → simplified (t2s.json). It maps one UTF-16 unit
     to one, so positions in folded text are positions in the original. */
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      var ch = String.fromCharCode(c);
      out += simplified[ch] || ch;
    }
    return out;
  }

  /* Query terms: the runs of letters and digits of the folded query. */
  function termsOf(q) {
    var terms = [];
    var run = "";
    Array.from(fold(q)).forEach(function (ch) {
      if (WORD.test(ch)) {
        run += ch;
      } else if (run) {
        terms.push(run);
        run = "";
      }
    });
    if (run) terms.push(run);
    return terms.filter(function (t, i) {
      return terms.indexOf(t) === i;
    });
  }

  /* The keys of a term: itself when it is one character, else its bigrams. */
  function keysOf(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return [term];
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) keys.push(chars[i] + chars[i + 1]);
    return keys;
  }

  /* key_hash() of search.rs: FNV-1a over code points, MurmurHash3 finaliser. */
  function hash(key) {
    var h = 0x811c9dc5;
    Array.from(key).forEach(function (ch) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193);
    });
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var d = 0; d < 64; d++) DIGIT[ALPHABET.charAt(d)] = d;

  /* Postings → ids ascending; the first gap counts from `start`. */
  function decode(s, start) {
    var out = [];
    var v = 0;
    var mul = 1;
    var next = start;
    for (var i = 0; i < s.length; i++) {
      var digit = DIGIT[s.charAt(i)];
      v += (digit & 31) * mul;
      if (digit & 32) {
        mul *= 32;
        continue;
      }
      out.push(next + v);
      next += v + 1;
      v = 0;
      mul = 1;
    }
    return out;
  }

  function getJSON(path) {
    return get(path, true);
  }

  function get(path, json) {
    if (!cache[path]) {
      var url = dir + path + (manifest ? "?v=" + manifest.key : "");
      cache[path] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return json ? r.json() : r.text();
      });
      cache[path].catch(function () {
        delete cache[path];
      });
    }
    return cache[path];
  }

  /* The postings of every key: [{ids}] for a short list, [{count, file}]
     for a long one; null when a key is nowhere (then nothing matches). */
  function lookup(keys) {
    return Promise.all(
      keys.map(function (k) {
        return getJSON("terms/" + (hash(k) % manifest.shards) + ".json");
      })
    ).then(function (loaded) {
      var lists = [];
      for (var i = 0; i < keys.length; i++) {
        var e = loaded[i][keys[i]];
        if (e === undefined) return null;
        lists.push(typeof e === "string" ? { ids: decode(e, 0) } : { count: e[0], file: e[1] });
      }
      return lists;
    });
  }

  /* The ids in [lo, hi) of a sorted array. */
  function within(ids, lo, hi) {
    var out = [];
    for (var i = 0; i < ids.length && ids[i] < hi; i++) if (ids[i] >= lo) out.push(ids[i]);
    return out;
  }

  /* Ids in every one of `parts` (each sorted ascending). */
  function intersect(parts) {
    parts.sort(function (a, b) {
      return a.length - b.length;
    });
    var sets = parts.slice(1).map(function (p) {
      return new Set(p);
    });
    return parts[0].filter(function (id) {
      return sets.every(function (s) {
        return s.has(id);
      });
    });
  }

  /* Adds the matches of the next blocks to state.hits until `want` are
     found or every block is read. A block whose range a short list leaves
     empty is skipped without a fetch. */
  function advance(st, want, my) {
    if (st.hits.length >= want || st.next >= st.blocks) return Promise.resolve();
    var b = st.next++;
    var lo = b * manifest.block;
    var hi = lo + manifest.block;
    var parts = st.lists.map(function (l) {
      return l.ids ? within(l.ids, lo, hi) : null;
    });
    if (parts.some(function (p) {
      return p && !p.length;
    })) return advance(st, want, my);
    return Promise.all(
      st.lists.map(function (l, i) {
        if (parts[i]) return parts[i];
        return get("lists/" + l.file + "-" + b + ".txt", false).then(function (t) {
          return decode(t, lo);
        });
      })
    ).then(function (all) {
      if (my !== seq) return;
      st.hits = st.hits.concat(intersect(all));
      return advance(st, want, my);
    });
  }

  /* The filter keys of the campaign and region chosen. */
  function filterKeys() {
    var keys = [];
    manifest.campaigns.forEach(function (x, i) {
      if (x[0] === selCampaign.value) keys.push("@c" + i);
    });
    manifest.regions.forEach(function (x, i) {
      if (selRegion.value && x[1] === selRegion.value) keys.push("@r" + i);
    });
    return keys;
  }

  function say(text) {
    status.textContent = text;
  }

  function updateUrl(q) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    if (selCampaign.value) p.set("campaign", selCampaign.value);
    if (selRegion.value) p.set("region", selRegion.value);
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }

  function run() {
    // Until the index is loaded the filters are empty: leave the URL alone.
    if (!manifest) return;
    var my = ++seq;
    var q = input.value.trim();
    updateUrl(q);
    var terms = termsOf(q);
    var keys = [];
    terms.forEach(function (t) {
      keysOf(t).forEach(function (k) {
        if (keys.indexOf(k) < 0) keys.push(k);
      });
    });
    var filters = filterKeys();
    if (!terms.length && !filters.length) {
      list.textContent = "";
      more.hidden = true;
      state = { hits: [], shown: 0, terms: [], lists: [], next: 0, blocks: 0 };
      say(q ? "请输入汉字、字母或数字。" : "输入关键词搜索简讯，例如：安康杯、隐患、宜宾。");
      return;
    }
    say("正在搜索…");
    lookup(keys.concat(filters))
      .then(function (lists) {
        if (my !== seq) return;
        var st = { hits: [], shown: 0, terms: terms, lists: lists || [], next: 0, blocks: 0 };
        if (lists) st.blocks = Math.ceil(manifest.count / manifest.block);
        return advance(st, PAGE, my).then(function () {
          if (my !== seq) return;
          // The previous results stay until these are ready: no flicker while typing.
          list.textContent = "";
          more.hidden = true;
          state = st;
          if (!st.hits.length) {
            say(q ? "没有找到与“" + q + "”相关的简讯。" : "没有符合筛选条件的简讯。");
            return;
          }
          sayFound(q);
          return showMore(my);
        });
      })
      .catch(fail);
  }

  /* How many were found: exact once every block is read, or when one long
     list alone decides; else how many so far. */
  function sayFound(q) {
    var st = state;
    var about = q ? "（“" + q + "”）" : "";
    var n = st.hits.length;
    var exact = st.next >= st.blocks;
    if (!exact && st.lists.length === 1 && st.lists[0].count !== undefined) {
      n = st.lists[0].count;
      exact = true;
    }
    say(exact ? "找到 " + n + " 篇简讯" + about + "。" : "已找到 " + n + " 篇简讯" + about + "，更早的还有更多。");
  }

  function fail() {
    say("搜索索引载入失败，请刷新页面重试。");
  }

  /* Shows the next PAGE results, reading further blocks when needed. */
  function showMore(my) {
    var st = state;
    return advance(st, st.shown + PAGE, my).then(function () {
      if (my !== seq) return;
      var page = st.hits.slice(st.shown, st.shown + PAGE);
      st.shown += page.length;
      var chunks = [];
      page.forEach(function (id) {
        var c = Math.floor(id / manifest.chunk);
        if (chunks.indexOf(c) < 0) chunks.push(c);
      });
      return Promise.all(
        chunks.map(function (c) {
          return getJSON("docs/" + c + ".json");
        })
      ).then(function (loaded) {
        if (my !== seq) return;
        page.forEach(function (id) {
          var rows = loaded[chunks.indexOf(Math.floor(id / manifest.chunk))];
          var row = rows[id % manifest.chunk];
          if (row) list.appendChild(item(row, st.terms));
        });
        sayFound(input.value.trim());
        more.hidden = st.shown >= st.hits.length && st.next >= st.blocks;
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Appends `text` to `parent` with every occurrence of a term in <mark>. */
  function marked(parent, text, terms) {
    var folded = fold(text);
    var at = 0;
    while (at < text.length) {
      var best = -1;
      var len = 0;
      terms.forEach(function (t) {
        var i = folded.indexOf(t, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && t.length > len))) {
          best = i;
          len = t.length;
        }
      });
      if (best < 0) break;
      if (best > at) parent.appendChild(document.createTextNode(text.slice(at, best)));
      parent.appendChild(el("mark", "", text.slice(best, best + len)));
      at = best + len;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* About 120 characters of `text` around the first match. */
  function snippet(text, terms) {
    var folded = fold(text);
    var first = -1;
    terms.forEach(function (t) {
      var i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var start = first < 0 ? 0 : Math.max(0, first - 30);
    var end = Math.min(text.length, start + 120);
    // Never cut a character outside the Basic Multilingual Plane in half.
    if (/[\udc00-\udfff]/.test(text.charAt(start))) start++;
    if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function item(row, terms) {
    var li = el("li", "search-result");
    var h = el("h2", "search-result-heading");
    var a = el("a", "search-result-title");
    a.href = base + row[0];
    marked(a, row[1], terms);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-result-meta");
    var time = el("time", "", row[3]);
    time.setAttribute("datetime", row[2]);
    meta.appendChild(time);
    var names = row[6].map(function (c) {
      return manifest.campaigns[c][1];
    });
    if (names.length) {
      meta.appendChild(el("span", "sep", "·"));
      meta.appendChild(el("span", "search-result-campaign", names.join("、")));
    }
    var region = manifest.regions[row[5]];
    if (region) {
      meta.appendChild(el("span", "sep", "·"));
      meta.appendChild(el("span", "search-result-region", region[0].split("/").join(" · ")));
    }
    li.appendChild(meta);
    var p = el("p", "search-result-snippet");
    marked(p, snippet(row[4], terms), terms);
    li.appendChild(p);
    return li;
  }

  function fill(select, options, wanted) {
    while (select.options.length > 1) select.remove(1);
    options.forEach(function (o) {
      var opt = el("option", "", o[1]);
      opt.value = o[0];
      select.appendChild(opt);
    });
    select.value = wanted;
    if (select.value !== wanted) select.value = "";
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  selCampaign.addEventListener("change", run);
  selRegion.addEventListener("change", run);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () {
    if (more.disabled) return;
    more.disabled = true;
    showMore(seq)
      .catch(fail)
      .then(function () {
        more.disabled = false;
      });
  });

  // A filter in the URL may name a campaign or region the way a reader
  // writes it (region=四川, region=四川/宜宾, campaign=安康杯), not only by
  // slug. `list` holds [name, slug] pairs for regions, [slug, name] for
  // campaigns; a name that fits several places is left alone.
  function slugOf(list, wanted, regions) {
    if (!wanted) return "";
    var found = [];
    list.forEach(function (x) {
      var name = regions ? x[0] : x[1];
      var slug = regions ? x[1] : x[0];
      if (slug === wanted) found = [slug].concat(found);
      else if (name === wanted || (regions && name.split("/").pop() === wanted)) found.push(slug);
    });
    if (found.length && (found.length === 1 || found[0] === wanted)) return found[0];
    return wanted;
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  say("正在载入搜索索引…");
  Promise.all([getJSON("index.json"), getJSON("t2s.json")])
    .then(function (both) {
      var m = both[0];
      if (m.version !== FORMAT) throw new Error("index format " + m.version);
      var t = Array.from(both[1].t);
      var s = Array.from(both[1].s);
      t.forEach(function (ch, i) {
        simplified[ch] = s[i];
      });
      manifest = m;
      fill(selCampaign, m.campaigns.map(function (c) {
        return [c[0], c[1]];
      }), slugOf(m.campaigns, params.get("campaign") || "", false));
      fill(selRegion, m.regions.map(function (r) {
        var depth = r[0].split("/").length - 1;
        return [r[1], new Array(depth + 1).join("\u3000") + r[0].split("/").pop()];
      }), slugOf(m.regions, params.get("region") || "", true));
      run();
    })
    .catch(fail);
})();
