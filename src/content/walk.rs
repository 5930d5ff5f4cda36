//! The site folder as discovery sees it: listing and opening files without
//! ever leaving the site root.
//!
//! Takes the site root and paths under it; gives the files under a folder
//! (sorted, editor temp files skipped) or one file's bytes, and a
//! diagnostic for everything it would not or could not follow. Symbolic
//! links are followed only while their target, canonicalised, stays inside
//! the site root: a link that leaves it is reported at the link and nothing
//! is read through it; a link back into a folder being walked (a loop) is
//! reported, not walked; broken links and folders that cannot be listed are
//! errors naming their path, never skipped in silence.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, shown};
use crate::messages::{Key, Msg, io_reason};
use crate::msg;

/// A file found under the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it was found: the root joined with its path through the site's folders.
    pub path: PathBuf,
    /// The file itself, every link resolved (inside the site root).
    pub real: PathBuf,
}

/// The site root, canonicalised once, that every path is checked against.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    root: PathBuf,
    real: PathBuf,
}

/// `canonicalize` failed because links point at each other in a circle.
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(all(unix, not(target_os = "linux")))]
    const ELOOP: i32 = 62;
    // ERROR_CANT_RESOLVE_FILENAME
    #[cfg(windows)]
    const ELOOP: i32 = 1921;
    #[cfg(not(any(unix, windows)))]
    const ELOOP: i32 = -1;
    e.raw_os_error() == Some(ELOOP)
}

impl SiteRoot {
    /// The site at `root`. A root that cannot be canonicalised admits no
    /// link at all (every one is reported), so nothing is read by mistake.
    pub fn new(root: &Path) -> SiteRoot {
        SiteRoot {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// `abs` relative to the site root, for messages.
    pub fn rel(&self, abs: &Path) -> PathBuf {
        abs.strip_prefix(&self.root).unwrap_or(abs).to_path_buf()
    }

    fn io(&self, abs: &Path, what: Key, e: &std::io::Error) -> Diagnostic {
        Diagnostic::error(
            self.rel(abs),
            0,
            0,
            "io",
            Msg::new(what).arg_msg(io_reason(e)),
        )
        .with_hint(msg!(CheckPathReadable))
    }

    /// Where the link at `link` leads: its canonical target, if that is
    /// inside the site root.
    fn follow(&self, link: &Path) -> Result<PathBuf, Diagnostic> {
        let rel = self.rel(link);
        let written = std::fs::read_link(link)
            .map(|t| shown(&t))
            .unwrap_or_default();
        match std::fs::canonicalize(link) {
            Ok(t) if t.starts_with(&self.real) => Ok(t),
            Ok(_) => Err(Diagnostic::error(
                &rel,
                0,
                0,
                "symlink-outside",
                msg!(SymlinkOutside, &written),
            )
            .with_hint(msg!(SymlinkOutsideHint))),
            Err(e) if is_loop(&e) => Err(self.loop_at(link)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(
                    Diagnostic::error(&rel, 0, 0, "symlink-broken", msg!(SymlinkBroken, &written))
                        .with_hint(msg!(SymlinkBrokenHint)),
                )
            }
            Err(e) => Err(self.io(link, Key::CannotFollowLink, &e)),
        }
    }

    fn loop_at(&self, link: &Path) -> Diagnostic {
        Diagnostic::error(self.rel(link), 0, 0, "symlink-loop", msg!(SymlinkLoop))
            .with_hint(msg!(SymlinkLoopHint))
    }

    /// Checks `abs` (a path under the root) component by component: every
    /// link on the way must stay inside the site. `Ok(None)` when nothing
    /// is there; `Ok(Some(real))` with the canonical path otherwise.
    pub fn resolve(&self, abs: &Path) -> Result<Option<PathBuf>, Diagnostic> {
        let rel = self.rel(abs);
        let mut cur = self.root.clone();
        for part in rel.components() {
            cur.push(part);
            match std::fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => {
                    self.follow(&cur)?;
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(self.io(&cur, Key::CannotRead, &e)),
            }
        }
        match std::fs::canonicalize(abs) {
            // Checked link by link above; this catches whatever slipped between.
            Ok(real) if real.starts_with(&self.real) => Ok(Some(real)),
            Ok(_) => self.follow(abs).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.io(abs, Key::CannotRead, &e)),
        }
    }

    /// The bytes of the file at `abs`; `Ok(None)` when there is none.
    pub fn read(&self, abs: &Path) -> Result<Option<Vec<u8>>, Diagnostic> {
        let Some(real) = self.resolve(abs)? else {
            return Ok(None);
        };
        if !real.is_file() {
            return Ok(None);
        }
        std::fs::read(&real)
            .map(Some)
            .map_err(|e| self.io(abs, Key::CannotReadFile, &e))
    }

    /// Files under the folder `dir` (the root joined with a path), sorted
    /// by path, skipping the names `skip` accepts. Links and unreadable
    /// folders that are not followed are added to `diags`.
    pub fn walk(
        &self,
        dir: &Path,
        skip: &dyn Fn(&str) -> bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Found> {
        let real = match self.resolve(dir) {
            Ok(Some(real)) if real.is_dir() => real,
            Ok(_) => return Vec::new(),
            Err(d) => {
                diags.push(d);
                return Vec::new();
            }
        };
        let mut walk = Walk {
            site: self,
            skip,
            open: vec![real.clone()],
            found: Vec::new(),
            diags,
        };
        walk.folder(dir, &real);
        walk.found
    }
}

/// One walk in progress.
struct Walk<'a> {
    site: &'a SiteRoot,
    skip: &'a dyn Fn(&str) -> bool,
    /// The canonical folders being walked, outermost first: a link to one
    /// of them, or to a folder holding one of them, is a loop.
    open: Vec<PathBuf>,
    found: Vec<Found>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks the folder seen at `seen`, which is `real` on disk.
    fn folder(&mut self, seen: &Path, real: &Path) {
        let entries = match std::fs::read_dir(real) {
            Ok(rd) => rd,
            Err(e) => {
                self.diags
                    .push(self.site.io(seen, Key::CannotListFolder, &e));
                return;
            }
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
                Ok(child) => children.push(child),
                Err(e) => {
                    self.diags
                        .push(self.site.io(seen, Key::CannotListFolder, &e));
                    return;
                }
            }
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in children {
            if (self.skip)(&name.to_string_lossy()) {
                continue;
            }
            let seen = seen.join(&name);
            let real = real.join(&name);
            if kind.is_symlink() {
                match self.site.follow(&seen) {
                    Ok(target) if target.is_dir() => self.enter(&seen, target),
                    Ok(target) if target.is_file() => self.found.push(Found {
                        path: seen,
                        real: target,
                    }),
                    // Sockets, pipes and devices are not site files.
                    Ok(_) => {}
                    Err(d) => self.diags.push(d),
                }
            } else if kind.is_dir() {
                self.enter(&seen, real);
            } else if kind.is_file() {
                self.found.push(Found { path: seen, real });
            }
        }
    }

    fn enter(&mut self, seen: &Path, real: PathBuf) {
        if self.open.iter().any(|o| o.starts_with(&real)) {
            self.diags.push(self.site.loop_at(seen));
            return;
        }
        self.open.push(real.clone());
        self.folder(seen, &real);
        self.open.pop();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn codes(d: &[Diagnostic]) -> Vec<(String, &'static str)> {
        d.iter().map(|d| (d.file(), d.code)).collect()
    }

    #[test]
    fn follows_inside_refuses_outside_reports_loops_and_broken_links() {
        let site = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let r = site.path();
        std::fs::create_dir_all(r.join("s/sub")).unwrap();
        std::fs::create_dir_all(r.join("shared")).unwrap();
        std::fs::write(r.join("s/a.txt"), "a").unwrap();
        std::fs::write(r.join("shared/b.txt"), "b").unwrap();
        std::fs::write(away.path().join("x.txt"), "x").unwrap();
        symlink("../shared", r.join("s/in")).unwrap();
        symlink(away.path(), r.join("s/out")).unwrap();
        symlink("..", r.join("s/sub/up")).unwrap();
        symlink("nope", r.join("s/gone")).unwrap();
        symlink(".#lock", r.join("s/.#a.txt")).unwrap();
        let root = SiteRoot::new(r);
        let mut d = Vec::new();
        let found = root.walk(&r.join("s"), &|n| n.starts_with('.'), &mut d);
        let names: Vec<_> = found.iter().map(|f| root.rel(&f.path)).collect();
        assert_eq!(names, [Path::new("s/a.txt"), Path::new("s/in/b.txt")]);
        assert!(found[1].real.ends_with("shared/b.txt"));
        assert_eq!(
            codes(&d),
            [
                ("s/gone".to_string(), "symlink-broken"),
                ("s/out".to_string(), "symlink-outside"),
                ("s/sub/up".to_string(), "symlink-loop"),
            ]
        );
    }

    #[test]
    fn reading_checks_every_link_on_the_way() {
        let site = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let r = site.path();
        std::fs::write(away.path().join("x.md"), "x").unwrap();
        symlink(away.path(), r.join("dir")).unwrap();
        let root = SiteRoot::new(r);
        let e = root.read(&r.join("dir/x.md")).unwrap_err();
        assert_eq!((e.file(), e.code), ("dir".to_string(), "symlink-outside"));
        assert_eq!(root.read(&r.join("none.md")).unwrap(), None);
    }
}
