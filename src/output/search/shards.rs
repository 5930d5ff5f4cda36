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

/// What a shard says of one key: its postings, or how many there are and
/// which long list holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    Short(Vec<u8>),
    Long { count: u32, f: usize },
}

/// Whether a list goes to block files of its own.
pub(super) fn is_long(l: &List) -> bool {
    l.bytes.len() > LONG
}

/// What a list adds to the size the shard count is chosen from.
pub(super) fn weight(l: &List) -> usize {
    if is_long(l) { 24 } else { l.bytes.len() + 12 }
}

/// The shard count for lists of this much [`weight`] in all.
pub(super) fn count_for(total: usize) -> usize {
    (total / SHARD_BYTES).max(1).next_power_of_two()
}

/// The shard files and the long lists' block files, the shard count and
/// the lists' [`weight`] in all.
pub(super) fn files(parts: &[Map], count: usize) -> (Vec<(String, Vec<u8>)>, usize, usize) {
    let mut keys: Vec<(u64, &List)> = parts.iter().flatten().map(|(k, l)| (*k, l)).collect();
    keys.par_sort_unstable_by_key(|e| e.0);
    let total: usize = keys.iter().map(|(_, l)| weight(l)).sum();
    let shards = count_for(total);
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
        .map(|(i, entries)| {
            let entries = entries.iter().map(|&(k, l, f)| match f {
                Some(f) => (k, Value::Long(l.count, f)),
                None => (k, Value::Short(&l.bytes)),
            });
            (format!("search/terms/{i}.json"), shard(entries))
        })
        .collect();
    let lists: Vec<(String, Vec<u8>)> = (long.par_iter().enumerate())
        .flat_map_iter(|(f, l)| {
            (0..blocks).map(move |b| (format!("search/lists/{f}-{b}.txt"), l.block(b)))
        })
        .collect();
    out.extend(lists);
    (out, shards, total)
}

/// A shard's value for one key, as written.
enum Value<'a> {
    Short(&'a [u8]),
    Long(u32, usize),
}

/// One shard: `{"key": "postings" or [count, f], …}`, keys in order.
fn shard<'a>(entries: impl Iterator<Item = (u64, Value<'a>)> + Clone) -> Vec<u8> {
    let size = entries.clone().map(|(_, v)| match v {
        Value::Long(..) => 24,
        Value::Short(b) => b.len() + 12,
    });
    let mut s = Vec::with_capacity(size.sum::<usize>() + 2);
    s.push(b'{');
    for (j, (k, v)) in entries.enumerate() {
        if j > 0 {
            s.push(b',');
        }
        // Keys are letters, digits and `@`, postings base 64: nothing to escape.
        s.push(b'"');
        s.extend_from_slice(key_string(k).as_bytes());
        s.extend_from_slice(b"\":");
        match v {
            Value::Long(count, f) => s.extend_from_slice(format!("[{count},{f}]").as_bytes()),
            Value::Short(bytes) => {
                s.push(b'"');
                s.extend_from_slice(bytes);
                s.push(b'"');
            }
        }
    }
    s.push(b'}');
    s
}

/// A shard's file for these entries (in key order).
pub(super) fn write(entries: &[(u64, Entry)]) -> Vec<u8> {
    shard(entries.iter().map(|(k, e)| match e {
        Entry::Short(b) => (*k, Value::Short(b)),
        Entry::Long { count, f } => (*k, Value::Long(*count, *f)),
    }))
}

/// The entries of a shard's file, in key order; `None` for a file
/// [`write`] does not write.
pub(super) fn read(bytes: &[u8]) -> Option<Vec<(u64, Entry)>> {
    let inner = bytes.strip_prefix(b"{")?.strip_suffix(b"}")?;
    let mut out = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let r = rest.strip_prefix(b"\"")?;
        let end = r.iter().position(|&c| c == b'"')?;
        let key = super::terms::key_of(std::str::from_utf8(&r[..end]).ok()?)?;
        let r = r[end + 1..].strip_prefix(b":")?;
        let (entry, r) = if let Some(r) = r.strip_prefix(b"\"") {
            let end = r.iter().position(|&c| c == b'"')?;
            (Entry::Short(r[..end].to_vec()), &r[end + 1..])
        } else {
            let r = r.strip_prefix(b"[")?;
            let end = r.iter().position(|&c| c == b']')?;
            let (count, f) = std::str::from_utf8(&r[..end]).ok()?.split_once(',')?;
            let entry = Entry::Long {
                count: count.parse().ok()?,
                f: f.parse().ok()?,
            };
            (entry, &r[end + 1..])
        };
        out.push((key, entry));
        rest = match r.strip_prefix(b",") {
            Some(more) if !more.is_empty() => more,
            Some(_) => return None,
            None if r.is_empty() => r,
            None => return None,
        };
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_reads_back_as_written() {
        let entries = vec![
            (
                super::super::terms::key_of("安").unwrap(),
                Entry::Short(b"AB".to_vec()),
            ),
            (
                super::super::terms::key_of("安康").unwrap(),
                Entry::Long { count: 900, f: 3 },
            ),
            (
                super::super::terms::key_of("@r12").unwrap(),
                Entry::Short(b"k_".to_vec()),
            ),
        ];
        let bytes = write(&entries);
        assert_eq!(read(&bytes), Some(entries));
        assert_eq!(read(b"{}"), Some(Vec::new()));
        for bad in [
            &b"{\"a\":\"A\",}"[..],
            b"{\"a\"}",
            b"\"a\":\"A\"",
            b"{\"abc\":\"A\"}",
        ] {
            assert_eq!(read(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

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
