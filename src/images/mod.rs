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
//! Photos are never enlarged. Each variant also has a lossy WebP copy,
//! named after it with `.webp` added (`a-480w.jpg.webp` … `a.jpg.webp`),
//! which browsers that read WebP pick (`<picture>`). A WebP photo `b.webp`
//! is the other way round: its own names carry the lossy WebP copies, and
//! the copies every browser reads are JPEG, `.jpg` added (`b.webp.jpg`).
//! Adding the extension, rather than changing it, keeps these names
//! apart from those of `a.webp` or `b.jpg` beside them.

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

/// WebP has no room for a side longer than this: a photo whose largest
/// variant is taller gets no WebP copies.
pub const WEBP_MAX_SIDE: u32 = 16_383;

/// A format photos come in and copies are published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JPEG, quality [`process::JPEG_QUALITY`].
    Jpeg,
    /// PNG (lossless: drawings, screenshots).
    Png,
    /// WebP, published lossy at quality [`process::WEBP_QUALITY`].
    Webp,
}

impl Format {
    /// The extension of its files.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }
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
    /// The format its file is in.
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
    /// Its format.
    pub format: Format,
}

impl Photo {
    /// The format of the copies every browser reads (`<img>`): the
    /// photo's own, but JPEG for a WebP photo.
    pub fn fallback(&self) -> Format {
        match self.format {
            Format::Webp => Format::Jpeg,
            f => f,
        }
    }

    /// Whether WebP copies are published: always, unless the largest
    /// variant is too tall for WebP (a long screenshot).
    pub fn has_webp(&self) -> bool {
        self.format == Format::Webp || self.height_at(self.width.min(MAX_WIDTH)) <= WEBP_MAX_SIDE
    }

    /// The formats copies are published in: [`fallback`](Self::fallback),
    /// then WebP when there are WebP copies.
    pub fn formats(&self) -> Vec<Format> {
        let mut out = vec![self.fallback()];
        if self.has_webp() {
            out.push(Format::Webp);
        }
        out
    }

    /// The copies every browser reads, narrowest first; the last is the
    /// largest (the photo's own name, but for a WebP photo).
    pub fn variants(&self) -> Vec<Variant> {
        self.variants_in(self.fallback())
    }

    /// The WebP copies, narrowest first; none when there are none.
    pub fn webp_variants(&self) -> Vec<Variant> {
        match self.has_webp() {
            true => self.variants_in(Format::Webp),
            false => Vec::new(),
        }
    }

    /// Every copy published: [`variants`](Self::variants), then
    /// [`webp_variants`](Self::webp_variants).
    pub fn copies(&self) -> Vec<Variant> {
        (self.formats().into_iter())
            .flat_map(|f| self.variants_in(f))
            .collect()
    }

    /// The copies in `format`, narrowest first. Those in the photo's own
    /// format take its name (the largest) and [`variant_name`]s; those in
    /// another format, the same names with its extension added.
    pub fn variants_in(&self, format: Format) -> Vec<Variant> {
        let largest = self.width.min(MAX_WIDTH);
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
        widths.push(largest);
        widths
            .into_iter()
            .map(|w| {
                let own = if w == largest {
                    self.name.clone()
                } else {
                    variant_name(&self.name, w)
                };
                Variant {
                    name: match format == self.format {
                        true => own,
                        false => format!("{own}.{}", format.ext()),
                    },
                    width: w,
                    height: self.height_at(w),
                    format,
                }
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

/// One output file made from a photo: which photo, how wide, in which format.
#[derive(Debug, Clone)]
pub struct Output {
    /// The photo.
    pub photo: Arc<Photo>,
    /// The variant's width.
    pub width: u32,
    /// The copy's format.
    pub format: Format,
    /// Where its bytes are made.
    pub workshop: Arc<Workshop>,
}

impl PartialEq for Output {
    fn eq(&self, other: &Output) -> bool {
        self.photo == other.photo && self.width == other.width && self.format == other.format
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

    fn names(vs: &[Variant]) -> String {
        (vs.iter())
            .map(|v| format!("{} {:?}", v.name.rsplit('/').next().unwrap(), v.format))
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn webp_copies_are_named_after_the_others() {
        let p = photo(4000, 3000);
        assert_eq!(
            names(&p.webp_variants()),
            "图-480w.jpg.webp Webp, 图-960w.jpg.webp Webp, 图.jpg.webp Webp"
        );
        assert_eq!(p.copies().len(), 6);
        assert_eq!(p.formats(), [Format::Jpeg, Format::Webp]);
        // A WebP photo: lossy WebP at its own names, JPEG for the rest.
        let w = Photo {
            name: "a/b.webp".into(),
            format: Format::Webp,
            ..photo(1000, 500)
        };
        assert_eq!(
            names(&w.variants()),
            "b-480w.webp.jpg Jpeg, b-960w.webp.jpg Jpeg, b.webp.jpg Jpeg"
        );
        assert_eq!(
            names(&w.webp_variants()),
            "b-480w.webp Webp, b-960w.webp Webp, b.webp Webp"
        );
        assert_eq!(w.share().name, "a/b-960w.webp.jpg");
        // A PNG keeps its PNG copies for browsers without WebP.
        let png = Photo {
            name: "c.png".into(),
            format: Format::Png,
            ..photo(300, 200)
        };
        assert_eq!(names(&png.copies()), "c.png Png, c.png.webp Webp");
        // A long screenshot whose largest copy WebP cannot hold has none.
        for (w, h, webp) in [
            (1000, 16_000, true),
            (1000, 17_000, false),
            (3000, 30_000, true),
        ] {
            let long = photo(w, h);
            assert_eq!(long.has_webp(), webp, "{w}x{h}");
            assert_eq!(long.webp_variants().is_empty(), !webp);
            assert_eq!(long.copies().len(), if webp { 6 } else { 3 });
        }
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
