//! A list cut into shared chunks: copying it copies a pointer per chunk,
//! and changing one entry copies only its chunk. The preview keeps one
//! value per bulletin this way, so an edit costs what it changes.

use std::sync::Arc;

/// Entries per chunk.
const CHUNK: usize = 256;

/// A list of `T` in shared chunks of [`CHUNK`] entries.
#[derive(Debug, Clone, Default)]
pub struct Chunked<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T: Clone> Chunked<T> {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entry at `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// Replaces the entry at `i` (copying its chunk if it is shared).
    /// Panics past the end, as indexing does.
    pub fn set(&mut self, i: usize, value: T) {
        assert!(i < self.len, "index {i} past the end ({})", self.len);
        Arc::make_mut(&mut self.chunks[i / CHUNK])[i % CHUNK] = value;
    }
}

impl<T> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut chunks = Vec::new();
        let mut cur: Vec<T> = Vec::with_capacity(CHUNK);
        let mut len = 0;
        for v in iter {
            cur.push(v);
            len += 1;
            if cur.len() == CHUNK {
                chunks.push(Arc::new(std::mem::replace(
                    &mut cur,
                    Vec::with_capacity(CHUNK),
                )));
            }
        }
        if !cur.is_empty() {
            chunks.push(Arc::new(cur));
        }
        Chunked { chunks, len }
    }
}

impl<T: Clone> std::ops::Index<usize> for Chunked<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        self.get(i)
            .unwrap_or_else(|| panic!("index {i} past the end ({})", self.len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_what_did_not_change() {
        let a: Chunked<usize> = (0..1000).collect();
        assert_eq!(a.len(), 1000);
        assert_eq!(a[0], 0);
        assert_eq!(a[999], 999);
        assert_eq!(a.get(1000), None);
        let mut b = a.clone();
        b.set(300, 7);
        assert_eq!((a[300], b[300]), (300, 7));
        assert!(Arc::ptr_eq(&a.chunks[0], &b.chunks[0]));
        assert!(!Arc::ptr_eq(&a.chunks[1], &b.chunks[1]));
        let none: Chunked<usize> = std::iter::empty().collect();
        assert!(none.is_empty());
    }
}
