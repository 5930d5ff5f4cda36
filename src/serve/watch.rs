//! Watching: file-system events → a [`ChangeSet`] of what the site must redo.
//!
//! [`classify`] is pure: it sorts changed paths into config, templates,
//! static files and content, ignoring editor temp files, hidden files and
//! anything outside the watched folders. A path that is gone cannot say
//! whether it was a folder, so it is kept as [`ChangeSet::vanished`] for
//! the live site to decide (a folder moved away takes its files with it). [`Watcher`] wraps notify: it
//! watches folders (never single files, whose inode an atomic save
//! replaces) and coalesces a burst of events into one change set.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::content::discover::is_ignored;

/// The folders of a site that are watched recursively.
pub const WATCHED: &[&str] = &["content", "templates", "themes", "static"];

/// What changed, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// `jianxun.yaml` changed.
    pub config: bool,
    /// A template or theme file other than static files changed.
    pub templates: bool,
    /// Static files changed (paths relative to the root).
    pub statics: BTreeSet<PathBuf>,
    /// Content files changed, created or deleted (paths relative to the root).
    pub content: BTreeSet<PathBuf>,
    /// A folder appeared or vanished: re-read everything under it.
    pub rescan: bool,
    /// Paths under the watched folders that are gone and are not files the
    /// site reads by name: perhaps folders moved away or deleted. The live
    /// site re-reads everything when one of them held its files.
    pub vanished: BTreeSet<PathBuf>,
}

/// What a changed path is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    /// A file (or anything that is not a folder).
    File,
    /// A folder.
    Folder,
    /// Nothing: deleted, or moved away.
    Gone,
}

impl Now {
    /// Looks at the file system.
    pub fn of(path: &Path) -> Now {
        // A link to a folder is walked like a folder; a dangling link is a file.
        if path.is_dir() {
            Now::Folder
        } else if path.symlink_metadata().is_ok() {
            Now::File
        } else {
            Now::Gone
        }
    }
}

impl ChangeSet {
    /// Nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        !self.config
            && !self.templates
            && self.statics.is_empty()
            && self.content.is_empty()
            && !self.rescan
            && self.vanished.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them without a reload.
    pub fn css_only(&self) -> bool {
        !self.config
            && !self.templates
            && !self.rescan
            && self.content.is_empty()
            && !self.statics.is_empty()
            && self
                .statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
    }

    /// Adds another change set.
    pub fn merge(&mut self, other: ChangeSet) {
        self.config |= other.config;
        self.templates |= other.templates;
        self.rescan |= other.rescan;
        self.statics.extend(other.statics);
        self.content.extend(other.content);
        self.vanished.extend(other.vanished);
    }

    /// Whether anything but [`ChangeSet::vanished`] changed.
    pub fn named_files_changed(&self) -> bool {
        !ChangeSet {
            vanished: BTreeSet::new(),
            ..self.clone()
        }
        .is_empty()
    }
}

/// Sorts changed paths (absolute, under `root`) into a change set.
/// `now` tells what each of them is now.
pub fn classify<'a>(
    root: &Path,
    paths: impl IntoIterator<Item = &'a Path>,
    now: impl Fn(&Path) -> Now,
) -> ChangeSet {
    let mut cs = ChangeSet::default();
    for abs in paths {
        let Ok(rel) = abs.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let Some(first) = parts.first() else { continue };
        if parts.iter().any(|p| is_ignored(p)) {
            continue;
        }
        if parts.len() == 1 {
            if first == CONFIG_FILE {
                cs.config = true;
            } else if WATCHED.contains(&first.as_str()) {
                // A watched folder itself appeared or vanished.
                cs.rescan = true;
            }
            continue;
        }
        let state = now(abs);
        let dir = state == Now::Folder;
        match first.as_str() {
            "content" => {
                if dir {
                    cs.rescan = true;
                } else if rel.extension().is_some_and(|e| e == "md") {
                    cs.content.insert(rel.to_path_buf());
                } else if crate::content::discover::is_asset(rel) {
                    // An image beside a bulletin is published like a static file.
                    cs.statics.insert(rel.to_path_buf());
                } else if state == Now::Gone {
                    cs.vanished.insert(rel.to_path_buf());
                }
            }
            "templates" => cs.templates = true,
            "themes" => {
                // themes/<name>/static/… is static; everything else is templates or theme config.
                if parts.get(2).is_some_and(|p| p == "static") {
                    if dir {
                        cs.rescan = true;
                    } else {
                        if state == Now::Gone {
                            cs.vanished.insert(rel.to_path_buf());
                        }
                        cs.statics.insert(rel.to_path_buf());
                    }
                } else {
                    cs.templates = true;
                }
            }
            "static" => {
                if dir {
                    cs.rescan = true;
                } else {
                    if state == Now::Gone {
                        cs.vanished.insert(rel.to_path_buf());
                    }
                    cs.statics.insert(rel.to_path_buf());
                }
            }
            _ => {}
        }
    }
    cs
}

/// A running watcher delivering coalesced change sets.
pub struct Watcher {
    _inner: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watcher {
    /// Watches the site at `root` (the root folder itself only for `jianxun.yaml`
    /// and for watched folders appearing; the watched folders recursively).
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let (tx, rx) = channel();
        // Never follow links: one that leaves the site (`static/root → /`)
        // would put a watch on every folder it reaches. Links that stay
        // inside point at files watched where they are.
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut inner = RecommendedWatcher::new(
            move |ev| {
                let _ = tx.send(ev);
            },
            config,
        )?;
        inner.watch(root, RecursiveMode::NonRecursive)?;
        for d in WATCHED {
            let p = root.join(d);
            if p.is_dir() {
                inner.watch(&p, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watcher {
            _inner: inner,
            rx,
            root: root.to_path_buf(),
        })
    }

    /// Starts watching a folder that appeared after start.
    pub fn watch_new(&mut self, dir: &Path) {
        let _ = self._inner.watch(dir, RecursiveMode::Recursive);
    }

    /// Starts watching the watched folders that are there now, when the
    /// change set `cs` asks for a new walk (one may have appeared).
    pub fn follow_new_folders(&mut self, cs: &ChangeSet) {
        if !cs.rescan {
            return;
        }
        for d in WATCHED {
            let p = self.root.join(d);
            if p.is_dir() {
                self.watch_new(&p);
            }
        }
    }

    /// Waits for the next change set: blocks for the first relevant event,
    /// then keeps collecting until `quiet` passes with no new event (at most
    /// `max` in all), so a burst of saves becomes one rebuild.
    pub fn next(&self, quiet: Duration, max: Duration) -> Option<ChangeSet> {
        let mut cs = ChangeSet::default();
        // Block for the first relevant event.
        loop {
            let ev = self.rx.recv().ok()?;
            cs.merge(self.classify(ev));
            if !cs.is_empty() {
                break;
            }
        }
        let start = Instant::now();
        let mut last = Instant::now();
        loop {
            let left = quiet
                .saturating_sub(last.elapsed())
                .min(max.saturating_sub(start.elapsed()));
            if left.is_zero() {
                return Some(cs);
            }
            match self.rx.recv_timeout(left) {
                Ok(ev) => {
                    let more = self.classify(ev);
                    if !more.is_empty() {
                        cs.merge(more);
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Some(cs),
                Err(RecvTimeoutError::Disconnected) => return Some(cs),
            }
        }
    }

    fn classify(&self, ev: notify::Result<notify::Event>) -> ChangeSet {
        match ev {
            Ok(ev) if matches!(ev.kind, EventKind::Access(_)) => ChangeSet::default(),
            Ok(ev) => classify(&self.root, ev.paths.iter().map(PathBuf::as_path), Now::of),
            // The kernel dropped events (queue overflow): re-read everything.
            Err(_) => ChangeSet {
                rescan: true,
                ..ChangeSet::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(paths: &[&str]) -> ChangeSet {
        let root = Path::new("/site");
        let abs: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, abs.iter().map(PathBuf::as_path), |p| {
            if p.to_string_lossy().contains("gone") {
                Now::Gone
            } else if p.extension().is_none() && !p.ends_with("4913") {
                Now::Folder
            } else {
                Now::File
            }
        })
    }

    #[test]
    fn classification_table() {
        assert!(cs(&["jianxun.yaml"]).config);
        assert_eq!(cs(&["content/bulletins/a.md"]).content.len(), 1);
        assert!(cs(&["templates/base.html"]).templates);
        assert!(cs(&["themes/default/templates/base.html"]).templates);
        assert!(cs(&["themes/default/theme.yaml"]).templates);
        assert!(cs(&["themes/default/static/style.css"]).css_only());
        assert!(cs(&["static/style.css"]).css_only());
        assert!(!cs(&["static/logo.png"]).css_only());
        assert!(
            cs(&["content/bulletins/2027"]).rescan,
            "a new folder is re-read"
        );
        assert!(cs(&["content"]).rescan);
    }

    #[test]
    fn a_path_that_is_gone_may_have_been_a_folder() {
        let moved = cs(&["content/bulletins/gone-2024"]);
        assert!(!moved.rescan && moved.content.is_empty());
        assert_eq!(
            moved.vanished.iter().collect::<Vec<_>>(),
            [Path::new("content/bulletins/gone-2024")]
        );
        assert!(!moved.is_empty() && !moved.named_files_changed());
        let deleted = cs(&["content/bulletins/gone.md"]);
        assert!(deleted.vanished.is_empty() && deleted.content.len() == 1);
        let statics = cs(&["static/img-gone"]);
        assert!(statics.vanished.len() == 1 && statics.statics.len() == 1);
        assert!(cs(&["content/bulletins/.gone-swap"]).is_empty());
    }

    #[test]
    fn editor_and_output_noise_is_ignored() {
        for p in [
            "content/bulletins/.a.md.swp",
            "content/bulletins/a.md~",
            "content/bulletins/.#a.md",
            "content/bulletins/4913",
            "content/bulletins/a.txt",
            "site/index.html",
            "target/debug/x",
            ".git/index",
            "README.md",
        ] {
            assert!(cs(&[p]).is_empty(), "{p}");
        }
    }
}
