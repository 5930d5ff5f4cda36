//! Writing: commits a rendered site to the output folder.
//!
//! Refuses a folder that is (or contains) the site itself or holds files
//! jianxun did not write; stages changed files beside the output folder
//! while pages render and moves them in only when all rendered; leaves
//! unchanged files alone (mtime kept); removes only files listed in the
//! manifest of the previous build; writes the new manifest last.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use walkdir::WalkDir;

use super::{Data, Output};
use crate::diag::Diagnostic;

/// The manifest of files written by the last build, inside the output folder.
pub const MANIFEST: &str = ".jianxun-manifest";

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

fn refuse(out: &Path, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(out, 0, 0, "output-refused", message).with_hint(hint)
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, "io", format!("cannot {what}: {e}"))
}

fn absolute(p: &Path) -> PathBuf {
    // Canonicalise the longest existing ancestor, so a not-yet-created folder compares correctly.
    let mut existing = p.to_path_buf();
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

fn read_manifest(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Checks that `out` may be written by a build of the site at `root`.
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if out_abs == root_abs {
        return Err(refuse(out, "the output folder is the site root; building there would mix the site with its sources".into(), "use the default `site`, or pass --output DIR with a folder of its own"));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(refuse(
            out,
            format!("the output folder {} contains the site root", out.display()),
            "pass --output DIR with a folder inside or beside the site",
        ));
    }
    for marker in ["content", crate::config::CONFIG_FILE] {
        if out_abs.join(marker).exists() {
            return Err(refuse(
                out,
                format!(
                    "the output folder {} holds `{marker}`: it looks like a site, not a build output",
                    out.display()
                ),
                "pass --output DIR with an empty folder or the folder of a previous build",
            ));
        }
    }
    if force || !out_abs.is_dir() {
        return Ok(());
    }
    let manifest = read_manifest(&out_abs);
    let mut foreign = Vec::new();
    for e in WalkDir::new(&out_abs)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != ".git")
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&out_abs)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MANIFEST && !manifest.contains(&rel) {
            foreign.push(rel);
        }
    }
    if !foreign.is_empty() {
        let shown: Vec<_> = foreign.iter().take(5).cloned().collect();
        return Err(refuse(
            out,
            format!(
                "the output folder {} holds {} file(s) jianxun did not write: {}{}",
                out.display(),
                foreign.len(),
                shown.join(", "),
                if foreign.len() > 5 { ", …" } else { "" }
            ),
            "move them away, choose another --output, or pass --force to write beside them (they are never deleted)",
        ));
    }
    Ok(())
}

/// A build being written: changed files go to a staging folder beside the
/// output folder; [`Staging::commit`] moves them into place only after the
/// whole site rendered. Dropping it without committing removes the staging
/// folder and leaves the output folder exactly as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: BTreeSet<String>,
    state: Mutex<StageState>,
    committed: bool,
}

#[derive(Default)]
struct StageState {
    produced: BTreeSet<String>,
    staged: Vec<String>,
    unchanged: usize,
}

impl Staging {
    /// Checks the output folder and opens a fresh staging folder beside it.
    pub fn begin(root: &Path, out: &Path, force: bool) -> Result<Staging, Diagnostic> {
        check_output_dir(root, out, force)?;
        let abs = absolute(out);
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let parent = abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| abs.clone());
        let dir = parent.join(format!(".{name}.jianxun-staging"));
        if dir.exists() {
            // Left by a build that was killed; it only ever holds our own files.
            std::fs::remove_dir_all(&dir)
                .map_err(|e| io_err(&dir, "remove an old staging folder", e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, "create the staging folder", e))?;
        Ok(Staging {
            old: read_manifest(&abs),
            out: abs,
            dir,
            state: Mutex::new(StageState::default()),
            committed: false,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StageState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records one output file; stages it unless the output folder already has these bytes.
    pub fn put(&self, rel: &str, data: &Data) -> Result<(), Diagnostic> {
        let target = self.out.join(rel);
        let bytes = data
            .bytes()
            .map_err(|e| io_err(&target, "read a static file", e))?;
        let same = std::fs::metadata(&target)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&target).is_ok_and(|b| b == *bytes);
        if !same {
            let staged = self.dir.join(rel);
            if let Some(parent) = staged.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| io_err(parent, "create a folder", e))?;
            }
            std::fs::write(&staged, &bytes).map_err(|e| io_err(&staged, "write", e))?;
        }
        let mut st = self.lock();
        st.produced.insert(rel.to_string());
        if same {
            st.unchanged += 1;
        } else {
            st.staged.push(rel.to_string());
        }
        Ok(())
    }

    /// Moves the staged files into the output folder, removes files of the
    /// previous build that are no longer produced, and writes the manifest.
    pub fn commit(mut self) -> Result<Report, Diagnostic> {
        let st = std::mem::take(&mut *self.lock());
        let out = self.out.clone();
        // A first build into a missing or empty folder: the staging folder
        // already is the whole site, so one rename puts it in place.
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(true);
        if empty && self.old.is_empty() {
            let manifest = manifest_text(&st.produced);
            let m = self.dir.join(MANIFEST);
            std::fs::write(&m, manifest).map_err(|e| io_err(&m, "write", e))?;
            let _ = std::fs::remove_dir(&out);
            if std::fs::rename(&self.dir, &out).is_ok() {
                self.committed = true;
                return Ok(Report {
                    written: st.staged.len(),
                    unchanged: st.unchanged,
                    removed: 0,
                });
            }
            // Renaming failed (e.g. across file systems): move file by file below.
            let _ = std::fs::remove_file(&m);
        }
        std::fs::create_dir_all(&out).map_err(|e| io_err(&out, "create the output folder", e))?;
        let mut report = Report {
            unchanged: st.unchanged,
            ..Report::default()
        };
        for rel in &st.staged {
            let target = out.join(rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| io_err(parent, "create a folder", e))?;
            }
            std::fs::rename(self.dir.join(rel), &target)
                .map_err(|e| io_err(&target, "write", e))?;
            report.written += 1;
        }
        for rel in self.old.iter().filter(|r| !st.produced.contains(*r)) {
            let target = out.join(rel);
            if target.is_file() {
                std::fs::remove_file(&target)
                    .map_err(|e| io_err(&target, "remove an old file", e))?;
                report.removed += 1;
            }
            // Remove folders left empty, up to the output folder.
            let mut dir = target.parent();
            while let Some(d) = dir {
                if d == out || std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        let manifest = manifest_text(&st.produced);
        if std::fs::read_to_string(out.join(MANIFEST)).ok().as_deref() != Some(manifest.as_str()) {
            let tmp = self.dir.join(MANIFEST);
            std::fs::write(&tmp, manifest).map_err(|e| io_err(&tmp, "write", e))?;
            std::fs::rename(&tmp, out.join(MANIFEST))
                .map_err(|e| io_err(&out, "write the manifest", e))?;
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(report)
    }
}

fn manifest_text(produced: &BTreeSet<String>) -> String {
    let mut manifest = String::from("# Files written by jianxun; it removes only these.\n");
    for rel in produced {
        manifest.push_str(rel);
        manifest.push('\n');
    }
    manifest
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes a whole in-memory `output` into `out` through a [`Staging`].
pub fn write(root: &Path, output: &Output, out: &Path, force: bool) -> Result<Report, Diagnostic> {
    let staging = Staging::begin(root, out, force)?;
    for (rel, data) in &output.files {
        staging.put(rel, data)?;
    }
    staging.commit()
}
