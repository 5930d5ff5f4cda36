//! What a content file looked like when a build found it, so that a
//! later build can tell it has not changed without reading it.

/// A content file as a build found it: its size and times, and the hash of
/// its text that the inputs' fingerprint took. A later build that finds
/// the file with the same size and times takes the hash instead of
/// reading the file; a build records only files last changed well before
/// it started, so a change made while it read them, or within the file
/// system's clock step, is never hidden behind an unchanged time (git's
/// "racy" rule).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i128,
    /// Change time (of the inode, on Unix; 0 elsewhere), nanoseconds since
    /// the epoch: restoring a modification time changes it.
    pub ctime: i128,
    /// The hash of the file's text, as the inputs' fingerprint takes it.
    pub hash: u128,
}

impl Stamp {
    /// The size and times of the file `m` describes; the hash is left 0.
    pub fn of(m: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let ctime = {
            use std::os::unix::fs::MetadataExt;
            i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec())
        };
        #[cfg(not(unix))]
        let ctime = 0;
        Stamp {
            size: m.len(),
            mtime: mtime_of(m),
            ctime,
            hash: 0,
        }
    }

    /// Whether a file found as `self` is the file recorded as `known`.
    pub fn same_file(&self, known: &Stamp) -> bool {
        self.size == known.size && self.mtime == known.mtime && self.ctime == known.ctime
    }

    /// Whether the file was last changed at least [`SETTLED`] before
    /// `start` (nanoseconds since the epoch), so that it may be recorded.
    pub fn settled(&self, start: i128) -> bool {
        self.mtime > 0 && self.mtime.max(self.ctime) < start - SETTLED
    }
}

/// How long before a build a file must have last changed for the build
/// to record it: two seconds, the coarsest clock step of a common file
/// system (FAT's), in nanoseconds.
pub const SETTLED: i128 = 2_000_000_000;

/// A file's modification time in nanoseconds since the epoch, 0 when unknown.
pub fn mtime_of(m: &std::fs::Metadata) -> i128 {
    m.modified().map_or(0, nanos)
}

/// The time now, in nanoseconds since the epoch.
pub fn now() -> i128 {
    nanos(std::time::SystemTime::now())
}

/// `t` in nanoseconds since the epoch, 0 before it.
fn nanos(t: std::time::SystemTime) -> i128 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}
