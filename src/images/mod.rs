//! Photos: the JPEG, PNG and WebP files beside the content, published
//! only as re-encoded, resized copies (upright, without metadata).
//!
//! Not a stage of its own but what two stages share: discovery
//! [`probe`]s each photo (its size, orientation and content hash, from the
//! file's headers) so that pages can be rendered with its dimensions and
//! the URLs of its variants; the write stage asks the [`Workshop`] for the
//! bytes of each variant, which decodes, turns upright, resizes and
//! encodes the photo once ([`process`]) and keeps the result in a cache
//! folder outside the output, keyed by the photo's content hash.
//!
//! A photo `a.jpg` 3000 px wide is published as `a-480w.jpg`,
//! `a-960w.jpg` and, at its own name `a.jpg`, the largest variant
//! (1600 px wide): a link to the original still gets a stripped copy.
//! Photos are never enlarged.

use std::path::PathBuf;
use std::sync::Arc;

pub mod probe;
pub mod process;
mod workshop;

pub use probe::{Problem, probe};
pub use workshop::Workshop;

/// The widths variants are made at (never wider than the photo).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The widest variant; also the width of the copy at the photo's own name.
pub const MAX_WIDTH: u32 = WIDTHS[2];

/// The width of the variant shared to chat apps (`og:image`).
pub const SHARE_WIDTH: u32 = WIDTHS[1];

/// Extensions of the files treated as photos.
pub const EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Whether a file beside the content is a photo (by its extension).
pub fn is_photo(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The format a photo is published in: its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JPEG, quality [`process::JPEG_QUALITY`].
    Jpeg,
    /// PNG (lossless: drawings, screenshots).
    Png,
    /// WebP (lossless: the encoder at hand has no lossy mode).
    Webp,
}

/// One photo beside the content, probed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its file on disk.
    pub source: PathBuf,
    /// Its site path (`bulletins/2025/foo/a.jpg`), where the largest variant is published.
    pub name: String,
    /// Hash of the file's bytes (xxh3-128).
    pub hash: u128,
    /// Width once upright, in pixels.
    pub width: u32,
    /// Height once upright, in pixels.
    pub height: u32,
    /// The EXIF orientation (1–8; 1 is upright).
    pub orientation: u8,
    /// The format it is published in.
    pub format: Format,
}

/// One published copy of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Its site path.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Photo {
    /// The copies published, narrowest first; the last is the largest and
    /// has the photo's own name.
    pub fn variants(&self) -> Vec<Variant> {
        let largest = self.width.min(MAX_WIDTH);
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
        widths.push(largest);
        widths
            .into_iter()
            .map(|w| Variant {
                name: if w == largest {
                    self.name.clone()
                } else {
                    variant_name(&self.name, w)
                },
                width: w,
                height: self.height_at(w),
            })
            .collect()
    }

    /// The height of a copy `w` pixels wide (at least 1).
    pub fn height_at(&self, w: u32) -> u32 {
        let h = (u64::from(self.height) * u64::from(w) + u64::from(self.width) / 2)
            / u64::from(self.width.max(1));
        (h as u32).max(1)
    }

    /// The variant shared to chat apps: [`SHARE_WIDTH`] wide, or the largest when narrower.
    pub fn share(&self) -> Variant {
        let all = self.variants();
        let pick = all.iter().position(|v| v.width >= SHARE_WIDTH);
        all[pick.unwrap_or(all.len() - 1)].clone()
    }
}

/// `bulletins/a/photo.jpg` at 480 px → `bulletins/a/photo-480w.jpg`.
pub fn variant_name(name: &str, width: u32) -> String {
    let (dir, file) = name.rsplit_once('/').map_or(("", name), |(d, f)| (d, f));
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let file = format!("{stem}-{width}w.{ext}");
    if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    }
}

/// Every photo of the site by site path.
pub type Table = Arc<std::collections::BTreeMap<String, Arc<Photo>>>;

/// One output file made from a photo: which photo, and how wide.
#[derive(Debug, Clone)]
pub struct Output {
    /// The photo.
    pub photo: Arc<Photo>,
    /// The variant's width.
    pub width: u32,
    /// Where its bytes are made.
    pub workshop: Arc<Workshop>,
}

impl PartialEq for Output {
    fn eq(&self, other: &Output) -> bool {
        self.photo == other.photo && self.width == other.width
    }
}

impl Eq for Output {}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(w: u32, h: u32) -> Photo {
        Photo {
            source: PathBuf::new(),
            name: "bulletins/2025/a/图.jpg".into(),
            hash: 0,
            width: w,
            height: h,
            orientation: 1,
            format: Format::Jpeg,
        }
    }

    /// `width×height | variants (name width×height)`.
    const VARIANTS: &str = "
        3000x4000 | 图-480w.jpg 480x640, 图-960w.jpg 960x1280, 图.jpg 1600x2133
        4000x3000 | 图-480w.jpg 480x360, 图-960w.jpg 960x720, 图.jpg 1600x1200
        960x540   | 图-480w.jpg 480x270, 图.jpg 960x540
        800x600   | 图-480w.jpg 480x360, 图.jpg 800x600
        300x200   | 图.jpg 300x200
        2000x1    | 图-480w.jpg 480x1, 图-960w.jpg 960x1, 图.jpg 1600x1
    ";

    #[test]
    fn variants_are_never_enlarged() {
        for line in VARIANTS.lines().filter(|l| !l.trim().is_empty()) {
            let (size, want) = line.split_once('|').unwrap();
            let (w, h) = size.trim().split_once('x').unwrap();
            let p = photo(w.parse().unwrap(), h.parse().unwrap());
            let got: Vec<String> = (p.variants().iter())
                .map(|v| {
                    let file = v.name.rsplit('/').next().unwrap();
                    format!("{file} {}x{}", v.width, v.height)
                })
                .collect();
            assert_eq!(got.join(", "), want.trim(), "{size}");
            assert!(
                p.variants()
                    .iter()
                    .all(|v| v.name.starts_with("bulletins/2025/a/"))
            );
        }
        assert_eq!(photo(3000, 4000).share().width, 960);
        assert_eq!(photo(800, 600).share().width, 800);
    }

    #[test]
    fn photos_by_extension() {
        for (name, yes) in [
            ("a.JPG", true),
            ("a.jpeg", true),
            ("b.png", true),
            ("c.webp", true),
            ("d.gif", false),
            ("e.svg", false),
            ("jpg", false),
        ] {
            assert_eq!(is_photo(name), yes, "{name}");
        }
    }
}
