//! The write stage's photo work: the bytes of a copy, from the cache
//! folder when a photo with the same content was processed before, else
//! made by [`process`](super::process) and kept there.
//!
//! Takes a [`Photo`], a width and a format; gives the copy's bytes. Every
//! copy of a photo (each width, JPEG or PNG and WebP) is made from one decode; photos are decoded in parallel
//! under a budget of pixels, so the memory they hold at once stays
//! bounded however many cores there are. Counts the photos processed and
//! those taken from the cache.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use super::probe::Problem;
use super::{Format, Photo, process};

/// The cache folder, under the site root (hidden: never read as content, never watched).
pub const CACHE_DIR: &str = ".jianxun/cache/images";

/// How many pixels may be decoded at once (3 bytes each): a larger
/// photo is decoded alone.
const PIXEL_BUDGET: u64 = 60_000_000;

/// Every copy of one photo: (width, format, bytes), narrowest first.
type Made = Vec<(u32, Format, Vec<u8>)>;

/// A copy of a photo: its content hash, width and format.
type Key = (u128, u32, Format);

/// Makes the copies of photos, once.
#[derive(Debug)]
pub struct Workshop {
    dir: Option<PathBuf>,
    /// The photos processed, and those whose variants came from the cache.
    processed: Mutex<HashSet<u128>>,
    cached: Mutex<HashSet<u128>>,
    /// Pixels being decoded now.
    busy: Mutex<u64>,
    freed: Condvar,
    /// One lock per photo being made, so that its variants asked for at
    /// once are made by one decode.
    making: Mutex<HashMap<u128, Arc<Mutex<()>>>>,
    /// Copies that could not be kept in the cache folder.
    kept: Mutex<HashMap<Key, Vec<u8>>>,
}

impl Workshop {
    /// A workshop keeping its results under `root`'s [`CACHE_DIR`]
    /// (or nowhere, for `None`).
    pub fn new(root: Option<&Path>) -> Workshop {
        Workshop {
            dir: root.map(|r| r.join(CACHE_DIR)),
            processed: Mutex::default(),
            cached: Mutex::default(),
            busy: Mutex::new(0),
            freed: Condvar::new(),
            making: Mutex::default(),
            kept: Mutex::default(),
        }
    }

    /// How many photos were processed, and how many taken from the cache.
    pub fn counts(&self) -> (usize, usize) {
        let made = self.processed.lock().unwrap_or_else(|e| e.into_inner());
        let cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        (made.len(), cached.difference(&made).count())
    }

    fn cache_file(&self, (hash, width, format): Key) -> Option<PathBuf> {
        let name = format!("{hash:032x}-{}-{width}w.{}", process::VERSION, format.ext());
        Some(self.dir.as_ref()?.join(&name[..2]).join(name))
    }

    fn cached_copy(&self, key: Key) -> Option<Vec<u8>> {
        if let Some(b) = self.lock_kept().get(&key) {
            return Some(b.clone());
        }
        std::fs::read(self.cache_file(key)?).ok()
    }

    fn lock_kept(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Vec<u8>>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The bytes of `photo`'s copy `width` pixels wide in `format`.
    pub fn bytes(&self, photo: &Photo, width: u32, format: Format) -> Result<Vec<u8>, Problem> {
        let key = (photo.hash, width, format);
        if let Some(b) = self.cached_copy(key) {
            self.cached
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(photo.hash);
            return Ok(b);
        }
        let lock = {
            let mut making = self.making.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(making.entry(photo.hash).or_default())
        };
        let _one = lock.lock().unwrap_or_else(|e| e.into_inner());
        // Made meanwhile, by the thread that held the lock?
        if let Some(b) = self.cached_copy(key) {
            return Ok(b);
        }
        let (made, same) = self.make(photo)?;
        let mut want = None;
        for (w, f, bytes) in made {
            let made_key = (photo.hash, w, f);
            // A file changed since it was probed is not kept under the old hash.
            if same && !self.keep(made_key, &bytes) {
                self.lock_kept().insert(made_key, bytes.clone());
            }
            if made_key == key {
                want = Some(bytes);
            }
        }
        want.ok_or_else(|| Problem::Broken(String::new()))
    }

    /// Decodes and processes `photo` within the pixel budget.
    /// Also says whether the file still has the bytes it was probed with.
    fn make(&self, photo: &Photo) -> Result<(Made, bool), Problem> {
        let bytes = std::fs::read(&photo.source).map_err(|e| Problem::Broken(e.to_string()))?;
        let same = xxhash_rust::xxh3::xxh3_128(&bytes) == photo.hash;
        let pixels = (u64::from(photo.width) * u64::from(photo.height)).min(PIXEL_BUDGET);
        {
            let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
            while *busy > 0 && *busy + pixels > PIXEL_BUDGET {
                busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
            }
            *busy += pixels;
        }
        let made = process::variants(photo, &bytes);
        drop(bytes);
        *self.busy.lock().unwrap_or_else(|e| e.into_inner()) -= pixels;
        self.freed.notify_all();
        (self.processed.lock().unwrap_or_else(|e| e.into_inner())).insert(photo.hash);
        Ok((made?, same))
    }

    /// Writes a copy into the cache folder (a temporary file renamed
    /// into place, so a reader never sees half of one); false when it cannot.
    fn keep(&self, key: Key, bytes: &[u8]) -> bool {
        let Some(file) = self.cache_file(key) else {
            return false;
        };
        let Some(dir) = file.parent() else {
            return false;
        };
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        std::fs::create_dir_all(dir).is_ok()
            && std::fs::write(&tmp, bytes).is_ok()
            && std::fs::rename(&tmp, &file).is_ok()
    }
}
