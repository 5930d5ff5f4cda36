//! Discovery's look at a photo: its bytes hashed and its headers read
//! (format, size, EXIF orientation), without decoding the pixels.
//!
//! Takes the photo's bytes; gives a [`Photo`] or the [`Problem`] that keeps
//! it from being published. Pure.

use std::io::Cursor;
use std::path::Path;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{Format, Photo};

/// The most pixels a photo may have: decoding one takes 3 bytes a pixel
/// (a 120-megapixel photo, 360 MB).
pub const MAX_PIXELS: u64 = 120_000_000;

/// The longest side a photo may have, in pixels.
pub const MAX_SIDE: u32 = 30_000;

/// Why a photo cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not an image, or damaged (the decoder's reason).
    Broken(String),
    /// An image in a format jianxun does not read (its name, e.g. `HEIC`).
    Unsupported(String),
    /// Larger than [`MAX_PIXELS`] or [`MAX_SIDE`]: width and height.
    TooLarge(u32, u32),
}

/// The format the bytes are in, by their first bytes; `None` when no
/// image format is recognised.
fn format_of(bytes: &[u8]) -> Option<Result<ImageFormat, String>> {
    // Phones save HEIC under a `.jpg` name now and then.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = String::from_utf8_lossy(&bytes[8..12]).to_string();
        return Some(Err(match brand.as_str() {
            "avif" | "avis" => "AVIF".to_string(),
            _ => "HEIC".to_string(),
        }));
    }
    let f = image::guess_format(bytes).ok()?;
    Some(match f {
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP => Ok(f),
        other => Err(other
            .extensions_str()
            .first()
            .map_or_else(|| format!("{other:?}"), |e| e.to_ascii_uppercase())),
    })
}

/// The limits every decoder of a photo runs under.
pub fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_PIXELS * 4);
    l
}

/// What the decoder said, as a [`Problem`].
pub fn problem_of(e: &image::ImageError) -> Problem {
    match e {
        image::ImageError::Limits(_) => Problem::TooLarge(0, 0),
        image::ImageError::Unsupported(u) => Problem::Unsupported(u.to_string()),
        other => Problem::Broken(other.to_string()),
    }
}

/// Probes the photo `name` (site path) whose file is `source` and whose bytes are `bytes`.
pub fn probe(source: &Path, name: &str, bytes: &[u8]) -> Result<Photo, Problem> {
    let format = match format_of(bytes) {
        None => return Err(Problem::Broken(String::new())),
        Some(Err(f)) => return Err(Problem::Unsupported(f)),
        Some(Ok(f)) => f,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| problem_of(&e))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
        return Err(Problem::TooLarge(w, h));
    }
    if w == 0 || h == 0 {
        return Err(Problem::Broken(String::new()));
    }
    // A broken EXIF block leaves the photo as it was taken.
    let orientation = decoder.orientation().map_or(1, |o| o.to_exif());
    let (width, height) = if matches!(orientation, 5..=8) {
        (h, w)
    } else {
        (w, h)
    };
    Ok(Photo {
        source: source.to_path_buf(),
        name: name.to_string(),
        hash: xxhash_rust::xxh3::xxh3_128(bytes),
        width,
        height,
        orientation,
        format: match format {
            ImageFormat::Png => Format::Png,
            ImageFormat::WebP => Format::Webp,
            _ => Format::Jpeg,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(bytes: &[u8]) -> Result<Photo, Problem> {
        probe(Path::new("a.jpg"), "a.jpg", bytes)
    }

    #[test]
    fn what_is_not_a_photo_says_why() {
        assert_eq!(
            p(b"hello, not a photo"),
            Err(Problem::Broken(String::new()))
        );
        assert_eq!(p(b""), Err(Problem::Broken(String::new())));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(p(heic), Err(Problem::Unsupported("HEIC".into())));
        assert_eq!(
            p(b"GIF89a\x01\0\x01\0"),
            Err(Problem::Unsupported("GIF".into()))
        );
        // A JPEG cut short in its headers.
        assert!(matches!(
            p(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J']),
            Err(Problem::Broken(_))
        ));
    }

    #[test]
    fn a_small_png_is_probed() {
        let img = image::RgbImage::from_pixel(30, 20, image::Rgb([200, 10, 10]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let photo = p(&png).unwrap();
        assert_eq!((photo.width, photo.height, photo.orientation), (30, 20, 1));
        assert_eq!(photo.format, Format::Png);
        assert_eq!(photo.hash, xxhash_rust::xxh3::xxh3_128(&png));
    }
}
