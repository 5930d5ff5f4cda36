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
mod update;

use std::hash::Hasher;

use rayon::prelude::*;
use serde::Serialize;

use std::sync::{Arc, Mutex};

use crate::content::bulletin::Bulletin;
use crate::content::markdown;
use crate::render::urls;
use crate::site::{Item, Site};
pub use terms::{fold, key_hash};
pub use update::Index;

/// How many characters of a bulletin's text are indexed and shipped: as
/// many as its parsed body keeps, so the body is not read again for them.
pub const TEXT_CHARS: usize = markdown::KEPT_CHARS;
/// The index format `search.js` expects.
pub const FORMAT: u32 = 3;
/// How many ids one block of a long postings list covers.
pub const BLOCK: u32 = 32 * 1024;
/// About how many bytes one chunk of documents holds.
const CHUNK_BYTES: usize = 8 * 1024;
const MAX_CHUNK: usize = 64;

/// How many documents a chunk of `search/docs/` holds: about
/// [`CHUNK_BYTES`], judged from the bulletins' lengths as written (their
/// texts are not worked out yet when the chunks are cut).
fn chunk_size(site: &Site) -> usize {
    let n = site.items.len();
    let size = |it: &Arc<Item>| {
        let b = &it.bulletin;
        b.slug.len() + b.title.len() + b.body.len().min(3 * TEXT_CHARS) + 64
    };
    let avg = site.items.iter().map(size).sum::<usize>() / n.max(1);
    (CHUNK_BYTES / avg.max(1)).clamp(1, MAX_CHUNK)
}

/// The chunk of documents starting at bulletin `first`, with their texts,
/// as `(output path, bytes)`.
fn docs_chunk(site: &Site, chunk: usize, first: usize, texts: &[String]) -> (String, Vec<u8>) {
    let mut out = Vec::with_capacity(texts.iter().map(|t| t.len() + 256).sum());
    out.push(b'[');
    for (j, text) in texts.iter().enumerate() {
        let it = &site.items[first + j];
        let b = &it.bulletin;
        if j > 0 {
            out.extend_from_slice(b",\n");
        }
        let path = urls::bulletin(&b.slug);
        let row = (
            path,
            &b.title,
            b.date.ymd(),
            b.date.zh(),
            text,
            it.region,
            &it.campaigns,
        );
        // Strings always serialise.
        let _ = serde_json::to_writer(&mut out, &row);
    }
    out.push(b']');
    (format!("search/docs/{}.json", first / chunk), out)
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
    a.items.len() == b.items.len()
        && same_names(a, b)
        && a.items.iter().zip(&b.items).all(|(x, y)| same_item(x, y))
}

/// Whether the campaigns and regions are the same, in the same order
/// (the filters' keys are their positions).
fn same_names(a: &Site, b: &Site) -> bool {
    let campaigns = (a.campaigns.iter().map(|c| (&c.slug, &c.name)))
        .eq(b.campaigns.iter().map(|c| (&c.slug, &c.name)));
    let regions = (a.regions.nodes.iter().map(|r| (&r.key, &r.slug_path))).eq(b
        .regions
        .nodes
        .iter()
        .map(|r| (&r.key, &r.slug_path)));
    campaigns && regions
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

/// Where [`write`] hands each file of the index as soon as it is made,
/// from any thread.
pub type Emit<'a> = dyn Fn(String, Vec<u8>) + Sync + 'a;

/// Makes every file of the search index and hands each to `emit` as soon
/// as it is made, so the index is never held whole: at 100,000 bulletins
/// it is hundreds of megabytes.
pub fn write(site: &Site, emit: &Emit) {
    make(site, emit);
}

/// What making the index found, beside its files.
struct Made {
    /// Each file behind the build key, with its hash.
    hashes: Vec<(String, u64)>,
    /// The lists' weight in all, the shard count and the chunk size.
    total: usize,
    shards: usize,
    chunk: usize,
}

/// One file's hash, for the build key.
fn fx(bytes: &[u8]) -> u64 {
    let mut h = terms::Fx::default();
    h.write(bytes);
    h.finish()
}

/// The build key: changes whenever any shard, list or chunk does.
fn build_key<'a>(hashes: impl Iterator<Item = &'a u64>) -> String {
    let key = hashes
        .fold(terms::Fx::default(), |mut h, x| {
            h.write_u64(*x);
            h
        })
        .finish();
    format!("{:08x}", key >> 32)
}

/// `search/index.json`.
fn manifest(site: &Site, key: String, shards: usize, chunk: usize) -> Vec<u8> {
    let manifest = Manifest {
        version: FORMAT,
        key,
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
    serde_json::to_vec(&manifest).unwrap_or_default()
}

fn make(site: &Site, emit: &Emit) -> Made {
    // Each text is worked out once, indexed and written out with its
    // chunk of documents, and dropped: at 100,000 bulletins the texts
    // would hold hundreds of megabytes.
    let text = |i: usize| markdown::plain_text(&site.items[i].bulletin.body, TEXT_CHARS);
    // Each file's hash, to make the build key without keeping the file.
    let hashes = Mutex::new(Vec::new());
    let put = |path: String, bytes: Vec<u8>| {
        let entry = (path.clone(), fx(&bytes));
        hashes.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
        emit(path, bytes);
    };
    let chunk = chunk_size(site);
    let docs = |first: usize, texts: &[String]| {
        let (path, bytes) = docs_chunk(site, chunk, first, texts);
        put(path, bytes);
    };
    let parts = terms::postings(site, chunk, &text, &docs);
    let (shard_files, shards, total) = shards::files(&parts, site.items.len());
    // Freeing 100,000 lists is work too: on both cores, beside the writing.
    rayon::join(
        || parts.into_par_iter().for_each(drop),
        || shard_files.into_par_iter().for_each(|(p, b)| put(p, b)),
    );
    let mut hashes = hashes.into_inner().unwrap_or_else(|e| e.into_inner());
    hashes.sort_unstable();
    let key = build_key(hashes.iter().map(|(_, h)| h));
    emit(
        "search/index.json".into(),
        manifest(site, key, shards, chunk),
    );
    emit("search/t2s.json".into(), t2s::json());
    Made {
        hashes,
        total,
        shards,
        chunk,
    }
}
