//! Output, search: the postings of every key → the files `search.js` reads.
//!
//! Takes the postings by partition (see [`terms::postings`]); gives the
//! shards `search/terms/<k>.json` and the long lists' blocks
//! `search/lists/<f>-<b>.txt`, and the shard count.
//!
//! A key lives in shard `key_hash(key) % shards`; the count is a power of
//! two chosen from the index's size, with no upper bound, so a shard stays
//! near [`SHARD_BYTES`] however many bulletins there are. In its shard a
//! key maps to its postings (a string) when they are short, else to
//! `[count, f]`: the list is cut by id into blocks of
//! [`BLOCK`](super::BLOCK) bulletins, one file per block. Ids go newest
//! first, so the first page of results needs the first block only, and no
//! shard holds more than [`LONG`] bytes of any one key.

use rayon::prelude::*;

use super::terms::{List, Map, hash_of, key_string};

/// About how many bytes one shard holds.
const SHARD_BYTES: usize = 16 * 1024;
/// Postings longer than this (bytes) go to block files of their own.
const LONG: usize = 2048;

/// The shard files and the long lists' block files, and the shard count.
pub(super) fn files(parts: &[Map], count: usize) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut keys: Vec<(u64, &List)> = parts.iter().flatten().map(|(k, l)| (*k, l)).collect();
    keys.par_sort_unstable_by_key(|e| e.0);
    let is_long = |l: &List| l.bytes.len() > LONG;
    let total: usize = (keys.iter())
        .map(|(_, l)| if is_long(l) { 24 } else { l.bytes.len() + 12 })
        .sum();
    let shards = (total / SHARD_BYTES).max(1).next_power_of_two();
    // Long lists are numbered in key order.
    let mut long = Vec::new();
    let mut by_shard: Vec<Vec<(u64, &List, Option<usize>)>> = vec![Vec::new(); shards];
    for &(k, l) in &keys {
        let f = is_long(l).then(|| {
            long.push(l);
            long.len() - 1
        });
        by_shard[hash_of(k) as usize % shards].push((k, l, f));
    }
    let blocks = count.div_ceil(super::BLOCK as usize) as u32;
    let mut out: Vec<(String, Vec<u8>)> = (by_shard.par_iter().enumerate())
        .map(|(i, entries)| (format!("search/terms/{i}.json"), shard(entries)))
        .collect();
    let lists: Vec<(String, Vec<u8>)> = (long.par_iter().enumerate())
        .flat_map_iter(|(f, l)| {
            (0..blocks).map(move |b| (format!("search/lists/{f}-{b}.txt"), l.block(b)))
        })
        .collect();
    out.extend(lists);
    (out, shards)
}

/// One shard: `{"key": "postings" or [count, f], …}`, keys in order.
fn shard(entries: &[(u64, &List, Option<usize>)]) -> Vec<u8> {
    let size = entries.iter().map(|(_, l, f)| match f {
        Some(_) => 24,
        None => l.bytes.len() + 12,
    });
    let mut s = Vec::with_capacity(size.sum::<usize>() + 2);
    s.push(b'{');
    for (j, (k, l, f)) in entries.iter().enumerate() {
        if j > 0 {
            s.push(b',');
        }
        // Keys are letters, digits and `@`, postings base 64: nothing to escape.
        s.push(b'"');
        s.extend_from_slice(key_string(*k).as_bytes());
        s.extend_from_slice(b"\":");
        match f {
            Some(f) => s.extend_from_slice(format!("[{},{f}]", l.count).as_bytes()),
            None => {
                s.push(b'"');
                s.extend_from_slice(&l.bytes);
                s.push(b'"');
            }
        }
    }
    s.push(b'}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_into_blocks_by_id() {
        let b = super::super::BLOCK;
        let mut l = List::default();
        for id in [0, 2, b - 1, b + 3, 3 * b, 3 * b + 1] {
            l.push_for_test(id);
        }
        let text = |v: Vec<u8>| String::from_utf8(v).unwrap();
        // Block 0: gaps 0, 1 and b - 4 (three characters); block 1 starts at 3.
        assert_eq!(text(l.block(0)).len(), 5);
        assert_eq!(text(l.block(1)), "D");
        assert_eq!(text(l.block(2)), "");
        assert_eq!(text(l.block(3)), "AA");
        assert_eq!(l.count, 6);
    }
}
