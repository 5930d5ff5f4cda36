//! Write stage: the manifest of an output folder, `.jianxun-manifest`, which
//! lists every file the last build wrote there, one a line:
//! `path<TAB>size<TAB>mtime<TAB>hash` (an older manifest has the path only),
//! a `#fingerprint<TAB>hash` line for the inputs that build read, and a
//! `#source<TAB>path<TAB>size<TAB>mtime<TAB>ctime<TAB>hash` line for each
//! content file that had not changed for a while when that build read it
//! (see [`Stamp`]).
//!
//! It decides what a later build may remove, so it is read as untrusted
//! input: a committed or downloaded `site/` could carry any manifest. Every
//! path must be a plain relative path inside the output folder (no `..`, no
//! root, no drive, no backslash, no control character); one bad path makes
//! the whole manifest an error that names it, and nothing is removed. The
//! other fields only save work: one that does not read as a number is
//! ignored, and the file it describes is compared byte for byte instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::Diagnostic;
use crate::messages::{Key, Msg, io_reason};
use crate::msg;

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".jianxun-manifest";

/// Names jianxun reserves inside an output folder for its own bookkeeping.
pub const RESERVED: [&str; 3] = [MANIFEST, super::commit::MARKER, super::commit::INSIDE];

const HEADER: &str = "# Files written by jianxun; it removes only these.";
const FINGERPRINT: &str = "#fingerprint\t";
const SOURCE: &str = "#source\t";

pub use crate::content::stamp::Stamp;

/// What the manifest knows of one file as the last build left it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meta {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0: unknown).
    pub mtime: i128,
    /// [`hash`] of the bytes.
    pub hash: u128,
}

/// A manifest as read: the files with what is known of them, and the
/// fingerprint of the inputs of the build that wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Relative path → what the last build recorded (none for an older manifest).
    pub files: BTreeMap<String, Option<Meta>>,
    /// The inputs' fingerprint, when the last build recorded one.
    pub fingerprint: Option<u128>,
}

impl Manifest {
    /// Whether the manifest lists `rel`.
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// What the manifest recorded of `rel`.
    pub fn meta(&self, rel: &str) -> Option<Meta> {
        self.files.get(rel).copied().flatten()
    }
}

/// The content hash kept for every written file (XXH3, 128 bits).
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

pub use crate::content::stamp::mtime_of;

/// The fields after a path: size, mtime and hash, when all three read.
fn parse_meta(fields: &str) -> Option<Meta> {
    let mut it = fields.split('\t');
    let size = it.next()?.parse().ok()?;
    let mtime = it.next()?.parse().ok()?;
    let hash = u128::from_str_radix(it.next()?, 16).ok()?;
    it.next().is_none().then_some(Meta { size, mtime, hash })
}

/// A `#source` line after its tag: the path and the stamp.
fn parse_source(fields: &str) -> Option<(&str, Stamp)> {
    let mut it = fields.rsplitn(5, '\t');
    let hash = u128::from_str_radix(it.next()?, 16).ok()?;
    let ctime = it.next()?.parse().ok()?;
    let mtime = it.next()?.parse().ok()?;
    let size = it.next()?.parse().ok()?;
    let rel = it.next()?;
    Some((
        rel,
        Stamp {
            size,
            mtime,
            ctime,
            hash,
        },
    ))
}

/// The content files the manifest of `dir` records, by path relative to
/// the site root, `/`-separated; none when it cannot be read. [`text`]
/// writes them before the output files, so the reading stops at the first
/// line that is not one of jianxun's `#` lines. Only ever compared with
/// what a build finds: a line that does not read is left out, and that
/// file is read.
pub fn read_sources(dir: &Path) -> crate::content::discover::Known {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Default::default();
    };
    (text.lines())
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| l.strip_prefix(SOURCE).and_then(parse_source))
        .map(|(rel, stamp)| (rel.to_string(), stamp))
        .collect()
}

/// Whether `rel` is a safe relative output path: `/`-separated plain names,
/// none of them empty, `.`, `..` or holding a control character, a
/// backslash or a drive colon.
pub fn is_safe_rel(rel: &str) -> bool {
    !rel.is_empty()
        && rel.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && !part
                    .chars()
                    .any(|c| c.is_control() || c == '\\' || c == ':')
        })
}

/// Reads the manifest of `dir`: the files listed, or an empty manifest when
/// the folder has none. A manifest with a line whose path is not a safe
/// relative path is an error naming the manifest and the line.
pub fn read(dir: &Path) -> Result<Manifest, Diagnostic> {
    let path = dir.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
        Err(e) => {
            return Err(Diagnostic::error(
                &path,
                0,
                0,
                "manifest-invalid",
                Msg::new(Key::ManifestUnreadable).arg_msg(io_reason(&e)),
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| invalid(&path, 0, msg!(ManifestNotUtf8)))?;
    let mut out = Manifest::default();
    for (i, line) in text.lines().enumerate() {
        if let Some(fp) = line.strip_prefix(FINGERPRINT) {
            out.fingerprint = u128::from_str_radix(fp, 16).ok();
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (rel, fields) = line.split_once('\t').unwrap_or((line, ""));
        if !is_safe_rel(rel) {
            let shown: String = line.chars().flat_map(char::escape_debug).take(80).collect();
            return Err(invalid(&path, i + 1, msg!(ManifestBadLine, shown)));
        }
        out.files.insert(rel.to_string(), parse_meta(fields));
    }
    Ok(out)
}

fn invalid(path: &Path, line: usize, why: Msg) -> Diagnostic {
    Diagnostic::error(
        path,
        line,
        if line > 0 { 1 } else { 0 },
        "manifest-invalid",
        Msg::new(Key::ManifestInvalid).arg_msg(why),
    )
    .with_hint(msg!(ManifestInvalidHint))
}

/// The manifest's text for the files produced, with what is known of each,
/// the inputs' fingerprint and the content files' stamps.
pub fn text(
    produced: &BTreeMap<String, Option<Meta>>,
    fingerprint: Option<u128>,
    sources: &[(String, Stamp)],
) -> String {
    use std::fmt::Write;
    let mut manifest =
        String::with_capacity((produced.len() + sources.len()) * 100 + HEADER.len() + 60);
    manifest.push_str(HEADER);
    manifest.push('\n');
    if let Some(fp) = fingerprint {
        let _ = writeln!(manifest, "{FINGERPRINT}{fp:032x}");
    }
    // A path with a line break or a tab in it is not recorded: read each time.
    for (rel, s) in sources
        .iter()
        .filter(|(r, _)| !r.contains(['\n', '\r', '\t']))
    {
        let (size, mtime, ctime, hash) = (s.size, s.mtime, s.ctime, s.hash);
        let _ = writeln!(
            manifest,
            "{SOURCE}{rel}\t{size}\t{mtime}\t{ctime}\t{hash:032x}"
        );
    }
    for (rel, meta) in produced {
        manifest.push_str(rel);
        if let Some(m) = meta {
            let _ = write!(manifest, "\t{}\t{}\t{:032x}", m.size, m.mtime, m.hash);
        }
        manifest.push('\n');
    }
    manifest
}

/// The paths a manifest lists, as a set.
pub fn paths(m: &Manifest) -> BTreeSet<String> {
    m.files.keys().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_paths() {
        for ok in [
            "index.html",
            "bulletins/a/index.html",
            ".well-known/x",
            "a..b/c",
        ] {
            assert!(is_safe_rel(ok), "{ok}");
        }
        for bad in [
            "",
            "../victim.txt",
            "a/../../b",
            "/etc/passwd",
            "a//b",
            "./a",
            "a/.",
            "C:/x",
            "a\\..\\b",
            "\\\\server\\share",
            "a\nb",
            "a\0b",
        ] {
            assert!(!is_safe_rel(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_bad_line_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            "# x\nindex.html\n../victim.txt\n",
        )
        .unwrap();
        let e = read(dir.path()).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.code, "manifest-invalid");
        std::fs::write(dir.path().join(MANIFEST), "/abs\n").unwrap();
        assert_eq!(read(dir.path()).unwrap_err().line, 1);
        std::fs::write(dir.path().join(MANIFEST), "# x\na/b.html\n").unwrap();
        assert_eq!(read(dir.path()).unwrap().files.len(), 1);
        std::fs::write(dir.path().join(MANIFEST), b"index.html\n\xff\xfe\n").unwrap();
        let e = read(dir.path()).unwrap_err();
        assert_eq!((e.code, e.line), ("manifest-invalid", 0));
        assert!(e.message.en().contains("not UTF-8"), "{}", e.message);
    }

    #[test]
    fn hashes_and_the_fingerprint_round_trip_and_bad_fields_are_ignored() {
        let mut files = BTreeMap::new();
        let meta = Meta {
            size: 12,
            mtime: 1_700_000_000_123_456_789,
            hash: hash(b"hello world!"),
        };
        files.insert("a/index.html".to_string(), Some(meta));
        files.insert("b.txt".to_string(), None);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), text(&files, Some(7), &[])).unwrap();
        let m = read(dir.path()).unwrap();
        assert_eq!((m.files.clone(), m.fingerprint), (files, Some(7)));
        assert_eq!(m.meta("a/index.html"), Some(meta));
        for bad in [
            "x",
            "1\t2",
            "1\t2\t3\t4",
            "-1\t2\t3",
            "1\t2\tzz",
            "\t\t",
            "1\t2\t1ffffffffffffffffffffffffffffffff",
        ] {
            assert_eq!(parse_meta(bad), None, "{bad:?}");
        }
        std::fs::write(dir.path().join(MANIFEST), "#fingerprint\tnope\nx\t1\t2\n").unwrap();
        let m = read(dir.path()).unwrap();
        assert_eq!(m.fingerprint, None);
        assert_eq!(m.files.get("x"), Some(&None));
        // A tab cannot hide a bad path.
        std::fs::write(dir.path().join(MANIFEST), "../x\t1\t2\t3\n").unwrap();
        assert_eq!(read(dir.path()).unwrap_err().line, 1);
    }

    #[test]
    fn content_stamps_are_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = |n: u64| Stamp {
            size: n,
            mtime: 1_700_000_000_123_456_789,
            ctime: -5,
            hash: u128::MAX - u128::from(n),
        };
        let sources = vec![
            ("content/bulletins/宜宾 园区.md".to_string(), stamp(1)),
            ("content/bulletins/a\tb.md".to_string(), stamp(2)),
        ];
        let produced = BTreeMap::from([("index.html".to_string(), None)]);
        let text = text(&produced, Some(3), &sources);
        std::fs::write(dir.path().join(MANIFEST), &text).unwrap();
        let m = read(dir.path()).unwrap();
        assert_eq!(m.fingerprint, Some(3));
        let recorded = read_sources(dir.path());
        // A name with a tab is not recorded: that file is read each time.
        assert_eq!(recorded.len(), 1, "{text}");
        assert_eq!(recorded["content/bulletins/宜宾 园区.md"], stamp(1));
        assert_eq!(
            paths(&m),
            ["index.html".to_string()].into(),
            "a stamp is no output file"
        );
    }
}
