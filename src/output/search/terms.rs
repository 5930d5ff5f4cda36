//! Output, search: the inverted index — bulletins → `search/terms/<k>.json`.
//!
//! Takes the site and each bulletin's text (already cut to
//! [`TEXT_CHARS`](super::TEXT_CHARS)); gives the shard files and their
//! count. A text's *keys* are every character and every pair of adjacent
//! characters of its folded runs of letters and digits; a shard maps each
//! of its keys to the bulletins holding it (see [`List`]). `search.js`
//! repeats [`fold`], the key rules and [`key_hash`]: change them together.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::content::slug;
use crate::site::Site;

/// About how many bytes one shard holds; the shard count is a power of two.
const SHARD_BYTES: usize = 8 * 1024;
/// Partitions of the keys while indexing, and the most shards there can be.
const PARTS: usize = 4096;
/// How many bulletins are indexed between two hand-overs to the partitions.
const BATCH: usize = 512;
/// Partitions per group: a group is filled by one task.
const GROUP: usize = 64;

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

/// A key as a number: a character, or a pair as `first << 21 | second`.
fn key(a: char, b: Option<char>) -> u64 {
    (a as u64) << CHAR_BITS | b.map_or(0, |b| b as u64)
}

fn key_string(k: u64) -> String {
    [k >> CHAR_BITS, k & CHAR_MASK]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(|c| char::from_u32(c as u32))
        .collect()
}

/// Which shard a key lives in (before `% shards`): FNV-1a over the key's
/// code points, then MurmurHash3's finaliser. `search.js` computes the same.
pub fn key_hash(key: &str) -> u32 {
    hash_points(key.chars().map(u32::from))
}

fn hash_of(k: u64) -> u32 {
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
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
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

/// One key's postings, encoded as they are added (ids ascending): each
/// posting is `gap << 3 | in_title << 2 | min(tf, 4) - 1`, where `gap` is
/// how many ids were skipped since the previous posting.
#[derive(Default)]
struct List {
    /// The next id that would have gap 0.
    next: u32,
    bytes: Vec<u8>,
}

impl List {
    fn push(&mut self, id: u32, flags: u32) {
        let gap = u64::from(id - self.next);
        put_varint(&mut self.bytes, gap << 3 | u64::from(flags));
        self.next = id + 1;
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

/// A posting before it is encoded: key, `id << 3 | flags`, partition.
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
    for &i in &sc.used {
        let s = sc.slots[i as usize];
        let flags = u32::from(s.title) << 2 | (u32::from(s.tf.min(4)) - 1);
        let part = hash_of(s.key) % PARTS as u32;
        groups[part as usize / GROUP].push((s.key, (id as u32) << 3 | flags, part));
    }
}

type Map = HashMap<u64, List, BuildHasherDefault<Fx>>;

/// The shards of the inverted index, and how many there are.
///
/// Postings go to [`PARTS`] partitions by key hash (a shard is a union of
/// partitions), a batch of bulletins at a time: their keys are found in
/// parallel, then each group of partitions takes its own postings, in
/// parallel. So
/// the maps a thread touches stay small (the whole index at 10,000
/// bulletins holds ~100,000 keys and ~10 million postings), and no maps
/// need merging.
pub(super) fn terms(site: &Site, texts: &[&str]) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut parts: Vec<Map> = (0..PARTS).map(|_| Map::default()).collect();
    let ids: Vec<usize> = (0..site.items.len()).collect();
    for batch in ids.chunks(BATCH) {
        // Each piece of the batch gives its postings by group of partitions.
        let found: Vec<Vec<Vec<Entry>>> = batch
            .par_chunks(32)
            .map_init(
                || Scratch::new(8192),
                |sc, docs| {
                    let mut groups = vec![Vec::new(); PARTS / GROUP];
                    for &id in docs {
                        doc_entries(site, texts[id], id, sc, &mut groups);
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
                for &(k, v, p) in found.iter().flat_map(|piece| &piece[g]) {
                    let map = &mut maps[p as usize % GROUP];
                    map.entry(k).or_default().push(v >> 3, v & 7);
                }
            });
    }
    let total: usize = parts
        .iter()
        .flatten()
        .map(|(_, l)| l.bytes.len() + 12)
        .sum();
    let shards = (total / SHARD_BYTES).max(1).next_power_of_two().min(PARTS);
    let files = (0..shards)
        .into_par_iter()
        .map(|i| {
            let mut entries: Vec<(u64, &List)> = (i..PARTS)
                .step_by(shards)
                .flat_map(|p| parts[p].iter().map(|(k, l)| (*k, l)))
                .collect();
            entries.sort_unstable_by_key(|e| e.0);
            let size = entries.iter().map(|(_, l)| l.bytes.len() + 12);
            let mut s = Vec::with_capacity(size.sum::<usize>() + 2);
            s.push(b'{');
            for (j, (k, l)) in entries.iter().enumerate() {
                if j > 0 {
                    s.push(b',');
                }
                // Keys are letters and digits, postings base 64: nothing to escape.
                s.push(b'"');
                s.extend_from_slice(key_string(*k).as_bytes());
                s.extend_from_slice(b"\":\"");
                s.extend_from_slice(&l.bytes);
                s.push(b'"');
            }
            s.push(b'}');
            (format!("search/terms/{i}.json"), s)
        })
        .collect();
    (files, shards)
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
        a.push(0, 4);
        a.push(3, 1);
        a.push(40, 3);
        // gaps 0, 2, 36: 0<<3|4 = E; 2<<3|1 = 17 = R; 36<<3|3 = 291 = 9*32+3 → "j" then "J".
        assert_eq!(String::from_utf8(a.bytes).unwrap(), "ERjJ");
        assert_eq!(a.next, 41);
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
