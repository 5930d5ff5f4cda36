//! Discovery: the site on disk → [`Sources`], every file read into memory.
//!
//! Walks `content/`, the theme's templates and static files and the site's
//! `templates/` and `static/`. This is the one stage that reads the file
//! system; it decodes text (BOM, CRLF, non-UTF-8 files are diagnostics)
//! and classifies each content file, nothing more.

use std::path::{Path, PathBuf};

pub use super::encoding::decode;
pub use super::stamp::Stamp;
use super::walk::{Found, SiteRoot};
use crate::config::{self, CONFIG_FILE, Config};
use crate::diag::Diagnostic;
use crate::messages::{Key, Msg, io_reason};
use crate::msg;
use rayon::prelude::*;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// The name under which the embedded default theme is known.
pub const DEFAULT_THEME: &str = "default";

/// The embedded default theme's files (path relative to the theme folder, bytes).
pub fn default_theme_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// Extensions of the files beside the content that are published: images,
/// documents and media attached to a bulletin.
const ASSETS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "pdf", "doc", "docx", "xls", "xlsx",
    "ppt", "pptx", "csv", "zip", "mp3", "mp4", "webm",
];

/// Whether a file beside the content is published (an image, a document, media).
pub fn is_asset(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ASSETS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What kind of content a Markdown file is, from where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/bulletins/**.md`
    Bulletin,
    /// `content/campaigns/*.md`
    Campaign,
    /// `content/pages/**.md`
    Page,
}

/// One content file, decoded and normalised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/bulletins/2024/a.md`.
    pub path: PathBuf,
    /// Where it belongs.
    pub kind: Kind,
    /// Text without BOM, with `\n` line ends.
    pub text: String,
}

/// A template, by the name templates use to refer to it.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Name relative to the templates folder, e.g. `bulletin.html`.
    pub name: String,
    /// Where it came from, for messages (e.g. `themes/default/templates/base.html`).
    pub origin: String,
    /// Its text.
    pub text: String,
}

/// Where the bytes of a static file come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Embedded in the binary.
    Embedded(&'static [u8]),
    /// A file on disk (absolute path), copied at write time.
    Disk(PathBuf),
    /// A variant of a photo beside the content, made at write time.
    Photo(crate::images::Output),
}

/// Everything the pipeline needs from disk.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Site root.
    pub root: PathBuf,
    /// Parsed configuration.
    pub config: Config,
    /// Content files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Templates: theme first, then site overrides replacing by name.
    pub templates: Vec<TemplateFile>,
    /// Static files: output path → source; site `static/` overrides the theme's.
    pub statics: Vec<(String, StaticSource)>,
    /// Files that could not be read or decoded; the rest of the site is still checked.
    pub diagnostics: Vec<Diagnostic>,
    /// For each of `files`, how [`discover_known`] found it (`None` for
    /// each after [`discover`], which looks at nothing but the texts).
    pub seen: Vec<Option<Seen>>,
}

/// How [`discover_known`] found a content file.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    /// Its size and times, taken before it was read; for a file not read,
    /// with the hash the last build recorded.
    pub stamp: Stamp,
    /// Whether its text was read. A file found as the last build recorded
    /// it is not: its [`SourceFile::text`] is empty until [`Sources::read_unread`].
    pub read: bool,
}

impl Sources {
    /// Whether some content file's text was not read.
    pub fn has_unread(&self) -> bool {
        self.seen.iter().flatten().any(|s| !s.read)
    }

    /// Reads the texts [`discover_known`] did not; a file that no longer
    /// reads becomes a diagnostic, as in [`discover`].
    pub fn read_unread(&mut self) {
        let site = SiteRoot::new(&self.root);
        let unread: Vec<usize> = (0..self.files.len())
            .filter(|&i| self.seen.get(i).copied().flatten().is_some_and(|s| !s.read))
            .collect();
        let texts: Vec<(usize, Result<String, Diagnostic>)> = unread
            .into_par_iter()
            .map(|i| {
                (
                    i,
                    read_text(&site, &self.root.join(&self.files[i].path))
                        .and_then(|t| t.ok_or_else(|| gone(&self.files[i].path))),
                )
            })
            .collect();
        let mut failed = Vec::new();
        for (i, text) in texts {
            match text {
                Ok(t) => self.files[i].text = t,
                Err(d) => {
                    self.diagnostics.push(d);
                    failed.push(i);
                }
            }
            if let Some(s) = &mut self.seen[i] {
                s.read = true;
            }
        }
        for i in failed.into_iter().rev() {
            self.files.remove(i);
            self.seen.remove(i);
        }
    }
}

/// The diagnostic for a content file that was there when the site was
/// walked and is gone when read.
fn gone(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        0,
        0,
        "io",
        Msg::new(Key::CannotReadFile).arg_msg(io_reason(&std::io::ErrorKind::NotFound.into())),
    )
    .with_hint(msg!(CheckFileReadable))
}

/// Hidden files and editors' temporary, backup and probe files
/// (`.a.md.swp`, `a.md~`, `#a.md#`, `.#a.md`, vim's `4913`): never read,
/// never watched.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// A path relative to the site root as the manifest records it (see
/// [`Known`]): `/`-separated on every system.
pub fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Files under `dir`, sorted, skipping hidden and editor temp files; links
/// that leave the site, loop or are broken are added to `diags`.
fn walk(site: &SiteRoot, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Found> {
    site.walk(dir, &is_ignored, diags)
}

/// Reads and decodes the text file at `abs` (under the site root); `Ok(None)` when it is not there.
fn read_text(site: &SiteRoot, abs: &Path) -> Result<Option<String>, Diagnostic> {
    match site.read(abs)? {
        Some(bytes) => decode(&site.rel(abs), bytes).map(Some),
        None => Ok(None),
    }
}

/// Reads and decodes a file the walk found.
fn read_found(site: &SiteRoot, f: &Found) -> Result<String, Diagnostic> {
    let rel = site.rel(&f.path);
    let bytes = std::fs::read(&f.real).map_err(|e| {
        Diagnostic::error(
            &rel,
            0,
            0,
            "io",
            Msg::new(Key::CannotReadFile).arg_msg(io_reason(&e)),
        )
        .with_hint(msg!(CheckFileReadable))
    })?;
    decode(&rel, bytes)
}

/// How many of `files` are bulletins.
pub fn bulletin_count(files: &[SourceFile]) -> usize {
    files.iter().filter(|f| f.kind == Kind::Bulletin).count()
}

/// What a Markdown file is, from its path relative to the site root
/// (`content/bulletins/…`); `None` for files outside the content folders.
pub fn kind_of(rel: &Path) -> Option<Kind> {
    let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
    if parts.first().map(|p| p.as_ref()) != Some("content")
        || rel.extension().is_none_or(|e| e != "md")
    {
        return None;
    }
    match parts.get(1).map(|p| p.as_ref()) {
        Some("bulletins") if parts.len() >= 3 => Some(Kind::Bulletin),
        Some("campaigns") if parts.len() == 3 => Some(Kind::Campaign),
        Some("pages") if parts.len() >= 3 => Some(Kind::Page),
        _ => None,
    }
}

/// Reads one content file (path relative to the root). `Ok(None)` when it no
/// longer exists or is not content: the live preview calls this for every
/// changed path.
pub fn read_one(root: &Path, rel: &Path) -> Result<Option<SourceFile>, Diagnostic> {
    let Some(kind) = kind_of(rel) else {
        return Ok(None);
    };
    if rel.iter().any(|c| is_ignored(&c.to_string_lossy())) {
        return Ok(None);
    }
    let site = SiteRoot::new(root);
    Ok(read_text(&site, &root.join(rel))?.map(|text| SourceFile {
        path: rel.to_path_buf(),
        kind,
        text,
    }))
}

/// The site's configuration, or why it cannot be read.
fn read_config(site: &SiteRoot, root: &Path) -> Result<Config, Vec<Diagnostic>> {
    match read_text(site, &root.join(CONFIG_FILE)) {
        Ok(Some(text)) => config::parse(Path::new(CONFIG_FILE), &text).map(|mut c| {
            c.today = config::today();
            c
        }),
        Err(d) => Err(vec![d]),
        Ok(None) => Err(vec![
            Diagnostic::error(
                CONFIG_FILE,
                0,
                0,
                "config-missing",
                msg!(ConfigMissing, CONFIG_FILE, crate::diag::shown(root)),
            )
            .with_hint(msg!(ConfigMissingHint)),
        ]),
    }
}

/// The content files the last build recorded, by path relative to the
/// site root, `/`-separated.
pub type Known = std::collections::HashMap<String, Stamp>;

/// Every Markdown file under `content/`, read and decoded, with how each
/// was found; problems go to `diags`. With `known`, each file is looked at
/// first, and one found as recorded there is not read.
fn content_files(
    site: &SiteRoot,
    root: &Path,
    known: Option<&Known>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<SourceFile>, Vec<Option<Seen>>) {
    let mut to_read = Vec::new();
    for found in walk(site, &root.join("content"), diags) {
        let rel = site.rel(&found.path);
        if found.path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let Some(kind) = kind_of(&rel) else {
            diags.push(
                Diagnostic::error(&rel, 0, 0, "content-place", msg!(ContentPlace))
                    .with_hint(msg!(ContentPlaceHint)),
            );
            continue;
        };
        to_read.push((found, rel, kind));
    }
    // Reading and decoding thousands of files is worth spreading over the cores.
    let read: Vec<Result<(SourceFile, Option<Seen>), Diagnostic>> = to_read
        .into_par_iter()
        .map(|(found, path, kind)| {
            // Looked at before it is read: a change made in between shows
            // in the next build's look.
            let stamp = known
                .and_then(|_| std::fs::metadata(&found.real).ok())
                .map(|m| Stamp::of(&m));
            let recorded = known.and_then(|k| k.get(&slash(&path)));
            if let (Some(stamp), Some(k)) = (stamp, recorded)
                && stamp.same_file(k)
            {
                let stamp = Stamp {
                    hash: k.hash,
                    ..stamp
                };
                let file = SourceFile {
                    path,
                    kind,
                    text: String::new(),
                };
                return Ok((file, Some(Seen { stamp, read: false })));
            }
            let text = read_found(site, &found)?;
            let seen = stamp.map(|stamp| Seen { stamp, read: true });
            Ok((SourceFile { path, kind, text }, seen))
        })
        .collect();
    let (mut files, mut seen) = (
        Vec::with_capacity(read.len()),
        Vec::with_capacity(read.len()),
    );
    for r in read {
        match r {
            Ok((f, s)) => {
                files.push(f);
                seen.push(s);
            }
            Err(d) => diags.push(d),
        }
    }
    (files, seen)
}

/// Reads the site at `root`. Fails only when the configuration or theme is
/// unusable; unreadable content files are carried in [`Sources::diagnostics`].
pub fn discover(root: &Path) -> Result<Sources, Vec<Diagnostic>> {
    discover_with(root, None)
}

/// [`discover`], except that a content file found with the size and times
/// `known` records for it is not read: its text is left empty and its
/// [`Seen`] carries the recorded hash. For `build`, which needs the texts
/// only once it knows the inputs changed ([`Sources::read_unread`]).
pub fn discover_known(root: &Path, known: &Known) -> Result<Sources, Vec<Diagnostic>> {
    discover_with(root, Some(known))
}

fn discover_with(root: &Path, known: Option<&Known>) -> Result<Sources, Vec<Diagnostic>> {
    let site = SiteRoot::new(root);
    let config = read_config(&site, root)?;
    let mut diags = Vec::new();
    let (files, seen) = content_files(&site, root, known, &mut diags);
    let mut theme_diags = Vec::new();
    let (templates, statics) = load_theme(root, &config, &mut theme_diags);
    if theme_diags.iter().any(|d| d.code == "theme-missing") {
        return Err(theme_diags);
    }
    diags.extend(theme_diags);
    let mut sources = Sources {
        root: root.to_path_buf(),
        config,
        files,
        templates,
        statics,
        diagnostics: Vec::new(),
        seen,
    };
    // Where a photo's problem is shown depends on the texts that show it.
    if !diags.is_empty() {
        sources.read_unread();
        diags.append(&mut sources.diagnostics);
    }
    let mut diags = super::photos::place(diags, &sources.files);
    sources.config.photos = super::photos::table(&sources.statics);
    diags.extend(super::photos::share_image(
        &sources.config,
        &sources.statics,
    ));
    sources.diagnostics = diags;
    Ok(sources)
}

/// The built-in default theme's templates.
fn default_templates() -> Vec<TemplateFile> {
    (default_theme_files().iter())
        .filter_map(|(path, bytes)| {
            let name = path.strip_prefix("templates/")?;
            Some(TemplateFile {
                name: name.to_string(),
                origin: format!("(built-in default theme)/{path}"),
                text: String::from_utf8_lossy(bytes).into_owned(),
            })
        })
        .collect()
}

/// Templates and static files: the theme (on disk, else embedded), then the
/// site's overrides, then the files beside the content (images next to a
/// bulletin, published at their path under `content/`). Problems are added
/// to `diags`.
pub fn load_theme(
    root: &Path,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<TemplateFile>, Vec<(String, StaticSource)>) {
    let site = SiteRoot::new(root);
    let mut templates: Vec<TemplateFile> = Vec::new();
    let mut statics: Vec<(String, StaticSource)> = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    let on_disk = match site.resolve(&theme_dir) {
        Ok(real) => real.is_some_and(|r| r.is_dir()),
        Err(d) => {
            diags.push(d);
            false
        }
    };
    if on_disk {
        templates = read_templates(&site, &theme_dir.join("templates"), diags);
        for (name, found) in walk_named(&site, &theme_dir.join("static"), diags) {
            statics.push((name, StaticSource::Disk(found.real)));
        }
        // A page kind the theme has no template for (one added after the
        // theme was written, such as archive_year.html) uses the built-in one.
        for t in default_templates() {
            if !templates.iter().any(|x| x.name == t.name) {
                templates.push(t);
            }
        }
    } else if config.theme == DEFAULT_THEME {
        templates = default_templates();
        for (path, bytes) in default_theme_files() {
            if let Some(name) = path.strip_prefix("static/") {
                statics.push((name.to_string(), StaticSource::Embedded(bytes)));
            }
        }
    } else {
        diags.push(
            Diagnostic::error(
                CONFIG_FILE,
                0,
                0,
                "theme-missing",
                msg!(ThemeMissing, &config.theme),
            )
            .with_hint(msg!(ThemeMissingHint)),
        );
    }
    for t in read_templates(&site, &root.join("templates"), diags) {
        match templates.iter_mut().find(|x| x.name == t.name) {
            Some(slot) => *slot = t,
            None => templates.push(t),
        }
    }
    for (name, found) in walk_named(&site, &root.join("static"), diags) {
        match statics.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = StaticSource::Disk(found.real),
            None => statics.push((name, StaticSource::Disk(found.real))),
        }
    }
    // Files beside the content (a bulletin's images) are published at their
    // path under content/; links to them are rewritten in the resolve stage.
    let beside = beside_content(&site, root, &statics, diags);
    statics.extend(beside);
    (templates, statics)
}

/// The files beside the content that are published (their site path and
/// source), but those `statics` already has: photos as their variants
/// (probed here; re-encoded upright and without their GPS position at
/// write time, cached beside the site), other files as they are.
fn beside_content(
    site: &SiteRoot,
    root: &Path,
    statics: &[(String, StaticSource)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, StaticSource)> {
    let taken: std::collections::HashSet<&str> = statics.iter().map(|(n, _)| n.as_str()).collect();
    // Links among the content were reported when discovery walked it.
    let mut again = Vec::new();
    let mut photos = Vec::new();
    let mut out = Vec::new();
    for (name, found) in walk_named(site, &root.join("content"), &mut again) {
        if taken.contains(name.as_str()) {
            continue;
        }
        if crate::images::is_photo(&name) {
            photos.push((name, found));
        } else if is_asset(&found.path) {
            out.push((name, StaticSource::Disk(found.real)));
        }
    }
    let workshop = std::sync::Arc::new(crate::images::Workshop::new(Some(root)));
    out.extend(super::photos::probe_all(
        photos,
        &workshop,
        &|p| site.rel(p),
        diags,
    ));
    out
}

/// The files under `dir`, each named by its path below `dir` with `/`.
fn walk_named(site: &SiteRoot, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, Found)> {
    walk(site, dir, diags)
        .into_iter()
        .map(|f| (slash(f.path.strip_prefix(dir).unwrap_or(&f.path)), f))
        .collect()
}

/// The templates under `dir`, named by their path below it.
fn read_templates(site: &SiteRoot, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<TemplateFile> {
    let mut out = Vec::new();
    for (name, found) in walk_named(site, dir, diags) {
        match read_found(site, &found) {
            Ok(text) => out.push(TemplateFile {
                name,
                origin: slash(&site.rel(&found.path)),
                text,
            }),
            Err(d) => diags.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for n in [
            ".a.md.swp",
            "a.md~",
            ".#a.md",
            "#a.md#",
            "a.md.bak",
            "4913",
            ".hidden",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("a.md"));
    }
}
