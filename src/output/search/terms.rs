//! Output, search: the inverted index — bulletins → each key's postings.
//!
//! Takes the site and each bulletin's text (already cut to
//! [`TEXT_CHARS`](super::TEXT_CHARS)); gives every key's postings (module
//! `shards` writes them out). A text's *keys* are every character and every pair of adjacent
//! characters of its folded runs of letters and digits; a shard maps each
//! of its keys to the bulletins holding it (see [`List`]). `search.js`
//! repeats [`fold`], the key rules and [`key_hash`]: change them together.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::TEXT_CHARS;
use crate::content::slug;
use crate::site::Site;

/// Partitions of the keys while indexing.
const PARTS: usize = 4096;
/// How many bulletins are indexed between two hand-overs to the partitions.
const BATCH: usize = 2048;
/// Partitions per group: a group is filled by one task.
const GROUP: usize = 64;
/// About how many bulletins one task indexes at a time.
const TASK: usize = 32;

/// Folds a character for matching: full-width ASCII to ASCII, ASCII to lower case.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    super::t2s::simplified(c.to_ascii_lowercase())
}

const CHAR_BITS: u32 = 21;
const CHAR_MASK: u64 = (1 << CHAR_BITS) - 1;
/// Set in the keys of filters, which no text has: `@r<i>` for bulletins in
/// region node `i` (or below it), `@c<i>` for those of campaign `i`.
const FILTER: u64 = 1 << 62;
const REGION: u64 = 1 << 40;

fn region_key(node: usize) -> u64 {
    FILTER | REGION | node as u64
}

fn campaign_key(c: usize) -> u64 {
    FILTER | c as u64
}

/// A key as a number: a character, or a pair as `first << 21 | second`.
fn key(a: char, b: Option<char>) -> u64 {
    (a as u64) << CHAR_BITS | b.map_or(0, |b| b as u64)
}

pub(super) fn key_string(k: u64) -> String {
    if k & FILTER != 0 {
        let kind = if k & REGION != 0 { 'r' } else { 'c' };
        return format!("@{kind}{}", k & (REGION - 1));
    }
    [k >> CHAR_BITS, k & CHAR_MASK]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(|c| char::from_u32(c as u32))
        .collect()
}

/// The key written as `s` by [`key_string`].
pub(super) fn key_of(s: &str) -> Option<u64> {
    let filter =
        |kind: u64, n: &str| Some(FILTER | kind | n.parse::<u64>().ok().filter(|&n| n < REGION)?);
    if let Some(n) = s.strip_prefix("@r") {
        return filter(REGION, n);
    }
    if let Some(n) = s.strip_prefix("@c") {
        return filter(0, n);
    }
    let mut cs = s.chars();
    let (a, b) = (cs.next()?, cs.next());
    cs.next().is_none().then(|| key(a, b))
}

/// Which shard a key lives in (before `% shards`): FNV-1a over the key's
/// code points, then MurmurHash3's finaliser. `search.js` computes the same.
pub fn key_hash(key: &str) -> u32 {
    hash_points(key.chars().map(u32::from))
}

pub(super) fn hash_of(k: u64) -> u32 {
    if k & FILTER != 0 {
        return key_hash(&key_string(k));
    }
    let points = [k >> CHAR_BITS, k & CHAR_MASK];
    hash_points(points.into_iter().filter(|&c| c != 0).map(|c| c as u32))
}

fn hash_points(points: impl Iterator<Item = u32>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in points {
        h ^= c;
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// Calls `emit(key)` for every key of `text`, in order.
fn keys_of(text: &str, mut emit: impl FnMut(u64)) {
    let mut prev = None;
    for c in text.chars().map(fold) {
        if !is_word(c) {
            prev = None;
            continue;
        }
        emit(key(c, None));
        if let Some(p) = prev {
            emit(key(p, Some(c)));
        }
        prev = Some(c);
    }
}

/// Whether `c` (folded) belongs in a key: a letter or digit.
fn is_word(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' | '\u{4E00}'..='\u{9FFF}' => true,
        // ASCII, general and CJK punctuation: the common non-letters.
        '\0'..='\u{7F}' | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' => false,
        '\u{3008}'..='\u{3020}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// A fast, deterministic hasher (FxHash's mixing step).
#[derive(Default)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` in base 64, five bits per character, low bits first; a
/// character carries 32 more when another follows.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[low]);
            return;
        }
        out.push(ALPHABET[low | 32]);
    }
}

/// The ids of postings written by [`List`] (a whole list, or one block of
/// it with `from` its block's first id); `None` for bytes no list writes.
pub(super) fn decode(bytes: &[u8], from: u32) -> Option<Vec<u32>> {
    let mut ids = Vec::with_capacity(bytes.len());
    let (mut next, mut v, mut shift) = (u64::from(from), 0u64, 0u32);
    for &c in bytes {
        let d = ALPHABET.iter().position(|&a| a == c)? as u64;
        v |= (d & 31).checked_shl(shift)?;
        shift += 5;
        if d & 32 == 0 {
            let id = next + v;
            ids.push(u32::try_from(id).ok()?);
            (next, v, shift) = (id + 1, 0, 0);
        } else if shift > 35 {
            return None;
        }
    }
    (shift == 0).then_some(ids)
}

/// Where a block of a [`List`] begins: its first posting's id and where
/// that posting's bytes start and end.
#[derive(Clone, Copy)]
pub(super) struct Start {
    pub block: u32,
    pub id: u32,
    pub at: u32,
    pub after: u32,
}

/// One key's postings, encoded as they are added (ids ascending, so newest
/// first): each posting is the gap, how many ids were skipped since the
/// previous one. [`BLOCK`](super::BLOCK) ids make a block; where each
/// block begins is kept, so a long list can be cut into one file per block
/// whose first gap counts from the block's first id.
#[derive(Default)]
pub(super) struct List {
    /// The next id that would have gap 0.
    next: u32,
    /// How many postings.
    pub count: u32,
    pub bytes: Vec<u8>,
    pub starts: Vec<Start>,
}

impl List {
    /// The list of `ids` (ascending).
    pub(super) fn of(ids: &[u32]) -> List {
        let mut l = List::default();
        for &id in ids {
            l.push(id);
        }
        l
    }

    fn push(&mut self, id: u32) {
        let block = id / super::BLOCK;
        let at = self.bytes.len() as u32;
        put_varint(&mut self.bytes, u64::from(id - self.next));
        if self.starts.last().is_none_or(|s| s.block != block) {
            let after = self.bytes.len() as u32;
            self.starts.push(Start {
                block,
                id,
                at,
                after,
            });
        }
        self.next = id + 1;
        self.count += 1;
    }

    #[cfg(test)]
    pub(super) fn push_for_test(&mut self, id: u32) {
        self.push(id);
    }

    /// The postings of block `b` alone, the first gap counted from the
    /// block's first id (empty when no posting falls in it).
    pub(super) fn block(&self, b: u32) -> Vec<u8> {
        let Some(i) = self.starts.iter().position(|s| s.block == b) else {
            return Vec::new();
        };
        let s = self.starts[i];
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.bytes.len(), |n| n.at as usize);
        let mut out = Vec::with_capacity(end - s.at as usize + 4);
        put_varint(&mut out, u64::from(s.id - b * super::BLOCK));
        out.extend_from_slice(&self.bytes[s.after as usize..end]);
        out
    }
}

/// One slot of [`Scratch`].
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    stamp: u32,
    tf: u8,
    title: bool,
}

/// One document's keys with their counts: an open-addressing table,
/// emptied between documents by bumping the stamp.
struct Scratch {
    slots: Vec<Slot>,
    used: Vec<u32>,
    stamp: u32,
}

impl Scratch {
    fn new(size: usize) -> Scratch {
        Scratch {
            slots: vec![Slot::default(); size],
            used: Vec::new(),
            stamp: 1,
        }
    }

    fn add(&mut self, key: u64, title: bool) {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask;
        loop {
            let s = &mut self.slots[i];
            if s.stamp != self.stamp {
                *s = Slot {
                    key,
                    stamp: self.stamp,
                    tf: 1,
                    title,
                };
                self.used.push(i as u32);
                if self.used.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return;
            }
            if s.key == key {
                s.tf = s.tf.saturating_add(1);
                s.title |= title;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old: Vec<Slot> = self.used.iter().map(|&i| self.slots[i as usize]).collect();
        *self = Scratch::new(self.slots.len() * 2);
        for s in old {
            self.add(s.key, s.title);
            let last = self.used.len() - 1;
            self.slots[self.used[last] as usize].tf = s.tf;
        }
    }
}

/// A posting before it is encoded: key, id, partition.
type Entry = (u64, u32, u32);

/// Appends the postings of bulletin `id` to `groups`, by partition group.
fn doc_entries(site: &Site, text: &str, id: usize, sc: &mut Scratch, groups: &mut [Vec<Entry>]) {
    let it = &site.items[id];
    let b = &it.bulletin;
    sc.used.clear();
    sc.stamp += 1;
    keys_of(&b.title, |k| sc.add(k, true));
    let names = b.tags.iter().map(|t| &t.name).chain(&b.region);
    let campaigns = it.campaigns.iter().map(|&c| &site.campaigns[c].name);
    for t in names.chain(campaigns.clone()) {
        keys_of(t, |k| sc.add(k, false));
    }
    // Places and campaigns are also found by their pinyin, in full or by
    // initials (`yibin`, `yb`), each form a word of its own.
    let places = (site.regions.nodes.get(it.region).into_iter()).flat_map(|n| n.key.split('/'));
    for name in places.chain(campaigns.map(String::as_str)) {
        for form in slug::pinyin_forms(name) {
            keys_of(&form, |k| sc.add(k, false));
        }
    }
    keys_of(text, |k| sc.add(k, false));
    // The filters: the region and every region above it, the campaigns.
    let mut node = Some(it.region).filter(|&r| r < site.regions.nodes.len());
    while let Some(r) = node {
        sc.add(region_key(r), false);
        node = site.regions.nodes[r].parent;
    }
    for &c in &it.campaigns {
        sc.add(campaign_key(c), false);
    }
    for &i in &sc.used {
        let s = sc.slots[i as usize];
        let part = hash_of(s.key) % PARTS as u32;
        groups[part as usize / GROUP].push((s.key, id as u32, part));
    }
}

/// The keys of bulletin `id` (whose text is `text`), ascending.
pub(super) fn doc_keys(site: &Site, text: &str, id: usize) -> Vec<u64> {
    let mut sc = Scratch::new(8192);
    let mut groups = vec![Vec::new(); PARTS / GROUP];
    doc_entries(site, text, id, &mut sc, &mut groups);
    let mut keys: Vec<u64> = groups.into_iter().flatten().map(|e| e.0).collect();
    keys.sort_unstable();
    keys
}

pub(super) type Map = HashMap<u64, List, BuildHasherDefault<Fx>>;

/// Every key's postings, in [`PARTS`] maps by key hash.
///
/// A batch of bulletins at a time: their keys are found in parallel, then
/// each group of partitions takes its own postings, in parallel. So the
/// maps a thread touches stay small (the whole index at 10,000 bulletins
/// holds ~100,000 keys and ~10 million postings), and no maps need merging.
///
/// The bulletins go in pieces of `piece` consecutive ids; once a piece's
/// texts are indexed they are handed to `done` with the piece's first id,
/// so each text is worked out once and never kept.
pub(super) fn postings(
    site: &Site,
    piece: usize,
    text: &(dyn Fn(usize) -> String + Sync),
    done: &(dyn Fn(usize, &[String]) + Sync),
) -> Vec<Map> {
    let mut parts: Vec<Map> = (0..PARTS).map(|_| Map::default()).collect();
    let ids: Vec<usize> = (0..site.items.len()).collect();
    let piece = piece.max(1);
    // One task indexes whole pieces, about TASK bulletins.
    let task = TASK.div_ceil(piece) * piece;
    for batch in ids.chunks(BATCH.div_ceil(task) * task) {
        // Each task of the batch gives its postings by group of partitions.
        let found: Vec<Vec<Vec<Entry>>> = batch
            .par_chunks(task)
            .map_init(
                || Scratch::new(8192),
                |sc, docs| {
                    // A text has about as many distinct keys as characters
                    // (each character and each pair, many repeated): room
                    // for them all from the start, spread over the groups.
                    let room = docs.len() * (TEXT_CHARS + 64) * 3 / 2 / (PARTS / GROUP);
                    let mut groups: Vec<Vec<Entry>> = (0..PARTS / GROUP)
                        .map(|_| Vec::with_capacity(room))
                        .collect();
                    for docs in docs.chunks(piece) {
                        let texts: Vec<String> = docs.iter().map(|&id| text(id)).collect();
                        for (&id, t) in docs.iter().zip(&texts) {
                            doc_entries(site, t, id, sc, &mut groups);
                        }
                        done(docs[0], &texts);
                    }
                    groups
                },
            )
            .collect();
        parts
            .par_chunks_mut(GROUP)
            .enumerate()
            .for_each(|(g, maps)| {
                // Pieces in batch order keep every list in id order.
                for &(k, id, p) in found.iter().flat_map(|piece| &piece[g]) {
                    let map = &mut maps[p as usize % GROUP];
                    map.entry(k).or_default().push(id);
                }
            });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        keys_of(text, |k| v.push(key_string(k)));
        v
    }

    #[test]
    fn keys_are_characters_and_pairs_within_runs() {
        assert_eq!(
            keys("安康杯"),
            ["安", "康", "安康", "杯", "康杯"].map(String::from)
        );
        // Punctuation and spaces end a run; full-width and upper case fold.
        assert_eq!(
            keys("青安，岗"),
            ["青", "安", "青安", "岗"].map(String::from)
        );
        assert_eq!(
            keys("ＩＳＯ 9"),
            ["i", "s", "is", "o", "so", "9"].map(String::from)
        );
        assert!(keys("——“”。").is_empty());
    }

    /// `search.js` must compute the same values (checked with node when written).
    #[test]
    fn key_hash_vectors() {
        let want = [
            ("安康", 0x31ec_b912),
            ("安", 0xf1bd_fcda),
            ("a", 0x1a80_b1b3),
            ("𠀀x", 0x9352_7526),
        ];
        for (k, h) in want {
            assert_eq!(key_hash(k), h, "{k}");
        }
    }

    #[test]
    fn postings_are_gap_encoded() {
        let mut a = List::default();
        for id in [0, 3, 40] {
            a.push(id);
        }
        // gaps 0, 2, 36: A, C, then 36 = 1*32 + 4 → digit 4 | 32 ("k"), then 1 ("B").
        assert_eq!(String::from_utf8(a.bytes).unwrap(), "ACkB");
        assert_eq!(a.next, 41);
    }

    #[test]
    fn lists_and_keys_read_back_as_written() {
        let ids = [0, 1, 5, 31, 32, 1000, 40_000, 40_001];
        assert_eq!(decode(&List::of(&ids).bytes, 0).as_deref(), Some(&ids[..]));
        let b = super::super::BLOCK;
        let long = List::of(&[3, b + 2, b + 9]);
        assert_eq!(
            decode(&long.block(1), b).as_deref(),
            Some(&[b + 2, b + 9][..])
        );
        assert_eq!(decode(b"k", 0), None, "a gap cut short");
        assert_eq!(decode(b"A!", 0), None);
        for k in [
            key('安', None),
            key('安', Some('康')),
            region_key(12),
            campaign_key(3),
        ] {
            assert_eq!(key_of(&key_string(k)), Some(k));
        }
        assert_eq!(key_of("安康杯"), None);
        assert_eq!(key_of(""), None);
    }

    #[test]
    fn filters_are_keys_no_text_has() {
        assert_eq!(key_string(region_key(12)), "@r12");
        assert_eq!(key_string(campaign_key(3)), "@c3");
        assert_eq!(hash_of(region_key(12)), key_hash("@r12"));
        assert!(keys("@r12").iter().all(|k| !k.starts_with('@')));
    }

    #[test]
    fn scratch_counts_keys_and_grows() {
        let mut sc = Scratch::new(4);
        for k in [5, 9, 5, 7, 11, 5] {
            sc.add(k, k == 9);
        }
        let mut got: Vec<(u64, u8, bool)> = sc
            .used
            .iter()
            .map(|&i| sc.slots[i as usize])
            .map(|s| (s.key, s.tf, s.title))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [(5, 3, false), (7, 1, false), (9, 1, true), (11, 1, false)]
        );
        assert_eq!(hash_of(key('安', Some('康'))), key_hash("安康"));
    }
}
