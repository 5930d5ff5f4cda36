//! The work on one photo: decode it, resize it to every variant's width,
//! turn each copy upright and encode it, in every format it is published
//! in, without any metadata.
//!
//! Takes the photo's bytes and its [`Photo`]; gives the bytes of every
//! copy, narrowest first. Resizing comes before turning upright, so the
//! only full-size buffer is the decoded photo itself (a 50-megapixel
//! photo: 150 MB). JPEG and PNG are encoded by the `image` crate; WebP by
//! libwebp (the `webp` crate), since the `image` crate only writes
//! lossless WebP, ten times the size of a JPEG for a photo. Pure.

use std::io::Cursor;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};

use super::probe::{Problem, limits, problem_of};
use super::{Format, Photo};

/// JPEG quality of the variants: small files, no visible loss on a phone screen.
pub const JPEG_QUALITY: u8 = 80;

/// WebP quality of the copies (lossy): about as good to the eye as
/// [`JPEG_QUALITY`] JPEG, and smaller.
pub const WEBP_QUALITY: f32 = 75.0;

/// Changes whenever the bytes a variant is made into change (encoder,
/// quality, filter): cached variants of another version are not used.
pub const VERSION: &str = "v2-q80-w75-l3";

/// The decoded pixels, as they are stored in the file (not yet upright).
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

/// Decodes `bytes` into 8-bit RGB (or RGBA when the photo has transparency).
fn decode(bytes: &[u8]) -> Result<Pixels, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Broken(e.to_string()))?;
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(|e| problem_of(&e))?;
    let (width, height) = decoder.dimensions();
    let img = DynamicImage::from_decoder(decoder).map_err(|e| problem_of(&e))?;
    let alpha = img.color().has_alpha();
    let data = match img {
        DynamicImage::ImageRgb8(b) => b.into_raw(),
        DynamicImage::ImageRgba8(b) => b.into_raw(),
        other if alpha => other.to_rgba8().into_raw(),
        other => other.to_rgb8().into_raw(),
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// Every copy of `photo`, made from its `bytes`: (width, format, encoded
/// bytes), narrowest first, in each of [`Photo::formats`].
pub fn variants(photo: &Photo, bytes: &[u8]) -> Result<Vec<(u32, Format, Vec<u8>)>, Problem> {
    let px = decode(bytes)?;
    let kind = if px.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let src = ImageRef::new(px.width, px.height, &px.data, kind)
        .map_err(|e| Problem::Broken(e.to_string()))?;
    let orientation =
        Orientation::from_exif(photo.orientation).unwrap_or(Orientation::NoTransforms);
    let turned = matches!(photo.orientation, 5..=8);
    let formats = photo.formats();
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let mut out = Vec::new();
    for v in photo.variants() {
        // The size before turning upright.
        let (w, h) = if turned {
            (v.height, v.width)
        } else {
            (v.width, v.height)
        };
        let data = if (w, h) == (px.width, px.height) {
            px.data.clone()
        } else {
            let mut dst = Image::new(w, h, kind);
            resizer
                .resize(&src, &mut dst, &options)
                .map_err(|e| Problem::Broken(e.to_string()))?;
            dst.into_vec()
        };
        let mut img = match px.alpha {
            true => image::RgbaImage::from_raw(w, h, data).map(DynamicImage::ImageRgba8),
            false => image::RgbImage::from_raw(w, h, data).map(DynamicImage::ImageRgb8),
        }
        .ok_or_else(|| Problem::Broken(String::new()))?;
        img.apply_orientation(orientation);
        for &format in &formats {
            out.push((v.width, format, encode(&img, format)?));
        }
    }
    Ok(out)
}

/// `img` without its transparency, as if laid on white paper.
fn on_white(img: &DynamicImage) -> image::RgbImage {
    let DynamicImage::ImageRgba8(rgba) = img else {
        return img.to_rgb8();
    };
    image::RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let p = rgba.get_pixel(x, y);
        let a = u32::from(p[3]);
        image::Rgb([0, 1, 2].map(|i| ((u32::from(p[i]) * a + 255 * (255 - a) + 127) / 255) as u8))
    })
}

/// Encodes `img` in `format`, with nothing but the pixels.
fn encode(img: &DynamicImage, format: Format) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let (w, h) = (img.width(), img.height());
    let color = if img.color().has_alpha() {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let done = match format {
        Format::Jpeg => {
            let rgb = on_white(img);
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
                rgb.as_raw(),
                w,
                h,
                ExtendedColorType::Rgb8,
            )
        }
        Format::Png => {
            image::codecs::png::PngEncoder::new(&mut out).write_image(img.as_bytes(), w, h, color)
        }
        Format::Webp => return webp(img),
    };
    done.map_err(|e| Problem::Broken(e.to_string()))?;
    Ok(out)
}

/// Encodes `img` as lossy WebP: a `VP8 ` chunk (and `ALPH` for
/// transparency), no `EXIF` or `XMP ` chunk.
fn webp(img: &DynamicImage) -> Result<Vec<u8>, Problem> {
    let (w, h) = (img.width(), img.height());
    let encoder = match img {
        DynamicImage::ImageRgba8(b) => webp::Encoder::from_rgba(b.as_raw(), w, h),
        DynamicImage::ImageRgb8(b) => webp::Encoder::from_rgb(b.as_raw(), w, h),
        _ => return Err(Problem::Broken(String::new())),
    };
    let done = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|e| Problem::Broken(format!("WebP: {e:?}")))?;
    Ok(done.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A JPEG `w`×`h`: red on the left, blue on the right.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                image::Rgb([220, 20, 20])
            } else {
                image::Rgb([20, 20, 220])
            }
        });
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .unwrap();
        out
    }

    #[test]
    fn variants_are_upright_and_the_right_size() {
        let bytes = jpeg(2000, 1000);
        let mut photo = super::super::probe(Path::new("a.jpg"), "a.jpg", &bytes).unwrap();
        // As if the camera had said "turn 90° clockwise".
        photo.orientation = 6;
        (photo.width, photo.height) = (1000, 2000);
        let out = variants(&photo, &bytes).unwrap();
        let sizes: Vec<(u32, Format, u32, u32)> = out
            .iter()
            .map(|(w, f, b)| {
                let img = image::load_from_memory(b).unwrap();
                let real = image::guess_format(b).unwrap();
                assert_eq!(real.extensions_str()[0], f.ext(), "{w} {f:?}");
                (*w, *f, img.width(), img.height())
            })
            .collect();
        use Format::{Jpeg, Webp};
        assert_eq!(
            sizes,
            [
                (480, Jpeg, 480, 960),
                (480, Webp, 480, 960),
                (960, Jpeg, 960, 1920),
                (960, Webp, 960, 1920),
                (1000, Jpeg, 1000, 2000),
                (1000, Webp, 1000, 2000),
            ]
        );
        // Turned clockwise: the left (red) half is now on top, in either format.
        for copy in &out[..2] {
            let img = image::load_from_memory(&copy.2).unwrap().to_rgb8();
            let top = img.get_pixel(240, 100);
            let bottom = img.get_pixel(240, 860);
            assert!(top[0] > 150 && top[2] < 100, "{:?} {top:?}", copy.1);
            assert!(
                bottom[2] > 150 && bottom[0] < 100,
                "{:?} {bottom:?}",
                copy.1
            );
        }
        // Lossy: a VP8 bitstream, not lossless VP8L.
        assert_eq!(&out[1].2[12..16], b"VP8 ");
    }

    #[test]
    fn a_transparent_webp_photo_gets_a_jpeg_on_white() {
        let img = image::RgbaImage::from_fn(600, 300, |x, _| match x < 300 {
            true => image::Rgba([200, 20, 20, 255]),
            false => image::Rgba([0, 0, 0, 0]),
        });
        let mut bytes = Vec::new();
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::WebP)
            .unwrap();
        let photo = super::super::probe(Path::new("b.webp"), "b.webp", &bytes).unwrap();
        assert_eq!(photo.formats(), [Format::Jpeg, Format::Webp]);
        let out = variants(&photo, &bytes).unwrap();
        assert_eq!(out.len(), 4);
        let jpeg = image::load_from_memory(&out[0].2).unwrap().to_rgb8();
        assert!(jpeg.get_pixel(450, 150).0.iter().all(|&c| c > 240));
        let webp = image::load_from_memory(&out[1].2).unwrap().to_rgba8();
        assert_eq!(webp.get_pixel(450, 150)[3], 0);
        assert!(webp.get_pixel(100, 150)[0] > 150);
    }
}
