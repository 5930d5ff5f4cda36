//! Search: the index under `search/` covers every published bulletin once,
//! its keys point at the right bulletins (checked against the example
//! bulletins' files, read line by line here), it stays small, and the search
//! page carries what `search.js` and a browser test drive.

use std::collections::{BTreeMap, BTreeSet};

use jianxun::output::Output;
use jianxun::output::search::key_hash;
use jianxun::{BuildOptions, build};
use serde_json::Value;

use crate::support::{Fixture, repo};

/// One example bulletin, read from its file without jianxun's parser.
pub struct Fm {
    pub slug: String,
    pub title: String,
    /// Campaign slugs.
    pub campaigns: Vec<String>,
    pub region: String,
    pub tags: String,
    pub body: String,
    pub draft: bool,
}

/// The example site's bulletins (drafts included).
/// A bulletin's slug from its file: the file name, or the folder's for
/// a page bundle's `index.md`.
pub fn slug_of_file(path: &std::path::Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    if stem != "index" {
        return stem;
    }
    let dir = path.parent().and_then(|d| d.file_name()).unwrap();
    dir.to_string_lossy().into_owned()
}

pub fn example_bulletins() -> Vec<Fm> {
    // Bulletins may name a campaign by slug or by name.
    let mut names = BTreeMap::new();
    for e in std::fs::read_dir(repo().join("content/campaigns")).unwrap() {
        let p = e.unwrap().path();
        let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        if let Some(n) = text.lines().find_map(|l| l.strip_prefix("name: ")) {
            names.insert(n.trim().to_string(), slug);
        }
    }
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("content/bulletins")) {
        let e = e.unwrap();
        if e.path().extension().and_then(|x| x.to_str()) != Some("md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let mut parts = text.splitn(3, "---\n");
        let (_, front, body) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        let field = |k: &str| {
            front
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{k}: ")))
                .map(|v| v.trim().to_string())
        };
        let campaigns = field("campaign")
            .unwrap()
            .trim_matches(['[', ']'])
            .split(',')
            .map(|s| s.trim().to_string())
            .map(|s| names.get(&s).cloned().unwrap_or(s))
            .collect();
        let stem = slug_of_file(e.path());
        out.push(Fm {
            slug: field("slug").unwrap_or(stem),
            title: field("title").unwrap(),
            campaigns,
            region: field("region").unwrap(),
            tags: field("tags").unwrap_or_default(),
            body: body.to_string(),
            draft: field("draft").as_deref() == Some("true"),
        });
    }
    out
}

pub fn build_example(base_url: Option<&str>) -> Output {
    let opts = BuildOptions {
        base_url: base_url.map(str::to_string),
        ..Default::default()
    };
    match build(&repo(), &opts) {
        Ok((_, _, out)) => out,
        Err(d) => panic!("the example site builds: {d:?}"),
    }
}

fn json(out: &Output, path: &str) -> Value {
    let text = out
        .text(path)
        .unwrap_or_else(|| panic!("{path} is written"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{path} is JSON: {e}"))
}

/// Every document row `[path, title, date, date_zh, text]`, by id.
fn doc_rows(out: &Output, manifest: &Value) -> Vec<Value> {
    let count = manifest["count"].as_u64().unwrap() as usize;
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;
    let mut rows = Vec::new();
    for k in 0..count.div_ceil(chunk) {
        rows.extend(
            json(out, &format!("search/docs/{k}.json"))
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    rows
}

/// Decodes a postings string: the ids, the first gap counted from `start`.
pub fn postings(s: &str, start: usize) -> Vec<usize> {
    const A: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut out, mut v, mut shift, mut next) = (Vec::new(), 0u64, 0, start);
    for c in s.chars() {
        let d = A.find(c).expect("base-64 digit") as u64;
        v |= (d & 31) << shift;
        shift += 5;
        if d < 32 {
            let id = next + v as usize;
            out.push(id);
            next = id + 1;
            v = 0;
            shift = 0;
        }
    }
    out
}

/// The postings of `key`, found in the shard its hash names (and, for a
/// long list, in its block files).
pub fn lookup(out: &Output, manifest: &Value, key: &str) -> Vec<usize> {
    let shards = manifest["shards"].as_u64().unwrap() as u32;
    let shard = json(
        out,
        &format!("search/terms/{}.json", key_hash(key) % shards),
    );
    match &shard[key] {
        Value::String(s) => postings(s, 0),
        Value::Array(e) => {
            let (count, f) = (e[0].as_u64().unwrap() as usize, e[1].as_u64().unwrap());
            let block = manifest["block"].as_u64().unwrap() as usize;
            let n = manifest["count"].as_u64().unwrap() as usize;
            let ids: Vec<usize> = (0..n.div_ceil(block))
                .flat_map(|b| {
                    let text = out.text(&format!("search/lists/{f}-{b}.txt")).unwrap();
                    let ids = postings(text, b * block);
                    assert!(ids.iter().all(|&id| id / block == b), "{key}: block {b}");
                    ids
                })
                .collect();
            assert_eq!(ids.len(), count, "{key}: the count in its shard");
            ids
        }
        _ => Vec::new(),
    }
}

#[test]
fn the_index_lists_every_published_bulletin_once() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let published: BTreeSet<String> = example_bulletins()
        .into_iter()
        .filter(|b| !b.draft)
        .map(|b| format!("bulletins/{}/", b.slug))
        .collect();
    assert_eq!(m["count"].as_u64(), Some(published.len() as u64));
    assert!(
        m.get("docs").is_none(),
        "nothing per bulletin in the manifest"
    );
    let rows = doc_rows(&out, &m);
    let paths: Vec<String> = rows
        .iter()
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), published.len(), "one row per bulletin");
    assert_eq!(paths.iter().cloned().collect::<BTreeSet<_>>(), published);
    // Newest first, like the site.
    let dates: Vec<&str> = rows.iter().map(|r| r[2].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    for r in &rows {
        assert!(r[3].as_str().unwrap().contains('年'), "date_zh: {r}");
        assert!(!r[4].as_str().unwrap().is_empty(), "text: {}", r[0]);
    }
    // Every bulletin's region and campaigns point into the manifest's tables.
    let (nc, nr) = (
        m["campaigns"].as_array().unwrap().len(),
        m["regions"].as_array().unwrap().len(),
    );
    for r in &rows {
        let region = r[5].as_u64().unwrap() as usize;
        let campaigns: Vec<usize> = (r[6].as_array().unwrap().iter())
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        assert!(
            region < nr && !campaigns.is_empty() && campaigns.iter().all(|&c| c < nc),
            "{r}"
        );
    }
}

#[test]
fn keys_point_at_the_bulletins_that_contain_them() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let rows = doc_rows(&out, &m);
    let id_of: BTreeMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r[0].as_str()
                    .unwrap()
                    .trim_start_matches("bulletins/")
                    .trim_end_matches('/')
                    .to_string(),
                i,
            )
        })
        .collect();
    let names: BTreeMap<String, String> = m["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c[0].as_str().unwrap().to_string(),
                c[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let bulletins: Vec<Fm> = example_bulletins()
        .into_iter()
        .filter(|b| !b.draft)
        .collect();
    for key in ["安康", "隐患", "宜宾", "青安", "安岗", "北京", "煤"] {
        let want: BTreeSet<usize> = bulletins
            .iter()
            .filter(|b| {
                let camp = b.campaigns.iter().any(|c| names[c].contains(key));
                camp || [&b.title, &b.region, &b.tags, &b.body]
                    .iter()
                    .any(|t| t.contains(key))
            })
            .map(|b| id_of[&b.slug])
            .collect();
        let got: BTreeSet<usize> = lookup(&out, &m, key).into_iter().collect();
        assert!(!want.is_empty(), "the example mentions {key}");
        assert_eq!(got, want, "postings of {key}");
    }
    assert!(
        lookup(&out, &m, "鲸鱼").is_empty(),
        "no bulletin mentions 鲸鱼"
    );
}

#[test]
fn every_key_is_in_the_shard_its_hash_names() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let shards = m["shards"].as_u64().unwrap() as u32;
    assert!(shards.is_power_of_two());
    let count = m["count"].as_u64().unwrap() as usize;
    for s in 0..shards {
        let shard = json(&out, &format!("search/terms/{s}.json"));
        for (key, list) in shard.as_object().unwrap() {
            let filter = key.starts_with("@r") || key.starts_with("@c");
            assert!(filter || (1..=2).contains(&key.chars().count()), "{key}");
            assert_eq!(key_hash(key) % shards, s, "{key}");
            assert!(list.is_string() || list.is_array(), "{key}");
            let p = lookup(&out, &m, key);
            assert!(!p.is_empty() && p.iter().all(|&id| id < count));
            assert!(p.windows(2).all(|w| w[0] < w[1]), "{key}: ids ascend");
        }
    }
    assert!(out.get(&format!("search/terms/{shards}.json")).is_none());
}

#[test]
fn a_query_downloads_little() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let size = |p: &str| out.get(p).map_or(0, <[u8]>::len);
    let manifest = size("search/index.json");
    let shards = m["shards"].as_u64().unwrap() as u32;
    let chunk = m["chunk"].as_u64().unwrap() as usize;
    let shard_sizes: Vec<usize> = (0..shards)
        .map(|s| size(&format!("search/terms/{s}.json")))
        .collect();
    let total: usize = out
        .files
        .keys()
        .filter(|p| p.starts_with("search/") && p.ends_with(".json"))
        .map(|p| size(p))
        .sum();
    // What the page fetches for 安康杯: the manifest, the shards of 安康
    // and 康杯, and the chunks of the first ten results.
    let mut files: BTreeSet<String> = ["安康", "康杯"]
        .iter()
        .map(|k| format!("search/terms/{}.json", key_hash(k) % shards))
        .collect();
    let hits = lookup(&out, &m, "安康");
    files.extend(
        hits.iter()
            .take(10)
            .map(|h| format!("search/docs/{}.json", h / chunk)),
    );
    let query = manifest + files.iter().map(|p| size(p)).sum::<usize>();
    eprintln!(
        "search index of the example site: manifest {manifest} B, {shards} shards (largest {} B), all files {total} B; query 安康杯 fetches {query} B",
        shard_sizes.iter().max().unwrap()
    );
    assert!(manifest < 4 * 1024, "manifest {manifest} B");
    assert!(
        shard_sizes.iter().all(|&s| s < 24 * 1024),
        "{shard_sizes:?}"
    );
    assert!(query < 64 * 1024, "query 安康杯 fetches {query} B");
}

#[test]
fn drafts_stay_out_of_the_index() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "公开的简讯",
        "2024-03-01",
        "四川/宜宾",
        "",
        "正文提到隐患排查。",
    );
    f.bulletin(
        "b",
        "草稿简讯",
        "2024-03-02",
        "四川/宜宾",
        "draft: true\n",
        "草稿也提到隐患排查。",
    );
    let (_, _, out) = build(f.root(), &BuildOptions::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let m = json(&out, "search/index.json");
    assert_eq!(m["count"], 1);
    let rows = doc_rows(&out, &m);
    assert_eq!(rows[0][0], "bulletins/a/");
    assert_eq!(lookup(&out, &m, "隐患").len(), 1);
    assert!(lookup(&out, &m, "草稿").is_empty());
}

#[test]
fn the_search_page_is_ready_for_the_script() {
    let out = build_example(Some("https://example.org/jianxun/"));
    let html = out.text("search/index.html").unwrap();
    for needle in [
        "id=\"search-q\"",
        "id=\"search-results\"",
        "id=\"search-campaign\"",
        "id=\"search-region\"",
        "id=\"search-status\"",
        "<noscript>",
        "data-index=\"/jianxun/search/index.json\"",
        "<script src=\"/jianxun/search.js\" defer></script>",
        "<meta name=\"robots\" content=\"noindex\">",
    ] {
        assert!(html.contains(needle), "search page has {needle}");
    }
    assert_eq!(html.matches("<script").count(), 1, "no inline scripts");
    assert!(
        out.files.contains_key("search.js"),
        "the script is published"
    );
    let home = out.text("index.html").unwrap();
    assert!(
        home.contains("href=\"/jianxun/search/\""),
        "the header links to search"
    );
}

#[test]
fn the_index_is_deterministic() {
    let (a, b) = (build_example(None), build_example(None));
    let search = |o: &Output| -> Vec<(String, Vec<u8>)> {
        o.files
            .keys()
            .filter(|p| p.starts_with("search/") || p.ends_with(".xml"))
            .map(|p| (p.clone(), o.get(p).unwrap_or_default().to_vec()))
            .collect()
    };
    assert_eq!(search(&a), search(&b));
}

#[test]
fn places_and_campaigns_are_found_by_their_pinyin() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let bulletins: Vec<Fm> = example_bulletins()
        .into_iter()
        .filter(|b| !b.draft)
        .collect();
    let rows = doc_rows(&out, &m);
    let slug_of = |id: usize| {
        rows[id][0]
            .as_str()
            .unwrap()
            .trim_start_matches("bulletins/")
            .trim_end_matches('/')
            .to_string()
    };
    // Every bigram of the typed pinyin must point at the bulletins of 宜宾
    // (and its counties): a query is the bulletins holding all its keys.
    let in_yibin: BTreeSet<String> = (bulletins.iter())
        .filter(|b| b.region.starts_with("四川/宜宾"))
        .map(|b| b.slug.clone())
        .collect();
    assert!(!in_yibin.is_empty(), "the example has bulletins from 宜宾");
    for typed in ["yibin", "yb"] {
        let chars: Vec<char> = typed.chars().collect();
        let mut found: Option<BTreeSet<String>> = None;
        for pair in chars.windows(2) {
            let key: String = pair.iter().collect();
            let ids: BTreeSet<String> = (lookup(&out, &m, &key).into_iter()).map(slug_of).collect();
            found = Some(match found {
                None => ids,
                Some(f) => f.intersection(&ids).cloned().collect(),
            });
        }
        let found = found.unwrap_or_default();
        assert!(
            in_yibin.is_subset(&found),
            "{typed} finds every bulletin of 宜宾: {found:?}"
        );
    }
    // A campaign by its pinyin: 安康杯 as `ankangbei`.
    let ankang = lookup(&out, &m, "gb");
    assert!(!ankang.is_empty(), "ankangbei has the key gb");
}

#[test]
fn filters_are_keys_of_the_index() {
    let out = build_example(None);
    let m = json(&out, "search/index.json");
    let rows = doc_rows(&out, &m);
    let regions = m["regions"].as_array().unwrap();
    for (i, r) in regions.iter().enumerate() {
        let path = r[0].as_str().unwrap();
        let want: Vec<usize> = (0..rows.len())
            .filter(|&id| {
                let own = regions[rows[id][5].as_u64().unwrap() as usize][0]
                    .as_str()
                    .unwrap();
                own == path || own.starts_with(&format!("{path}/"))
            })
            .collect();
        assert_eq!(lookup(&out, &m, &format!("@r{i}")), want, "region {path}");
    }
    for (i, c) in m["campaigns"].as_array().unwrap().iter().enumerate() {
        let want: Vec<usize> = (0..rows.len())
            .filter(|&id| {
                rows[id][6]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x.as_u64() == Some(i as u64))
            })
            .collect();
        assert_eq!(lookup(&out, &m, &format!("@c{i}")), want, "campaign {c}");
    }
}
