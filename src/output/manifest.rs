//! Write stage: the manifest of an output folder, `.jianxun-manifest`, which
//! lists every file the last build wrote there (one relative path a line).
//!
//! It decides what a later build may remove, so it is read as untrusted
//! input: a committed or downloaded `site/` could carry any manifest. Every
//! line must be a plain relative path inside the output folder (no `..`, no
//! root, no drive, no backslash, no control character); one bad line makes
//! the whole manifest an error that names it, and nothing is removed.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::messages::{Key, Msg, io_reason};
use crate::msg;

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".jianxun-manifest";

/// Names jianxun reserves inside an output folder for its own bookkeeping.
pub const RESERVED: [&str; 3] = [MANIFEST, super::commit::MARKER, super::commit::INSIDE];

const HEADER: &str = "# Files written by jianxun; it removes only these.";

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

/// Reads the manifest of `dir`: the files listed, or an empty set when the
/// folder has no manifest. A manifest with a line that is not a safe
/// relative path is an error naming the manifest and the line.
pub fn read(dir: &Path) -> Result<BTreeSet<String>, Diagnostic> {
    let path = dir.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
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
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !is_safe_rel(line) {
            let shown: String = line.chars().flat_map(char::escape_debug).take(80).collect();
            return Err(invalid(&path, i + 1, msg!(ManifestBadLine, shown)));
        }
        out.insert(line.to_string());
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

/// The manifest's text for the files produced.
pub fn text(produced: &BTreeSet<String>) -> String {
    let mut manifest = String::with_capacity(produced.len() * 40 + HEADER.len() + 1);
    manifest.push_str(HEADER);
    manifest.push('\n');
    for rel in produced {
        manifest.push_str(rel);
        manifest.push('\n');
    }
    manifest
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
        assert_eq!(read(dir.path()).unwrap().len(), 1);
        std::fs::write(dir.path().join(MANIFEST), b"index.html\n\xff\xfe\n").unwrap();
        let e = read(dir.path()).unwrap_err();
        assert_eq!((e.code, e.line), ("manifest-invalid", 0));
        assert!(e.message.en().contains("not UTF-8"), "{}", e.message);
    }
}
