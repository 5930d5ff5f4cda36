/* jianxun 简讯 — site search.
 *
 * Reads the index that `jianxun build` writes to search/ (src/output/search.rs):
 *   index.json      manifest: shards, chunk size, campaigns, regions, and per
 *                   bulletin [region, campaign…] for the filters;
 *   terms/<k>.json  key → postings; a key is one character or two adjacent
 *                   characters (bigram) of folded text, and lives in shard
 *                   hash(key) % shards;
 *   docs/<k>.json   [path, title, date, date_zh, text] for bulletins
 *                   k*chunk … k*chunk+chunk-1, fetched only for results shown;
 *   t2s.json        {t, s}: traditional characters and their simplified
 *                   forms, which folding maps (so 隱患 finds 隐患).
 * A bulletin matches when every key of every query term is in its postings.
 * Results are built with createElement/textContent only. No libraries. */
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
  var FORMAT = 2;
  var manifest = null;
  var simplified = {}; // traditional → simplified, from t2s.json
  var cache = {};
  var seq = 0; // bumps on every search; stale answers are dropped
  var state = { hits: [], shown: 0, terms: [] };

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

  /* Postings → {id: flags}; flags = in_title << 2 | min(tf, 4) - 1. */
  function decode(s) {
    var out = new Map();
    var v = 0;
    var mul = 1;
    var next = 0;
    for (var i = 0; i < s.length; i++) {
      var digit = DIGIT[s.charAt(i)];
      v += (digit & 31) * mul;
      if (digit & 32) {
        mul *= 32;
        continue;
      }
      var id = next + Math.floor(v / 8);
      out.set(id, v % 8);
      next = id + 1;
      v = 0;
      mul = 1;
    }
    return out;
  }

  function getJSON(path) {
    if (!cache[path]) {
      var url = dir + path + (manifest ? "?v=" + manifest.key : "");
      cache[path] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
      cache[path].catch(function () {
        delete cache[path];
      });
    }
    return cache[path];
  }

  /* Bulletins matching every term: [{id, title, score}], best first. */
  function match(terms) {
    var keys = [];
    terms.forEach(function (t) {
      keysOf(t).forEach(function (k) {
        if (keys.indexOf(k) < 0) keys.push(k);
      });
    });
    var shards = keys.map(function (k) {
      return hash(k) % manifest.shards;
    });
    return Promise.all(
      shards.map(function (s) {
        return getJSON("terms/" + s + ".json");
      })
    ).then(function (loaded) {
      var postings = {};
      keys.forEach(function (k, i) {
        postings[k] = loaded[i][k] ? decode(loaded[i][k]) : new Map();
      });
      var acc = null; // id → {title: terms found in the title, score}
      terms.forEach(function (t) {
        var lists = keysOf(t).map(function (k) {
          return postings[k];
        });
        lists.sort(function (a, b) {
          return a.size - b.size;
        });
        var found = new Map();
        lists[0].forEach(function (flags, id) {
          var tf = 4;
          var title = true;
          for (var i = 0; i < lists.length; i++) {
            var f = lists[i].get(id);
            if (f === undefined) return;
            tf = Math.min(tf, (f & 3) + 1);
            title = title && (f & 4) !== 0;
          }
          if (acc && !acc.has(id)) return;
          var prev = acc ? acc.get(id) : { title: 0, score: 0 };
          found.set(id, { title: prev.title + (title ? 1 : 0), score: prev.score + tf });
        });
        acc = found;
      });
      var hits = [];
      acc.forEach(function (v, id) {
        hits.push({ id: id, title: v.title, score: v.score });
      });
      hits.sort(function (a, b) {
        return b.title - a.title || b.score - a.score || a.id - b.id;
      });
      return hits;
    });
  }

  function filterOf() {
    var c = selCampaign.value;
    var r = selRegion.value;
    var campaign = -1;
    manifest.campaigns.forEach(function (x, i) {
      if (x[0] === c) campaign = i;
    });
    return { campaign: campaign, region: r };
  }

  function passes(id, f) {
    var doc = manifest.docs[id];
    if (f.campaign >= 0 && doc.indexOf(f.campaign, 1) < 0) return false;
    if (f.region) {
      var slug = manifest.regions[doc[0]][1];
      if (slug !== f.region && slug.indexOf(f.region + "/") !== 0) return false;
    }
    return true;
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
    var f = filterOf();
    var filtered = f.campaign >= 0 || f.region;
    if (!terms.length && !filtered) {
      list.textContent = "";
      more.hidden = true;
      state = { hits: [], shown: 0, terms: [] };
      say(q ? "请输入汉字、字母或数字。" : "输入关键词搜索简讯，例如：安康杯、隐患、宜宾。");
      return;
    }
    var found;
    if (terms.length) {
      say("正在搜索…");
      found = match(terms);
    } else {
      var all = [];
      for (var i = 0; i < manifest.count; i++) all.push({ id: i, title: 0, score: 0 });
      found = Promise.resolve(all);
    }
    found
      .then(function (hits) {
        if (my !== seq) return;
        hits = hits.filter(function (h) {
          return passes(h.id, f);
        });
        // The previous results stay until these are ready: no flicker while typing.
        list.textContent = "";
        more.hidden = true;
        state = { hits: hits, shown: 0, terms: terms };
        if (!hits.length) {
          say(q ? "没有找到与“" + q + "”相关的简讯。" : "没有符合筛选条件的简讯。");
          return;
        }
        say("找到 " + hits.length + " 篇简讯" + (q ? "（“" + q + "”）" : "") + "。");
        return showMore(my);
      })
      .catch(fail);
  }

  function fail() {
    say("搜索索引载入失败，请刷新页面重试。");
  }

  /* Shows the next PAGE results. */
  function showMore(my) {
    var page = state.hits.slice(state.shown, state.shown + PAGE);
    state.shown += page.length;
    var chunks = [];
    page.forEach(function (h) {
      var c = Math.floor(h.id / manifest.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    return Promise.all(
      chunks.map(function (c) {
        return getJSON("docs/" + c + ".json");
      })
    ).then(function (loaded) {
      if (my !== seq) return;
      page.forEach(function (h) {
        var rows = loaded[chunks.indexOf(Math.floor(h.id / manifest.chunk))];
        var row = rows[h.id % manifest.chunk];
        if (row) list.appendChild(item(h.id, row, state.terms));
      });
      more.hidden = state.shown >= state.hits.length;
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

  function item(id, row, terms) {
    var doc = manifest.docs[id];
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
    var names = doc.slice(1).map(function (c) {
      return manifest.campaigns[c][1];
    });
    if (names.length) {
      meta.appendChild(el("span", "sep", "·"));
      meta.appendChild(el("span", "search-result-campaign", names.join("、")));
    }
    var region = manifest.regions[doc[0]];
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
