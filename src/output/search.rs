//! Output: the search index behind `/search/` (read by the theme's `search.js`).
//!
//! Takes the [`Site`]; gives these files as `(output path, bytes)`:
//!
//! - `search/index.json`, the manifest: format version, a build key for
//!   cache busting, the shard count, the block and chunk sizes, the number
//!   of bulletins, the campaigns (`[slug, name]`) and the regions (`[path,
//!   slug path]`, tree order). Nothing in it is per bulletin, so it stays a
//!   few kilobytes however large the archive;
//! - `search/terms/<k>.json`: an inverted index from *keys* to postings
//!   (modules `terms` and `shards`). The keys of a text are every character
//!   and every pair of adjacent characters (bigram) of its folded runs of
//!   letters and digits, so Chinese needs no word segmentation: a query
//!   matches a bulletin when all its keys do. The filters are keys too:
//!   `@r<i>` for the bulletins of region `i` and the regions below it,
//!   `@c<i>` for those of campaign `i`. Keys are spread over shards by
//!   [`key_hash`], so a query fetches only the shards of its own keys.
//!   Postings are bulletin ids (a bulletin's id is its position, newest
//!   first), gap-encoded in base 64;
//! - `search/lists/<f>-<b>.txt`: a long postings list cut into blocks of
//!   [`BLOCK`] ids, so that the first page of results fetches the newest
//!   block only;
//! - `search/docs/<k>.json`: per bulletin `[path, title, date, date_zh,
//!   text, region, [campaign…]]` in chunks of consecutive ids, fetched
//!   only for the results shown (snippets, filters' names). Text is cut to
//!   [`TEXT_CHARS`] characters; only that much is indexed, so a snippet can
//!   always show the match;
//! - `search/t2s.json`: traditional characters and their simplified forms.
//!
//! Indexed text: title, tags, region names, campaign names and body.

mod shards;
mod t2s;
mod terms;

use std::hash::Hasher;

use rayon::prelude::*;
use serde::Serialize;

use std::sync::Arc;

use crate::content::bulletin::Bulletin;
use crate::render::urls;
use crate::site::{Item, Site};
pub use terms::{fold, key_hash};

/// How many characters of a bulletin's text are indexed and shipped.
pub const TEXT_CHARS: usize = 1000;
/// The index format `search.js` expects.
pub const FORMAT: u32 = 3;
/// How many ids one block of a long postings list covers.
pub const BLOCK: u32 = 32 * 1024;
/// About how many bytes one chunk of documents holds.
const CHUNK_BYTES: usize = 8 * 1024;
const MAX_CHUNK: usize = 64;

/// The chunks of documents, and how many documents each holds.
fn docs(site: &Site, texts: &[&str]) -> (Vec<(String, Vec<u8>)>, usize) {
    let size = |i: usize| {
        let b = &site.items[i].bulletin;
        b.slug.len() + b.title.len() + texts[i].len() + 64
    };
    let n = site.items.len();
    let avg = (0..n).map(size).sum::<usize>() / n.max(1);
    let chunk = (CHUNK_BYTES / avg.max(1)).clamp(1, MAX_CHUNK);
    let ids: Vec<usize> = (0..n).collect();
    let files = ids
        .par_chunks(chunk)
        .enumerate()
        .map(|(k, part)| {
            let mut out = Vec::with_capacity(part.iter().map(|&i| size(i)).sum());
            out.push(b'[');
            for (j, &i) in part.iter().enumerate() {
                let b = &site.items[i].bulletin;
                if j > 0 {
                    out.extend_from_slice(b",\n");
                }
                let path = urls::bulletin(&b.slug);
                let it = &site.items[i];
                let row = (
                    path,
                    &b.title,
                    b.date.ymd(),
                    b.date.zh(),
                    texts[i],
                    it.region,
                    &it.campaigns,
                );
                // Strings always serialise.
                let _ = serde_json::to_writer(&mut out, &row);
            }
            out.push(b']');
            (format!("search/docs/{k}.json"), out)
        })
        .collect();
    (files, chunk)
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    key: String,
    shards: usize,
    block: u32,
    chunk: usize,
    count: usize,
    text_chars: usize,
    campaigns: Vec<[&'a str; 2]>,
    regions: Vec<[&'a str; 2]>,
}

/// Whether [`files`] gives the same files for `a` and `b`: the same
/// bulletins in the same order with the same words, dates, tags, regions
/// and campaigns, and the same campaign and region names. Bulletins that
/// are the same shared value are not looked into, so comparing two states
/// of a site that differ by an edit costs a pointer per bulletin.
pub fn same_input(a: &Site, b: &Site) -> bool {
    let campaigns = (a.campaigns.iter().map(|c| (&c.slug, &c.name)))
        .eq(b.campaigns.iter().map(|c| (&c.slug, &c.name)));
    let regions = (a.regions.nodes.iter().map(|r| (&r.key, &r.slug_path))).eq(b
        .regions
        .nodes
        .iter()
        .map(|r| (&r.key, &r.slug_path)));
    a.items.len() == b.items.len()
        && campaigns
        && regions
        && a.items.iter().zip(&b.items).all(|(x, y)| same_item(x, y))
}

/// Whether two items give the search index the same words and filters.
fn same_item(x: &Arc<Item>, y: &Arc<Item>) -> bool {
    if Arc::ptr_eq(x, y) {
        return true;
    }
    let (p, q): (&Bulletin, &Bulletin) = (&x.bulletin, &y.bulletin);
    x.campaigns == y.campaigns
        && x.region == y.region
        && p.slug == q.slug
        && p.title == q.title
        && p.body == q.body
        && p.date == q.date
        && p.region == q.region
        && p.tags
            .iter()
            .map(|t| &t.name)
            .eq(q.tags.iter().map(|t| &t.name))
}

/// Every file of the search index: `(output path, bytes)`.
pub fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let texts: Vec<String> = site
        .items
        .par_iter()
        .map(|it| it.bulletin.plain_text(TEXT_CHARS))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let parts = terms::postings(site, &texts);
    let (mut out, shards) = shards::files(&parts, site.items.len());
    drop(parts);
    let (chunks, chunk) = docs(site, &texts);
    out.extend(chunks);
    // The build key changes whenever any shard or chunk does.
    let key = out
        .par_iter()
        .map(|(_, bytes)| {
            let mut h = terms::Fx::default();
            h.write(bytes);
            h.finish()
        })
        .collect::<Vec<u64>>()
        .into_iter()
        .fold(terms::Fx::default(), |mut h, x| {
            h.write_u64(x);
            h
        })
        .finish();
    let manifest = Manifest {
        version: FORMAT,
        key: format!("{:08x}", key >> 32),
        shards,
        block: BLOCK,
        chunk,
        count: site.items.len(),
        text_chars: TEXT_CHARS,
        campaigns: site
            .campaigns
            .iter()
            .map(|c| [c.slug.as_str(), c.name.as_str()])
            .collect(),
        regions: site
            .regions
            .nodes
            .iter()
            .map(|r| [r.key.as_str(), r.slug_path.as_str()])
            .collect(),
    };
    let json = serde_json::to_vec(&manifest).unwrap_or_default();
    out.push(("search/index.json".into(), json));
    out.push(("search/t2s.json".into(), t2s::json()));
    out
}
