//! Write stage, last step: putting a staged build in place of the output
//! folder so that it is never seen half old and half new, and recovering a
//! commit that was interrupted (a killed build, a power cut).
//!
//! Takes a staging folder and the output folder; gives the output folder
//! holding the new site. Two ways, chosen by where the staging folder is:
//!
//! - **Swap** (the usual case): the staging folder sits beside the output
//!   folder on the same file system and holds the *whole* new site (files
//!   that did not change are hard links to the old ones, so they keep their
//!   mtime and cost no space). One `renameat2(RENAME_EXCHANGE)` swaps the two
//!   folders; the old site, now in the staging folder, is then removed.
//!   Readers of the output folder see the old site or the new one, never a
//!   mix, wherever the process is killed.
//! - **Journal** (an output folder that is a mount point, or a system
//!   without an atomic swap): changed files are staged inside the output
//!   folder, a journal file marks the staging complete, and the files are
//!   moved in one by one. A killed commit is finished by the next run
//!   (roll forward), so the site is whole again before anything else
//!   happens.
//!
//! A leftover staging folder is removed only when every file in it is
//! provably jianxun's (a fresh staging folder carries a marker file; an old
//! site's files are listed in its manifest or are hard links of files of
//! the output folder); otherwise the build stops and names it.

use crate::messages::{Key, Msg, io_reason};
use crate::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use walkdir::WalkDir;

use super::manifest::{self, MANIFEST, is_safe_rel};
use crate::diag::Diagnostic;

/// A file in a staging folder that is still being filled: everything in
/// such a folder was written by jianxun.
pub const MARKER: &str = ".jianxun-building";
/// The staging folder inside the output folder (journal way).
pub const INSIDE: &str = ".jianxun-staging";
/// A file in a staging folder that is complete and being moved in: its
/// lines are the files of the old build to remove afterwards.
const JOURNAL: &str = ".jianxun-commit";

/// Where a build stages its files.
#[derive(Debug, Clone)]
pub struct Place {
    /// The output folder (absolute).
    pub out: PathBuf,
    /// The staging folder (absolute).
    pub stage: PathBuf,
    /// Swap (a whole site beside the output) or journal (changes inside it).
    pub swap: bool,
}

impl Place {
    /// The staging folders a build of `out` may have left behind.
    fn leftovers(out: &Path) -> [PathBuf; 2] {
        [sibling(out), out.join(INSIDE)]
    }
}

/// The staging folder beside `out`: `.<name>.jianxun-staging`.
pub fn sibling(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(format!(".{name}.jianxun-staging"))
}

pub(super) fn io_err(path: &Path, what: Key, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, "io", Msg::new(what).arg_msg(io_reason(&e)))
}

/// Counts the file operations of a commit. When the environment variable
/// `JIANXUN_TEST_KILL_AT_STEP=N` is set, the process dies (as if killed)
/// at the N-th one: the tests use it to interrupt a commit at every point.
pub(super) fn step() {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    static KILL_AT: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    let kill = KILL_AT.get_or_init(|| {
        std::env::var("JIANXUN_TEST_KILL_AT_STEP")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if *kill == Some(n) {
        std::process::abort();
    }
}

/// Whether an interrupted build left a staging folder behind.
pub fn pending(out: &Path) -> bool {
    Place::leftovers(out).iter().any(|s| s.is_dir())
}

/// Finishes or clears whatever an interrupted build left: a complete
/// journal is rolled forward, a staging folder that is provably jianxun's
/// is removed, anything else is an error naming the folder.
pub fn recover(out: &Path) -> Result<(), Diagnostic> {
    for stage in Place::leftovers(out) {
        if !stage.is_dir() || stage.is_symlink() {
            continue;
        }
        if stage.join(JOURNAL).is_file() {
            roll_forward(&stage, out)?;
        } else {
            clear(&stage, out)?;
        }
    }
    Ok(())
}

/// Removes a leftover staging folder if every file in it is jianxun's.
fn clear(stage: &Path, out: &Path) -> Result<(), Diagnostic> {
    let fresh = stage.join(MARKER).is_file();
    if !fresh {
        let own = manifest::read(stage).unwrap_or_default();
        let current = manifest::read(out).unwrap_or_default();
        let foreign: Vec<String> = files(stage)
            .into_iter()
            .filter(|rel| {
                rel != MANIFEST
                    && !own.contains(rel)
                    && !current.contains(rel)
                    && !same_file(&stage.join(rel), &out.join(rel))
            })
            .collect();
        if !foreign.is_empty() {
            let shown: Vec<_> = foreign.iter().take(5).cloned().collect();
            return Err(Diagnostic::error(
                stage,
                0,
                0,
                "output-refused",
                msg!(
                    StagingForeign,
                    crate::diag::shown(stage),
                    foreign.len(),
                    format_args!(
                        "{}{}",
                        shown.join(", "),
                        if foreign.len() > 5 { ", …" } else { "" }
                    )
                ),
            )
            .with_hint(msg!(StagingForeignHint)));
        }
    }
    // File by file, so an interruption here is tried too; the manifest
    // goes last, as it is what proves the rest is jianxun's.
    for rel in files(stage).into_iter().filter(|r| r != MANIFEST) {
        step();
        remove_file(&stage.join(rel))?;
    }
    step();
    std::fs::remove_dir_all(stage).map_err(|e| io_err(stage, Key::IoRemoveOldStaging, e))
}

/// Every file under `dir`, relative, `/`-separated, symlinks not followed.
fn files(dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
        // A carried symlink is a new link with the same target.
        (Ok(ma), Ok(mb)) if ma.is_symlink() && mb.is_symlink() => {
            std::fs::read_link(a).ok() == std::fs::read_link(b).ok()
        }
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Swap way: `stage` holds the whole new site (manifest included). Puts it
/// in place of `out`, then removes the old site, whose files `old` lists.
pub fn swap(
    stage: &Path,
    out: &Path,
    removed: &[String],
    old: &manifest::Manifest,
) -> Result<(), Diagnostic> {
    // From here the staging folder is complete: a leftover is recognised by
    // its manifest, not by the marker.
    step();
    remove_file(&stage.join(MARKER))?;
    if !out.exists() {
        step();
        return std::fs::rename(stage, out).map_err(|e| io_err(out, Key::IoPutInPlace, e));
    }
    step();
    match exchange(stage, out) {
        Ok(true) => {}
        Ok(false) => return journal(stage, out, removed),
        Err(e) => return Err(io_err(out, Key::IoPutInPlace, e)),
    }
    // `stage` now holds the old site: every file in it is listed in its
    // manifest or is a hard link of a file now in `out`.
    clear_listed(stage, old);
    if stage.exists() {
        clear(stage, out)?;
    }
    Ok(())
}

/// Removes the files `old` lists from `stage`, in parallel, then its
/// manifest, then the folders they leave empty — without walking the
/// folder, which at 10,000 bulletins costs more than the removals. Whatever
/// else is there (files carried over, a file that appeared meanwhile) is
/// left for [`clear`], which judges it.
fn clear_listed(stage: &Path, old: &manifest::Manifest) {
    use rayon::prelude::*;
    let listed: Vec<&String> = (old.files.keys())
        .filter(|r| r.as_str() != MANIFEST && is_safe_rel(r))
        .collect();
    listed.par_iter().for_each(|rel| {
        step();
        let _ = std::fs::remove_file(stage.join(rel));
    });
    // The manifest goes last: it is what proves a leftover is jianxun's.
    step();
    let _ = std::fs::remove_file(stage.join(MANIFEST));
    let mut folders: Vec<&str> = (listed.iter())
        .flat_map(|rel| {
            let mut at = rel.len();
            std::iter::from_fn(move || {
                at = rel[..at].rfind('/')?;
                Some(&rel[..at])
            })
        })
        .collect();
    folders.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    folders.dedup();
    for f in folders {
        let _ = std::fs::remove_dir(stage.join(f));
    }
    let _ = std::fs::remove_dir(stage);
}

/// Journal way: `stage` holds the changed files and the new manifest.
/// Marks it complete, then moves the files in.
pub fn journal(stage: &Path, out: &Path, removed: &[String]) -> Result<(), Diagnostic> {
    let path = stage.join(JOURNAL);
    let mut text = String::new();
    for rel in removed {
        text.push_str(rel);
        text.push('\n');
    }
    step();
    std::fs::write(&path, text).map_err(|e| io_err(&path, Key::IoWrite, e))?;
    roll_forward(stage, out)
}

/// Moves every staged file into `out`, removes the files the journal
/// lists, then the manifest. Safe to repeat after an interruption.
fn roll_forward(stage: &Path, out: &Path) -> Result<(), Diagnostic> {
    let journal = stage.join(JOURNAL);
    let removed =
        std::fs::read_to_string(&journal).map_err(|e| io_err(&journal, Key::CannotRead, e))?;
    for rel in files(stage) {
        if [MARKER, JOURNAL, MANIFEST].contains(&rel.as_str()) {
            continue;
        }
        let target = out.join(&rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_err(parent, Key::IoCreateFolder, e))?;
        }
        step();
        std::fs::rename(stage.join(&rel), &target).map_err(|e| io_err(&target, Key::IoWrite, e))?;
    }
    for rel in removed.lines().filter(|l| is_safe_rel(l)) {
        let target = out.join(rel);
        if target.is_file() {
            step();
            remove_file(&target)?;
        }
        remove_empty_parents(&target, out);
    }
    let m = stage.join(MANIFEST);
    if m.is_file() {
        step();
        std::fs::rename(&m, out.join(MANIFEST))
            .map_err(|e| io_err(out, Key::IoWriteManifest, e))?;
    }
    step();
    std::fs::remove_dir_all(stage).map_err(|e| io_err(stage, Key::IoRemoveStaging, e))
}

fn remove_file(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(path, Key::IoRemove, e)),
        _ => Ok(()),
    }
}

/// Removes the folders left empty above `file`, up to `top`.
fn remove_empty_parents(file: &Path, top: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == top || !d.starts_with(top) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Swaps two folders in one step. `Ok(false)` when the system or the file
/// system cannot, so the caller takes the journal way.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the call's duration.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EXDEV | libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Swap way: brings what `out` holds besides the old build's files (a
/// `.git` folder, files kept with `--force`: the survey taken when the
/// build began) and the new site does not produce into the staging folder
/// as hard links, so the swap keeps them.
pub fn carry(
    out: &Path,
    stage: &Path,
    survey: &Survey,
    produced: &BTreeMap<String, Option<manifest::Meta>>,
) -> Result<(), Diagnostic> {
    for u in &survey.unlisted {
        // Something the new site produces there, or a file of the new site
        // where this needs a folder: the new site wins.
        let taken = produced.contains_key(&u.rel)
            || (u.rel.match_indices('/')).any(|(i, _)| produced.contains_key(&u.rel[..i]));
        let target = stage.join(&u.rel);
        if taken || target.symlink_metadata().is_ok() {
            continue;
        }
        match u.kind {
            Kind::Folder => std::fs::create_dir_all(&target)
                .map_err(|err| io_err(&target, Key::IoCreateFolder, err))?,
            Kind::File | Kind::Symlink => {
                step();
                link_or_copy(&out.join(&u.rel), &target, u.kind == Kind::Symlink)?;
            }
        }
    }
    Ok(())
}

/// What the output folder holds besides the files the last build wrote,
/// found by one walk when a build begins.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// In path order.
    pub unlisted: Vec<Unlisted>,
    /// Whether every file the manifest lists was found as a file with the
    /// size and mtime it records (nothing changed them since), and the
    /// fingerprint that manifest records: together, whether a build of
    /// inputs with that fingerprint has nothing to do (see
    /// [`Survey::up_to_date`]).
    intact: Option<u128>,
}

/// A file, link or empty folder of the output folder that the last build's
/// manifest does not list.
#[derive(Debug, Clone)]
pub struct Unlisted {
    /// Path in the output folder, `/`-separated.
    pub rel: String,
    /// What it is.
    pub kind: Kind,
}

/// The kind of an [`Unlisted`] entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file.
    File,
    /// A symbolic link (never followed).
    Symlink,
    /// An empty folder (a folder with files comes with them).
    Folder,
}

impl Survey {
    /// Walks `out` (which may not exist) against the last build's manifest.
    /// Folders are read in parallel: at 10,000 bulletins the output folder
    /// holds some 12,000 of them, and this walk comes before every build.
    pub fn of(out: &Path, old: &manifest::Manifest) -> Survey {
        let found = survey_folder(out, out, true, old);
        let mut unlisted = found.unlisted;
        unlisted.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        let all = !old.files.is_empty() && found.intact == old.files.len();
        Survey {
            unlisted,
            intact: old.fingerprint.filter(|_| all),
        }
    }

    /// Whether the output folder, as this survey found it, already holds
    /// what a build of inputs with `fingerprint` writes: its manifest
    /// records that fingerprint and lists files, and every file it lists
    /// is there as that build left it (the same size and mtime), found
    /// from its folder and never through a link.
    pub fn up_to_date(&self, fingerprint: u128) -> bool {
        self.intact == Some(fingerprint)
    }

    /// The files and links that are someone else's: all but jianxun's own
    /// bookkeeping and a `.git` folder.
    pub fn foreign(&self) -> Vec<String> {
        (self.unlisted.iter())
            .filter(|u| u.kind != Kind::Folder)
            .filter(|u| u.rel != ".git" && !u.rel.starts_with(".git/"))
            .map(|u| u.rel.clone())
            .collect()
    }
}

/// Hard-links `from` to `to` (a symlink is recreated as a symlink); copies
/// when the file system has no hard links.
pub fn link_or_copy(from: &Path, to: &Path, symlink: bool) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_err(parent, Key::IoCreateFolder, e))?;
    }
    link_into(from, to, symlink)
}

/// [`link_or_copy`] into a folder that exists.
pub fn link_into(from: &Path, to: &Path, symlink: bool) -> Result<(), Diagnostic> {
    #[cfg(unix)]
    if symlink {
        let target = std::fs::read_link(from).map_err(|e| io_err(from, Key::IoReadLink, e))?;
        return std::os::unix::fs::symlink(target, to).map_err(|e| io_err(to, Key::IoWrite, e));
    }
    let _ = symlink;
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| io_err(to, Key::IoWrite, e))
}

/// What one folder of the output folder holds, with its sub-folders.
#[derive(Default)]
struct Found {
    /// What the manifest does not list.
    unlisted: Vec<Unlisted>,
    /// How many files the manifest lists are there, as it records them.
    intact: usize,
    /// Whether the folder holds anything at all.
    any: bool,
}

/// What folder `dir` of the output folder `out` holds that `old` does not
/// list, whether it holds anything at all, and how many of the files `old`
/// lists are there unchanged. Links are never followed; jianxun's own
/// bookkeeping at the top (`top`) is passed over; an empty folder (or one
/// that cannot be read) is reported as such.
fn survey_folder(out: &Path, dir: &Path, top: bool, old: &manifest::Manifest) -> Found {
    use rayon::prelude::*;
    let mut found = Found::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut folders = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        if top && manifest::RESERVED.iter().any(|r| name == *r) {
            continue;
        }
        let Ok(ft) = e.file_type() else {
            continue;
        };
        found.any = true;
        let path = e.path();
        let Ok(rel) = path.strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if ft.is_dir() {
            folders.push((path, rel));
            continue;
        }
        match old.files.get(&rel) {
            None => {
                let kind = if ft.is_symlink() {
                    Kind::Symlink
                } else {
                    Kind::File
                };
                found.unlisted.push(Unlisted { rel, kind });
            }
            // Looked up from the folder already open (never through a link).
            Some(Some(k)) if ft.is_file() => {
                if e.metadata().is_ok_and(|m| {
                    m.is_file() && m.len() == k.size && manifest::mtime_of(&m) == k.mtime
                }) {
                    found.intact += 1;
                }
            }
            Some(_) => {}
        }
    }
    let inner: Vec<Found> = folders
        .into_par_iter()
        .map(|(path, rel)| {
            let mut sub = survey_folder(out, &path, false, old);
            if !sub.any {
                sub.unlisted.push(Unlisted {
                    rel,
                    kind: Kind::Folder,
                });
            }
            sub
        })
        .collect();
    for sub in inner {
        found.unlisted.extend(sub.unlisted);
        found.intact += sub.intact;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_finds_what_the_last_build_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let write = |rel: &str| {
            let p = out.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        };
        for rel in ["index.html", "bulletins/a/index.html", "mine.txt"] {
            write(rel);
        }
        write("bulletins/b/notes.txt");
        write("deep/er/still/file.txt");
        std::fs::create_dir_all(out.join("empty/inner")).unwrap();
        std::fs::create_dir_all(out.join("bulletins/c")).unwrap();
        // jianxun's own bookkeeping is passed over at the top only.
        write(manifest::MANIFEST);
        write(&format!("sub/{}", manifest::MANIFEST));
        #[cfg(unix)]
        std::os::unix::fs::symlink("bulletins", out.join("link")).unwrap();
        let mut old = manifest::Manifest::default();
        for rel in ["index.html", "bulletins/a/index.html"] {
            old.files.insert(rel.into(), None);
        }
        let found: Vec<(String, Kind)> = Survey::of(out, &old)
            .unlisted
            .into_iter()
            .map(|u| (u.rel, u.kind))
            .collect();
        let mut want = vec![
            ("bulletins/b/notes.txt".to_string(), Kind::File),
            ("bulletins/c".into(), Kind::Folder),
            ("deep/er/still/file.txt".into(), Kind::File),
            ("empty/inner".into(), Kind::Folder),
            ("mine.txt".into(), Kind::File),
            (format!("sub/{}", manifest::MANIFEST), Kind::File),
        ];
        #[cfg(unix)]
        want.push(("link".into(), Kind::Symlink));
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(found, want);
    }

    #[test]
    fn the_survey_tells_whether_every_listed_file_is_as_the_manifest_records() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let rels = ["index.html", "bulletins/a/index.html", "feed.xml"];
        let mut old = manifest::Manifest {
            fingerprint: Some(7),
            ..Default::default()
        };
        for rel in rels {
            let p = out.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, rel).unwrap();
            let m = std::fs::metadata(&p).unwrap();
            let meta = manifest::Meta {
                size: m.len(),
                mtime: manifest::mtime_of(&m),
                hash: manifest::hash(rel.as_bytes()),
            };
            old.files.insert(rel.into(), Some(meta));
        }
        let survey = |old: &manifest::Manifest| Survey::of(out, old);
        assert!(survey(&old).up_to_date(7));
        assert!(!survey(&old).up_to_date(8), "another fingerprint");
        // A file someone else added does not matter; one the manifest
        // lists that is gone, changed or unknown does.
        std::fs::write(out.join("mine.txt"), "x").unwrap();
        assert!(survey(&old).up_to_date(7));
        let mut unknown = old.clone();
        unknown.files.insert("index.html".into(), None);
        assert!(!survey(&unknown).up_to_date(7));
        let mut gone = old.clone();
        gone.files
            .insert("missing.html".into(), old.meta("feed.xml"));
        assert!(!survey(&gone).up_to_date(7));
        let empty = manifest::Manifest {
            fingerprint: Some(7),
            ..Default::default()
        };
        assert!(!survey(&empty).up_to_date(7), "nothing listed");
        let feed = out.join("feed.xml");
        let f = std::fs::File::options().write(true).open(&feed).unwrap();
        f.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
        drop(f);
        assert!(!survey(&old).up_to_date(7), "an edit the mtime tells");
        #[cfg(unix)]
        {
            let mut linked = old.clone();
            linked.files.remove("feed.xml");
            std::fs::remove_file(out.join("index.html")).unwrap();
            std::os::unix::fs::symlink("feed.xml", out.join("index.html")).unwrap();
            assert!(!survey(&linked).up_to_date(7), "a link is never followed");
        }
        assert!(!Survey::default().up_to_date(7), "no folder yet");
    }
}
