//! Discovery of photos: the JPEG, PNG and WebP files beside the content,
//! probed (see [`crate::images`]) and published as their variants.
//!
//! Takes the photo files discovery found and the content files' texts;
//! gives one static file per copy (each variant, and its WebP copy), the
//! site's table of photos for the render stage, and a diagnostic for each
//! photo that cannot be published, placed at every Markdown image that
//! shows it (or at the photo itself when nothing shows it).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use super::discover::{SourceFile, StaticSource};
use super::walk::Found;
use crate::diag::Diagnostic;
use crate::images::{self, Photo, Problem, Workshop};
use crate::messages::io_reason;
use crate::msg;

/// The codes of the diagnostics about one photo.
pub const CODES: [&str; 3] = ["image-broken", "image-unsupported", "image-too-large"];

/// Probes the photos `found` (site path under `content/`, file) in
/// parallel: their variants as static files, and a diagnostic at each
/// photo that cannot be published.
pub fn probe_all(
    found: Vec<(String, Found)>,
    workshop: &Arc<Workshop>,
    rel: &(dyn Fn(&Path) -> std::path::PathBuf + Sync),
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, StaticSource)> {
    let probed: Vec<(String, Result<Photo, Diagnostic>)> = found
        .into_par_iter()
        .map(|(name, f)| {
            let path = rel(&f.path);
            let photo = match std::fs::read(&f.real) {
                Ok(bytes) => images::probe(&f.real, &name, &bytes).map_err(|p| problem(&path, &p)),
                Err(e) => Err(problem(&path, &Problem::Broken(io_reason(&e).to_string()))),
            };
            (name, photo)
        })
        .collect();
    let mut out = Vec::new();
    for (_, photo) in probed {
        match photo {
            Ok(photo) => {
                let photo = Arc::new(photo);
                for v in photo.copies() {
                    out.push((
                        v.name,
                        StaticSource::Photo(images::Output {
                            photo: Arc::clone(&photo),
                            width: v.width,
                            format: v.format,
                            workshop: Arc::clone(workshop),
                        }),
                    ));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The diagnostic for a photo (at `path`, from the site root) that cannot be published.
pub fn problem(path: &Path, p: &Problem) -> Diagnostic {
    let name = crate::diag::shown(path);
    let (code, message, hint) = match p {
        Problem::Broken(why) => (
            CODES[0],
            msg!(ImageBroken, &name, why),
            msg!(ImageBrokenHint),
        ),
        Problem::Unsupported(f) => (
            CODES[1],
            msg!(ImageUnsupported, &name, f),
            msg!(ImageUnsupportedHint),
        ),
        Problem::TooLarge(w, h) => (
            CODES[2],
            msg!(ImageTooLarge, &name, w, h),
            msg!(ImageTooLargeHint),
        ),
    };
    Diagnostic::error(path, 0, 0, code, message).with_hint(hint)
}

/// Every photo of `statics` by site path.
pub fn table(statics: &[(String, StaticSource)]) -> images::Table {
    let map: BTreeMap<String, Arc<Photo>> = (statics.iter())
        .filter_map(|(_, s)| match s {
            StaticSource::Photo(o) => Some((o.photo.name.clone(), Arc::clone(&o.photo))),
            _ => None,
        })
        .collect();
    Arc::new(map)
}

/// The site's default share image (`share_image:` in jianxun.yaml) must
/// be a file the site publishes.
pub fn share_image(
    config: &crate::config::Config,
    statics: &[(String, StaticSource)],
) -> Option<Diagnostic> {
    let (name, line, col) = config.share_image.as_ref()?;
    if statics.iter().any(|(n, _)| n == name) {
        return None;
    }
    Some(
        Diagnostic::error(
            crate::config::CONFIG_FILE,
            *line,
            *col,
            "share-image-missing",
            msg!(ShareImageMissing, name),
        )
        .with_len(name.chars().count())
        .with_hint(msg!(ShareImageMissingHint)),
    )
}

/// The file a destination written in `from` names, from the site root.
fn file_of(from: &Path, dest: &str) -> Option<String> {
    let path = dest.split(['?', '#']).next()?;
    if path.contains(':') || path.starts_with("//") {
        return None;
    }
    let path = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<String> = match path.strip_prefix('/') {
        Some(_) => vec!["content".to_string()],
        None => (from.parent()?.iter())
            .map(|c| c.to_string_lossy().into_owned())
            .collect(),
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    Some(parts.join("/"))
}

/// Moves the diagnostics about photos to the Markdown images that show
/// them: one at each image, underlining its destination. A photo nothing
/// shows keeps its diagnostic at the photo file.
pub fn place(diags: Vec<Diagnostic>, files: &[SourceFile]) -> Vec<Diagnostic> {
    let (about, mut out): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diags.into_iter().partition(|d| CODES.contains(&d.code));
    if about.is_empty() {
        return out;
    }
    let mut shown_at: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for f in files {
        for r in super::links::scan(&f.text).into_iter().filter(|r| r.image) {
            let Some(file) = file_of(&f.path, &r.dest) else {
                continue;
            };
            let Some(d) = about
                .iter()
                .find(|d| d.path.to_string_lossy().replace('\\', "/") == file)
            else {
                continue;
            };
            let mut at = Diagnostic::error(&f.path, r.line, r.col, d.code, d.message.clone())
                .with_len(r.len)
                .with_source(&f.text);
            at.hint = d.hint.clone();
            shown_at.entry(file).or_default().push(at);
        }
    }
    for d in about {
        let key = d.path.to_string_lossy().replace('\\', "/");
        match shown_at.remove(&key) {
            Some(list) => out.extend(list),
            None => out.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_name_files() {
        let from = Path::new("content/bulletins/2025/foo/index.md");
        for (dest, want) in [
            ("a.jpg", Some("content/bulletins/2025/foo/a.jpg")),
            (
                "./img/%E5%9B%BE.jpg?x=1",
                Some("content/bulletins/2025/foo/img/图.jpg"),
            ),
            ("../bar/b.png", Some("content/bulletins/2025/bar/b.png")),
            (
                "/bulletins/2025/foo/a.jpg",
                Some("content/bulletins/2025/foo/a.jpg"),
            ),
            ("https://example.org/a.jpg", None),
            ("../../../../../x.jpg", None),
        ] {
            assert_eq!(file_of(from, dest).as_deref(), want, "{dest}");
        }
    }
}
