//! Write stage: commits a rendered site to the output folder.
//!
//! Takes the site root, the output folder and the rendered files one by
//! one; gives the output folder holding exactly the new site, or — when
//! anything failed — exactly the old one.
//!
//! Refuses an output folder that is (or contains) the site itself or one of
//! its source folders, or holds files jianxun did not write. While pages
//! render, files are staged (see [`super::commit`] for the swap and the
//! journal); unchanged files are left alone (hard-linked, mtime kept);
//! files of the previous build that are no longer produced go away with it,
//! and nothing else is ever removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::commit::{self, INSIDE, MARKER, Place, Survey, io_err};
use super::manifest::{self, MANIFEST, Manifest, Meta, RESERVED, is_safe_rel};
use super::{Data, Output};
use crate::diag::Diagnostic;
use crate::messages::{Key, Msg};
use crate::msg;

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files created or changed.
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files of the previous build no longer produced, removed.
    pub removed: usize,
}

fn refuse(out: &Path, message: Msg, hint: Msg) -> Diagnostic {
    Diagnostic::error(out, 0, 0, "output-refused", message).with_hint(hint)
}

fn absolute(p: &Path) -> PathBuf {
    // Canonicalise the longest existing ancestor, so a not-yet-created folder compares correctly.
    let mut existing = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|s| s.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut abs = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        abs.push(name);
    }
    abs
}

/// The site's own folders: an output folder inside one of them would be
/// read back as sources by the next build.
const SOURCE_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// Checks that `out` may be written by a build of the site at `root`;
/// gives what it holds besides the last build's files (nothing when it
/// does not exist yet or an interrupted commit is pending, to be surveyed
/// once that is finished).
pub fn check_output_dir(
    root: &Path,
    out: &Path,
    force: bool,
) -> Result<Option<Survey>, Diagnostic> {
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if out_abs == root_abs {
        return Err(refuse(out, msg!(OutIsRoot), msg!(OutIsRootHint)));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(refuse(
            out,
            msg!(OutContainsRoot, crate::diag::shown(out)),
            msg!(OutContainsRootHint),
        ));
    }
    for dir in SOURCE_DIRS {
        if out_abs.starts_with(root_abs.join(dir)) {
            return Err(refuse(
                out,
                msg!(OutInsideSource, crate::diag::shown(out), dir),
                msg!(OutInsideSourceHint),
            ));
        }
    }
    for marker in ["content", crate::config::CONFIG_FILE] {
        if out_abs.join(marker).exists() {
            return Err(refuse(
                out,
                msg!(OutLooksLikeSite, crate::diag::shown(out), marker),
                msg!(OutLooksLikeSiteHint),
            ));
        }
    }
    if !out_abs.is_dir() {
        return Ok(Some(Survey::default()));
    }
    let manifest = manifest::read(&out_abs).map_err(|mut d| {
        d.path = out.join(MANIFEST);
        d
    })?;
    // An interrupted commit is finished before its files are judged.
    if commit::pending(&out_abs) {
        return Ok(None);
    }
    let survey = Survey::of(&out_abs, &manifest);
    let foreign = if force { Vec::new() } else { survey.foreign() };
    if !foreign.is_empty() {
        let shown: Vec<_> = foreign.iter().take(5).cloned().collect();
        return Err(refuse(
            out,
            msg!(
                OutForeign,
                crate::diag::shown(out),
                foreign.len(),
                format_args!(
                    "{}{}",
                    shown.join(", "),
                    if foreign.len() > 5 { ", …" } else { "" }
                )
            ),
            msg!(OutForeignHint),
        ));
    }
    Ok(Some(survey))
}

/// Where to stage: beside the output folder (swap), unless the output
/// folder is a mount point or its parent cannot be written (journal).
fn place(out: &Path) -> Place {
    let sibling = commit::sibling(out);
    let inside = Place {
        out: out.to_path_buf(),
        stage: out.join(INSIDE),
        swap: false,
    };
    if std::env::var_os("JIANXUN_TEST_STAGE_INSIDE").is_some() && out.is_dir() {
        return inside;
    }
    if out.is_dir() && !same_device(out, out.parent().unwrap_or(out)) {
        return inside;
    }
    let parent_ok = sibling
        .parent()
        .is_some_and(|p| std::fs::create_dir_all(p).is_ok());
    if !parent_ok && out.is_dir() {
        return inside;
    }
    Place {
        out: out.to_path_buf(),
        stage: sibling,
        swap: true,
    }
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => true,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    true
}

/// A build being written. Files go to a staging folder while pages
/// render; [`Staging::commit`] puts them in place only after the whole
/// site rendered. Dropping it without committing removes the staging
/// folder and leaves the output folder exactly as it was.
pub struct Staging {
    place: Place,
    old: Manifest,
    survey: Survey,
    fingerprint: Option<u128>,
    sources: Vec<(String, manifest::Stamp)>,
    state: Mutex<StageState>,
    committed: bool,
    /// For an update of the last build ([`Staging::update`]): whether
    /// files jianxun did not write may be replaced, and the files to
    /// remove. Every other file of the last build stays as it is.
    update: Option<(bool, Vec<String>)>,
}

#[derive(Default)]
struct StageState {
    produced: BTreeMap<String, Option<Meta>>,
    written: usize,
    unchanged: usize,
    /// The first write that failed (a full disk): later files are skipped
    /// and the commit reports this one error, not one per file.
    failed: Option<Diagnostic>,
    skipped: usize,
    /// Staging folders already made.
    folders: std::collections::HashSet<PathBuf>,
}

/// Writes `bytes` to a new file at `path`; gives its mtime, read from the
/// open file rather than by looking the path up again.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<i128> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    // Windows may set the time when the file is closed.
    #[cfg(unix)]
    let meta = f.metadata()?;
    #[cfg(not(unix))]
    let meta = {
        drop(f);
        std::fs::metadata(path)?
    };
    Ok(manifest::mtime_of(&meta))
}

impl Staging {
    /// Finishes or clears what an interrupted build left, checks the output
    /// folder and opens a fresh staging folder. `checked` is what
    /// [`check_output_dir`] gave for the same folder just before, if the
    /// caller asked it: the folder is then not walked again.
    pub fn begin(
        root: &Path,
        out: &Path,
        force: bool,
        checked: Option<Survey>,
    ) -> Result<Staging, Diagnostic> {
        let abs = absolute(out);
        // Refuse a wrong folder before touching anything in or beside it.
        let mut survey = match checked {
            Some(s) => Some(s),
            None => check_output_dir(root, out, force)?,
        };
        if commit::pending(&abs) {
            commit::recover(&abs)?;
            survey = check_output_dir(root, out, force)?;
        }
        let survey = survey.unwrap_or_default();
        let old = manifest::read(&abs)?;
        Staging::open(place(&abs), old, survey, None)
    }

    /// Makes the staging folder of `place`, marked as jianxun's.
    fn open(
        place: Place,
        old: Manifest,
        survey: Survey,
        update: Option<(bool, Vec<String>)>,
    ) -> Result<Staging, Diagnostic> {
        std::fs::create_dir_all(&place.stage)
            .map_err(|e| io_err(&place.stage, Key::IoCreateStaging, e))?;
        let marker = place.stage.join(MARKER);
        std::fs::write(&marker, "").map_err(|e| io_err(&marker, Key::IoWrite, e))?;
        Ok(Staging {
            place,
            old,
            survey,
            fingerprint: None,
            sources: Vec::new(),
            state: Mutex::new(StageState::default()),
            committed: false,
            update,
        })
    }

    /// Opens an update of the site the last build wrote to `out`: the files
    /// put are staged inside it and moved in by [`Staging::commit`] (the
    /// journal way, so the work is that of the files changed, not of the
    /// site), the files of `remove` that the manifest lists go, and every
    /// other file stays. A file put where the output folder holds a file
    /// jianxun did not write is refused unless `force`, as a build refuses
    /// such a folder. The new manifest records no fingerprint: the next
    /// `jianxun build` renders everything and finds the files up to date.
    pub fn update(
        out: &Path,
        force: bool,
        remove: Vec<String>,
        kept: Option<Kept>,
    ) -> Result<Staging, Diagnostic> {
        let abs = absolute(out);
        let mut kept = kept;
        if commit::pending(&abs) {
            commit::recover(&abs)?;
            kept = None;
        }
        let old = match kept.filter(|k| k.is_on_disk(&abs)) {
            Some(k) => k.manifest,
            None => manifest::read(&abs)?,
        };
        let place = Place {
            stage: abs.join(INSIDE),
            out: abs,
            swap: false,
        };
        Staging::open(place, old, Survey::default(), Some((force, remove)))
    }

    /// Records the fingerprint of the inputs in the new manifest, so that a
    /// later build of the same inputs can stop early (see [`up_to_date`]).
    pub fn set_fingerprint(&mut self, fingerprint: u128) {
        self.fingerprint = Some(fingerprint);
    }

    /// Records the content files' stamps in the new manifest, so that a
    /// later build need not read the files that have not changed.
    pub fn set_sources(&mut self, sources: Vec<(String, manifest::Stamp)>) {
        self.sources = sources;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StageState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records one output file; stages it unless the output folder already
    /// has these bytes (then, for a swap, a hard link of the existing file).
    pub fn put(&self, rel: &str, data: &Data) -> Result<(), Diagnostic> {
        if !is_safe_rel(rel) || RESERVED.iter().any(|r| rel.split('/').next() == Some(*r)) {
            return Err(Diagnostic::error(
                &self.place.out,
                0,
                0,
                "output-path",
                msg!(OutBadPath, rel.escape_debug()),
            ));
        }
        if self.lock().failed.is_some() {
            self.lock().skipped += 1;
            return Ok(());
        }
        match self.stage(rel, data) {
            Ok((same, meta)) => {
                let mut st = self.lock();
                st.produced.insert(rel.to_string(), meta);
                if same {
                    st.unchanged += 1;
                } else {
                    st.written += 1;
                }
            }
            Err(d) => {
                let mut st = self.lock();
                if st.failed.is_none() {
                    st.failed = Some(d);
                } else {
                    st.skipped += 1;
                }
            }
        }
        Ok(())
    }

    /// Stages one file; true when the output folder already had it, and
    /// what the new manifest records of it.
    ///
    /// A file whose size, mtime and hash are those the manifest recorded,
    /// for the same new bytes, is taken as unchanged without reading it; any
    /// other existing file is compared byte for byte, so a file edited or
    /// removed in the output folder is written again.
    fn stage(&self, rel: &str, data: &Data) -> Result<(bool, Option<Meta>), Diagnostic> {
        let target = self.place.out.join(rel);
        let bytes = match data {
            // A photo whose pixels turn out damaged (its headers were fine).
            Data::Photo(o) => std::borrow::Cow::Owned(
                (o.workshop.bytes(&o.photo, o.width, o.format)).map_err(|p| {
                    let path = Path::new("content").join(&o.photo.name);
                    crate::content::photos::problem(&path, &p)
                })?,
            ),
            _ => data
                .bytes()
                .map_err(|e| io_err(&target, Key::IoReadStatic, e))?,
        };
        let hash = manifest::hash(&bytes);
        let size = bytes.len() as u64;
        let known = self.old.meta(rel);
        if let Some((false, _)) = &self.update {
            let theirs = !self.old.contains(rel) && std::fs::symlink_metadata(&target).is_ok();
            if theirs {
                let shown = crate::diag::shown(&self.place.out);
                return Err(refuse(
                    &self.place.out,
                    msg!(OutForeign, shown, 1, rel),
                    msg!(OutForeignHint),
                ));
            }
        }
        // A file the last build did not write is new, or someone else's
        // that only `--force` lets this build replace: no need to look.
        let existing = (known.is_some())
            .then(|| std::fs::symlink_metadata(&target).ok())
            .flatten()
            .filter(|m| m.is_file() && m.len() == size);
        let same = existing.as_ref().is_some_and(|m| {
            known.is_some_and(|k| {
                k.hash == hash && k.size == size && k.mtime == manifest::mtime_of(m)
            }) || std::fs::read(&target).is_ok_and(|b| b == *bytes)
        });
        let staged = self.place.stage.join(rel);
        commit::step();
        if let (true, Some(m)) = (same, &existing) {
            if self.place.swap {
                if let Some(parent) = staged.parent() {
                    self.folder(parent)?;
                }
                commit::link_into(&target, &staged, false)?;
            }
            let mtime = manifest::mtime_of(m);
            return Ok((true, Some(Meta { size, mtime, hash })));
        }
        if let Some(parent) = staged.parent() {
            self.folder(parent)?;
        }
        let mtime = write_file(&staged, &bytes).map_err(|e| io_err(&staged, Key::IoWrite, e))?;
        Ok((false, Some(Meta { size, mtime, hash })))
    }

    /// Makes the staging folder `dir` once: a site has a folder per page,
    /// and asking the file system again for every file costs a build
    /// tens of thousands of calls.
    fn folder(&self, dir: &Path) -> Result<(), Diagnostic> {
        if self.lock().folders.contains(dir) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, Key::IoCreateFolder, e))?;
        self.lock().folders.insert(dir.to_path_buf());
        Ok(())
    }

    /// Puts the staged site in place of the output folder's contents; files
    /// of the previous build no longer produced are gone afterwards.
    pub fn commit(self) -> Result<Report, Diagnostic> {
        self.finish().map(|(report, _)| report)
    }

    /// [`Staging::commit`], giving also the manifest written.
    fn finish(mut self) -> Result<(Report, Manifest), Diagnostic> {
        let st = std::mem::take(&mut *self.lock());
        if let Some(mut first) = st.failed {
            if st.skipped > 0 {
                first.message = Msg::new(Key::MoreNotWritten)
                    .arg_msg(first.message)
                    .arg(st.skipped);
            }
            return Err(first);
        }
        let Place { out, stage, swap } = self.place.clone();
        let (produced, removed) = match self.update.take() {
            None => {
                let removed = (self.old.files.keys())
                    .filter(|r| !st.produced.contains_key(*r))
                    .cloned()
                    .collect();
                (st.produced, removed)
            }
            Some((_, remove)) => {
                let mut all = std::mem::take(&mut self.old.files);
                let removed: Vec<String> = (remove.into_iter())
                    .filter(|r| !st.produced.contains_key(r) && all.remove(r).is_some())
                    .collect();
                all.extend(st.produced);
                (all, removed)
            }
        };
        let report = Report {
            written: st.written,
            unchanged: st.unchanged,
            removed: removed.iter().filter(|r| out.join(r).is_file()).count(),
        };
        let m = stage.join(MANIFEST);
        let mut t = crate::Timings::start();
        std::fs::write(
            &m,
            manifest::text(&produced, self.fingerprint, &self.sources),
        )
        .map_err(|e| io_err(&m, Key::IoWrite, e))?;
        t.lap("commit: manifest written");
        // From here on a failure is recovered by the next run, not by Drop.
        self.committed = true;
        if swap {
            commit::carry(&out, &stage, &self.survey, &produced)?;
            commit::swap(&stage, &out, &removed, &self.old)?;
        } else {
            commit::journal(&stage, &out, &removed)?;
        }
        t.lap("commit: moved in");
        let written = Manifest {
            files: produced,
            fingerprint: self.fingerprint,
        };
        Ok((report, written))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.place.stage);
        }
    }
}

/// Whether the output folder `out` already holds what a build of inputs
/// with this `fingerprint` writes: its manifest records the same
/// fingerprint, no commit is pending, and every file it lists is there
/// with the size and mtime recorded (as [`Survey::up_to_date`] finds).
/// Only looks; a manifest that does not read is simply not up to date.
pub fn up_to_date(out: &Path, fingerprint: u128) -> bool {
    let out = absolute(out);
    let Ok(m) = manifest::read(&out) else {
        return false;
    };
    // The folder is walked only when the fingerprint could match.
    m.fingerprint == Some(fingerprint)
        && !commit::pending(&out)
        && Survey::of(&out, &m).up_to_date(fingerprint)
}

/// The content files the manifest of the output folder `out` records
/// (see [`manifest::Stamp`]); `None` when it has none that read.
pub fn recorded_sources(out: &Path) -> Option<crate::content::discover::Known> {
    let sources = manifest::read_sources(&absolute(out));
    (!sources.is_empty()).then_some(sources)
}

/// Writes a whole in-memory `output` into `out` through a [`Staging`].
pub fn write(root: &Path, output: &Output, out: &Path, force: bool) -> Result<Report, Diagnostic> {
    let staging = Staging::begin(root, out, force, None)?;
    for (rel, data) in &output.files {
        staging.put(rel, data)?;
    }
    staging.commit()
}

/// The manifest an update wrote, with its file's size and mtime: the next
/// update takes it instead of reading the file, unless the file changed.
pub struct Kept {
    manifest: Manifest,
    size: u64,
    mtime: i128,
}

impl Kept {
    fn is_on_disk(&self, out: &Path) -> bool {
        std::fs::metadata(out.join(MANIFEST))
            .is_ok_and(|m| m.len() == self.size && manifest::mtime_of(&m) == self.mtime)
    }
}

/// Writes one rebuild's changes into the output folder the last build
/// filled: the files of `put`, and `remove` gone (see [`Staging::update`]).
/// `kept` is what the last update left, and becomes what this one leaves.
pub fn update(
    out: &Path,
    force: bool,
    put: &[(String, Data)],
    remove: Vec<String>,
    kept: &mut Option<Kept>,
) -> Result<Report, Diagnostic> {
    use rayon::prelude::*;
    let staging = Staging::update(out, force, remove, kept.take())?;
    put.par_iter()
        .try_for_each(|(rel, data)| staging.put(rel, data))?;
    let (report, manifest) = staging.finish()?;
    *kept = std::fs::metadata(absolute(out).join(MANIFEST))
        .ok()
        .map(|m| Kept {
            manifest,
            size: m.len(),
            mtime: manifest::mtime_of(&m),
        });
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check a build makes when it has no survey of its own: the same
    /// rule as [`Survey::up_to_date`], read from the folder on disk.
    #[test]
    fn a_committed_build_is_up_to_date_until_a_file_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path().join("site-root"), dir.path().join("out"));
        std::fs::create_dir_all(&root).expect("root");
        let mut staging = Staging::begin(&root, &out, false, None).expect("begins");
        staging.set_fingerprint(42);
        for (rel, text) in [("index.html", "首页"), ("bulletins/a/index.html", "简讯")] {
            let data = Data::Bytes(text.as_bytes().to_vec());
            staging.put(rel, &data).expect("staged");
        }
        staging.commit().expect("committed");
        assert!(up_to_date(&out, 42));
        assert!(!up_to_date(&out, 43), "other inputs");
        assert!(!up_to_date(&dir.path().join("none"), 42), "no folder");
        let page = out.join("bulletins/a/index.html");
        let f = std::fs::File::options()
            .write(true)
            .open(&page)
            .expect("open");
        f.set_modified(std::time::SystemTime::UNIX_EPOCH)
            .expect("mtime");
        drop(f);
        assert!(!up_to_date(&out, 42), "a file changed since");
    }

    /// An update writes what it is given, removes only the files of the
    /// last build it is told to, keeps the rest, and never replaces a file
    /// jianxun did not write.
    #[test]
    fn an_update_changes_only_its_files_and_never_someone_elses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path().join("site-root"), dir.path().join("out"));
        std::fs::create_dir_all(&root).expect("root");
        let mut staging = Staging::begin(&root, &out, false, None).expect("begins");
        staging.set_fingerprint(42);
        for rel in [
            "index.html",
            "bulletins/a/index.html",
            "bulletins/b/index.html",
        ] {
            staging.put(rel, &Data::Bytes(rel.into())).expect("staged");
        }
        staging.commit().expect("committed");
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).ok();
        let put = vec![
            ("index.html".to_string(), Data::Bytes("新首页".into())),
            (
                "bulletins/c/index.html".into(),
                Data::Bytes("新简讯".into()),
            ),
            (
                "bulletins/a/index.html".into(),
                Data::Bytes("bulletins/a/index.html".into()),
            ),
        ];
        let gone = vec!["bulletins/b/index.html".into(), "notes.txt".into()];
        std::fs::write(out.join("notes.txt"), "编辑自己的笔记").expect("user file");
        let report = update(&out, false, &put, gone, &mut None).expect("updated");
        assert_eq!(
            (report.written, report.unchanged, report.removed),
            (2, 1, 1)
        );
        assert_eq!(read("index.html").as_deref(), Some("新首页"));
        assert_eq!(read("bulletins/c/index.html").as_deref(), Some("新简讯"));
        assert_eq!(read("bulletins/b/index.html"), None);
        assert!(
            !out.join("bulletins/b").exists(),
            "its empty folder went too"
        );
        assert_eq!(
            read("notes.txt").as_deref(),
            Some("编辑自己的笔记"),
            "not jianxun's"
        );
        assert!(!out.join(INSIDE).exists(), "no staging folder left");
        let m = manifest::read(&out).expect("manifest");
        let listed: Vec<&str> = m.files.keys().map(String::as_str).collect();
        assert_eq!(
            listed,
            [
                "bulletins/a/index.html",
                "bulletins/c/index.html",
                "index.html"
            ]
        );
        assert_eq!(m.fingerprint, None, "the next build renders again");
        assert_eq!(
            m.meta("index.html").map(|x| x.hash),
            Some(manifest::hash("新首页".as_bytes()))
        );
        // A page that would land on the editor's own file is refused, and
        // nothing of that update is written.
        std::fs::create_dir_all(out.join("bulletins/d")).expect("folder");
        std::fs::write(out.join("bulletins/d/index.html"), "编辑放的文件").expect("user page");
        let put = vec![
            ("index.html".to_string(), Data::Bytes("又一版首页".into())),
            (
                "bulletins/d/index.html".into(),
                Data::Bytes("简讯 d".into()),
            ),
        ];
        let refused = update(&out, false, &put, Vec::new(), &mut None).expect_err("refused");
        assert_eq!(refused.code, "output-refused");
        assert!(
            refused
                .message
                .text(crate::messages::Lang::Zh)
                .contains("bulletins/d/index.html")
        );
        assert_eq!(
            read("bulletins/d/index.html").as_deref(),
            Some("编辑放的文件")
        );
        assert_eq!(read("index.html").as_deref(), Some("新首页"));
        assert!(!out.join(INSIDE).exists(), "no staging folder left");
        // With --force it is written beside the editor's other files.
        update(&out, true, &put, Vec::new(), &mut None).expect("forced");
        assert_eq!(read("bulletins/d/index.html").as_deref(), Some("简讯 d"));
        assert_eq!(read("notes.txt").as_deref(), Some("编辑自己的笔记"));
    }

    /// An update takes the manifest the last one wrote without reading it,
    /// unless the file changed since: then it reads it again.
    #[test]
    fn an_update_reads_the_manifest_again_once_someone_else_wrote_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path().join("site-root"), dir.path().join("out"));
        std::fs::create_dir_all(&root).expect("root");
        let staging = Staging::begin(&root, &out, false, None).expect("begins");
        staging
            .put("index.html", &Data::Bytes("首页".into()))
            .expect("staged");
        staging.commit().expect("committed");
        let mut kept = None;
        let page = |text: &str| vec![("index.html".to_string(), Data::Bytes(text.into()))];
        update(&out, false, &page("一"), Vec::new(), &mut kept).expect("first update");
        assert!(kept.is_some(), "the manifest written is kept");
        update(&out, false, &page("二"), Vec::new(), &mut kept).expect("second update");
        // Another build records a file of its own in the manifest.
        std::fs::write(out.join("extra.html"), "另一次生成").expect("file");
        let m = out.join(MANIFEST);
        let mut text = std::fs::read_to_string(&m).expect("manifest");
        text.push_str("extra.html\n");
        std::fs::write(&m, text).expect("manifest written");
        let gone = vec!["extra.html".to_string()];
        let report = update(&out, false, &page("三"), gone, &mut kept).expect("third update");
        assert_eq!(report.removed, 1, "the manifest on disk lists it");
        assert!(!out.join("extra.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html"))
                .ok()
                .as_deref(),
            Some("三")
        );
        let listed: Vec<String> = manifest::read(&out)
            .expect("reads")
            .files
            .into_keys()
            .collect();
        assert_eq!(listed, ["index.html"]);
    }
}
