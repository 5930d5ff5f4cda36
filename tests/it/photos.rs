//! Photos beside a bulletin: published upright, resized and without
//! metadata, as JPEG and lossy WebP copies, shown as figures (`<picture>`)
//! with captions and credits, processed once.

use std::io::Cursor;

use crate::support::Fixture;

/// An EXIF block (APP1 segment) saying "turn 90° clockwise" (orientation 6)
/// and carrying a GPS position (28°50′N 104°37′E, 宜宾), written by hand.
fn exif_app1() -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    // IFD0 at 8: orientation, and where the GPS IFD is (8 + 30 = 38).
    t.extend_from_slice(&2u16.to_be_bytes());
    entry(&mut t, 0x0112, 3, 1, [0, 6, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 38u32.to_be_bytes());
    t.extend_from_slice(&[0; 4]);
    // GPS IFD at 38; its rationals follow it at 38 + 54 = 92 and 116.
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 92u32.to_be_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, 5, 3, 116u32.to_be_bytes());
    t.extend_from_slice(&[0; 4]);
    for v in [28u32, 50, 0, 104, 37, 0] {
        t.extend_from_slice(&v.to_be_bytes());
        t.extend_from_slice(&1u32.to_be_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((2 + 6 + t.len()) as u16).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&t);
    seg
}

/// A phone photo as cameras store it: 4000 × 3000, red on the left and
/// blue on the right, with EXIF saying it must be turned 90° clockwise
/// (so it is upright as 3000 × 4000, red on top) and where it was taken.
fn phone_photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(4000, 3000, |x, _| {
        if x < 2000 {
            image::Rgb([210, 30, 30])
        } else {
            image::Rgb([30, 30, 210])
        }
    });
    let mut jpeg = Vec::new();
    img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_app1());
    out.extend_from_slice(&jpeg[2..]);
    out
}

const BODY: &str = "宜宾市总工会举办安全生产知识竞赛。\n\n![选手在决赛现场答题](photo.jpg \"决赛现场（张三 摄）\")\n\n全市411家企业参与。\n";

fn site_with_photo() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/bulletins/2025/jingsai/index.md",
        &format!("---\ntitle: 宜宾举办安全知识竞赛\ndate: 2025-06-12\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n{BODY}"),
    );
    f.write_bytes("content/bulletins/2025/jingsai/photo.jpg", &phone_photo());
    f
}

/// The chunks of a WebP file (its RIFF container): their four-letter names.
fn riff_chunks(bytes: &[u8]) -> Vec<String> {
    assert!(
        bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "not a WebP file"
    );
    let mut out = Vec::new();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        out.push(String::from_utf8_lossy(&bytes[at..at + 4]).into_owned());
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        at += 8 + len + len % 2;
    }
    out
}

/// Decodes a published file (JPEG, or lossy WebP by its name); checks it
/// carries no metadata.
fn published(f: &Fixture, rel: &str) -> image::RgbImage {
    let bytes = std::fs::read(f.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif" || w == b"EXIF"),
        "{rel} still carries EXIF"
    );
    use image::ImageDecoder;
    if rel.ends_with(".webp") {
        assert_eq!(riff_chunks(&bytes), ["VP8 "], "{rel}: lossy, nothing else");
        assert_eq!(
            image::guess_format(&bytes).unwrap(),
            image::ImageFormat::WebP
        );
    } else {
        let mut d = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&bytes)).unwrap();
        assert_eq!(d.exif_metadata().unwrap(), None, "{rel}");
    }
    image::load_from_memory(&bytes).unwrap().to_rgb8()
}

#[test]
fn a_phone_photo_is_published_upright_small_and_without_gps() {
    let f = site_with_photo();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("photos: 1 processed, 0 taken"),
        "{}",
        r.stderr
    );
    let dir = "site/bulletins/2025/jingsai";
    for (file, w, h) in [
        ("photo-480w.jpg", 480, 640),
        ("photo-960w.jpg", 960, 1280),
        ("photo.jpg", 1600, 2133),
        ("photo-480w.jpg.webp", 480, 640),
        ("photo-960w.jpg.webp", 960, 1280),
        ("photo.jpg.webp", 1600, 2133),
    ] {
        let img = published(&f, &format!("{dir}/{file}"));
        assert_eq!((img.width(), img.height()), (w, h), "{file}");
        // Upright: what was the left (red) is now on top.
        let (top, bottom) = (img.get_pixel(w / 2, h / 8), img.get_pixel(w / 2, h * 7 / 8));
        assert!(top[0] > 150 && top[2] < 100, "{file} top {top:?}");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{file} bottom {bottom:?}"
        );
    }
    assert!(!f.path(&format!("{dir}/photo-1600w.jpg")).exists());
    assert!(!f.path(&format!("{dir}/photo.webp")).exists());
    let page = f.read("site/bulletins/jingsai/index.html");
    for want in [
        "<figure class=\"photo\"><picture><source type=\"image/webp\" srcset=\"/bulletins/2025/jingsai/photo-480w.jpg.webp 480w, /bulletins/2025/jingsai/photo-960w.jpg.webp 960w, /bulletins/2025/jingsai/photo.jpg.webp 1600w\" sizes=\"",
        "\"><img src=\"/bulletins/2025/jingsai/photo.jpg\"",
        "srcset=\"/bulletins/2025/jingsai/photo-480w.jpg 480w, /bulletins/2025/jingsai/photo-960w.jpg 960w, /bulletins/2025/jingsai/photo.jpg 1600w\"",
        "width=\"1600\" height=\"2133\"",
        "alt=\"选手在决赛现场答题\"",
        "<figcaption>决赛现场<span class=\"credit\">（张三 摄）</span></figcaption>",
        "<meta property=\"og:image\" content=\"https://example.org/bulletins/2025/jingsai/photo-960w.jpg\">",
        "<meta property=\"og:image:width\" content=\"960\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        assert!(page.contains(want), "missing {want} in\n{page}");
    }
}

#[test]
fn an_unchanged_photo_is_never_processed_twice() {
    let f = site_with_photo();
    let first = f.run(&["build"]);
    assert!(
        first.stderr.contains("photos: 1 processed, 0 taken"),
        "{}",
        first.stderr
    );
    let copies = ["photo.jpg", "photo-480w.jpg.webp", "photo.jpg.webp"];
    let read = |name: &str| std::fs::read(f.path(&format!("site/bulletins/2025/jingsai/{name}")));
    let bytes: Vec<Vec<u8>> = copies.iter().map(|c| read(c).unwrap()).collect();
    // The text changes, the photo does not: the pages render again, the photo is not processed.
    let md = f.read("content/bulletins/2025/jingsai/index.md");
    f.write(
        "content/bulletins/2025/jingsai/index.md",
        &md.replace("411家", "412家"),
    );
    let second = f.run(&["build"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains("photos: 0 processed, 1 taken"),
        "{}",
        second.stderr
    );
    // Even into an empty output folder.
    std::fs::remove_dir_all(f.path("site")).unwrap();
    let third = f.run(&["build"]);
    assert!(
        third.stderr.contains("photos: 0 processed, 1 taken"),
        "{}",
        third.stderr
    );
    for (c, b) in copies.iter().zip(&bytes) {
        assert!(read(c).unwrap() == *b, "{c} differs");
    }
    // The cache is beside the site, never in the output; it has every
    // copy, the WebP ones too.
    let cached: Vec<String> = walkdir::WalkDir::new(f.path(".jianxun/cache/images"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(cached.len(), 6, "{cached:?}");
    assert_eq!(
        cached.iter().filter(|c| c.ends_with(".webp")).count(),
        3,
        "{cached:?}"
    );
    assert!(!f.path("site/.jianxun").exists());
}

/// The status, head and bytes of `path` from a running preview.
fn fetch(server: &crate::serve::Server, path: &str) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let at = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..at]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, buf[at + 4..].to_vec())
}

/// The preview makes a photo's copies, WebP ones too, when they are first
/// asked for, and they are the bytes a build writes (each site with a
/// cache of its own, so neither takes the other's copies).
#[test]
fn the_preview_serves_the_copies_a_build_writes() {
    let (served, built) = (site_with_photo(), site_with_photo());
    let server = crate::serve::Server::start(&served);
    assert_eq!(built.run(&["build"]).code, 0);
    let dir = "bulletins/2025/jingsai";
    for (file, kind) in [
        ("photo.jpg.webp", "image/webp"),
        ("photo-480w.jpg", "image/jpeg"),
        ("photo-480w.jpg.webp", "image/webp"),
        ("photo-960w.jpg.webp", "image/webp"),
        ("photo.jpg", "image/jpeg"),
    ] {
        let (status, head, body) = fetch(&server, &format!("/{dir}/{file}"));
        assert_eq!(status, 200, "{file}");
        assert!(
            head.contains(&format!("content-type: {kind}")),
            "{file}: {head}"
        );
        let want = std::fs::read(built.path(&format!("site/{dir}/{file}"))).unwrap();
        assert!(
            body == want,
            "{file}: the preview's copy differs from the build's"
        );
    }
    assert!(!built.path(&format!("site/{dir}/photo.webp")).exists());
    assert_eq!(fetch(&server, &format!("/{dir}/photo.webp")).0, 404);
}

/// A WebP photo: its own names carry lossy WebP copies (no longer the
/// lossless ones), and browsers without WebP get JPEG copies.
#[test]
fn a_webp_photo_gets_lossy_webp_and_a_jpeg_fallback() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/2025/jingsai/index.md",
        &format!("---\ntitle: 宜宾举办安全知识竞赛\ndate: 2025-06-12\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n{}", BODY.replace("photo.jpg", "photo.webp")),
    );
    let mut lossless = Vec::new();
    scene(1200, 900)
        .write_to(&mut Cursor::new(&mut lossless), image::ImageFormat::WebP)
        .unwrap();
    assert_eq!(riff_chunks(&lossless), ["VP8L"]);
    f.write_bytes("content/bulletins/2025/jingsai/photo.webp", &lossless);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = "site/bulletins/2025/jingsai";
    for (file, w) in [
        ("photo-480w.webp", 480),
        ("photo-960w.webp", 960),
        ("photo.webp", 1200),
        ("photo-480w.webp.jpg", 480),
        ("photo-960w.webp.jpg", 960),
        ("photo.webp.jpg", 1200),
    ] {
        let img = published(&f, &format!("{dir}/{file}"));
        assert_eq!((img.width(), img.height()), (w, w * 3 / 4), "{file}");
    }
    let page = f.read("site/bulletins/jingsai/index.html");
    for want in [
        "<source type=\"image/webp\" srcset=\"/bulletins/2025/jingsai/photo-480w.webp 480w, /bulletins/2025/jingsai/photo-960w.webp 960w, /bulletins/2025/jingsai/photo.webp 1200w\"",
        "<img src=\"/bulletins/2025/jingsai/photo.webp.jpg\" srcset=\"/bulletins/2025/jingsai/photo-480w.webp.jpg 480w, /bulletins/2025/jingsai/photo-960w.webp.jpg 960w, /bulletins/2025/jingsai/photo.webp.jpg 1200w\"",
        // Shared as JPEG, which every chat app reads.
        "<meta property=\"og:image\" content=\"https://example.org/bulletins/2025/jingsai/photo-960w.webp.jpg\">",
    ] {
        assert!(page.contains(want), "missing {want} in\n{page}");
    }
}

/// `file bytes | code | message`: a photo that cannot be published is an
/// error at the Markdown image that shows it.
#[test]
fn a_photo_that_cannot_be_read_is_an_error_at_its_image() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    let cases: [(&[u8], &str, &str); 2] = [
        (
            b"this is a Word document, not a photo",
            "E057",
            "cannot be opened",
        ),
        (&heic, "E058", "is in HEIC format"),
    ];
    for (bytes, code, text) in cases {
        let f = Fixture::new();
        f.write(
            "content/bulletins/2025/jingsai/index.md",
            &format!("---\ntitle: 宜宾举办安全知识竞赛\ndate: 2025-06-12\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n{BODY}"),
        );
        f.write_bytes("content/bulletins/2025/jingsai/photo.jpg", bytes);
        for cmd in ["build", "check"] {
            let r = f.run(&[cmd]);
            assert_eq!(r.code, 1, "{cmd}: {}", r.stderr);
            let head = format!("content/bulletins/2025/jingsai/index.md:9:14: error[{code}]");
            assert!(
                r.stderr.contains(&head),
                "{cmd}: wanted {head} in\n{}",
                r.stderr
            );
            assert!(r.stderr.contains(text), "{cmd}: {}", r.stderr);
        }
        assert!(!f.path("site").exists());
    }
}

#[test]
fn a_photo_nothing_shows_is_an_error_at_the_photo() {
    let f = Fixture::new();
    f.write_bytes("content/bulletins/2025/stray.jpg", b"not a photo");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/bulletins/2025/stray.jpg: error[E057]"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_site_share_image_must_exist() {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        &format!("{}share_image: images/share.jpg\n", crate::support::CONFIG),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("jianxun.yaml:7:14: error[E060]"),
        "{}",
        r.stderr
    );
    f.write_bytes("static/images/share.jpg", &[0xFF, 0xD8, 0xFF, 0xD9]);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = f.read("site/index.html");
    assert!(
        home.contains(
            "<meta property=\"og:image\" content=\"https://example.org/images/share.jpg\">"
        ),
        "{home}"
    );
}

/// A made-up outdoor scene `w`×`h` (sky, sun, a red banner, ground with
/// people, and grain like a phone camera's), for the example site and for
/// measuring: photo-like enough that encoders work as hard as on a photo.
pub fn scene(w: u32, h: u32) -> image::RgbImage {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut grain = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 17) as i32 - 8
    };
    let (fw, fh) = (w as f32, h as f32);
    image::RgbImage::from_fn(w, h, |x, y| {
        let (u, v) = (x as f32 / fw, y as f32 / fh);
        let mut c = if v < 0.55 {
            // Sky, lighter towards the horizon, and the sun.
            let t = v / 0.55;
            let sun = ((u - 0.78).powi(2) + (v - 0.18).powi(2) * (fh / fw).powi(2)).sqrt() < 0.05;
            if sun {
                [255.0, 236.0, 180.0]
            } else {
                [90.0 + 110.0 * t, 150.0 + 70.0 * t, 220.0 + 20.0 * t]
            }
        } else {
            // Ground: a square in green and grey paving.
            let t = (v - 0.55) / 0.45;
            let tile = ((u * 40.0) as i32 + (t * 12.0) as i32) % 2 == 0;
            if tile {
                [120.0, 125.0, 118.0]
            } else {
                [96.0, 140.0, 80.0]
            }
        };
        // A red banner on two poles.
        if (0.2..0.8).contains(&u) && (0.3..0.42).contains(&v) {
            c = [200.0 - 40.0 * v, 28.0, 30.0];
            if ((u * 60.0) as i32 % 3 == 0) && (0.34..0.38).contains(&v) {
                c = [250.0, 220.0, 120.0];
            }
        }
        // People: dark figures standing in a row.
        let col = (u * 24.0).fract();
        if (0.58..0.78).contains(&v) && (0.35..0.6).contains(&col) && (u * 24.0) as i32 % 2 == 0 {
            c = [40.0 + 60.0 * col, 45.0, 70.0 + 40.0 * v];
        }
        let g = grain() as f32;
        image::Rgb(c.map(|ch| (ch + g).clamp(0.0, 255.0) as u8))
    })
}

/// Writes [`scene`] as a JPEG: `JIANXUN_SCENE=WxH:path cargo test --test it
/// photos::write_scene -- --ignored` (the example site's photos, and large
/// photos to measure with). A tool, not a check: without the variable
/// (as when every ignored test runs in CI) it writes nothing.
#[test]
#[ignore]
fn write_scene() {
    let Ok(spec) = std::env::var("JIANXUN_SCENE") else {
        eprintln!("JIANXUN_SCENE=WxH:path is not set: no scene written");
        return;
    };
    let (size, path) = spec.split_once(':').expect("WxH:path");
    let (w, h) = size.split_once('x').expect("WxH");
    let img = scene(w.parse().unwrap(), h.parse().unwrap());
    if !path.ends_with(".jpg") {
        // PNG or (lossless) WebP, by the extension.
        return img.save(path).unwrap();
    }
    let file = std::fs::File::create(path).unwrap();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(file, 90);
    img.write_with_encoder(enc).unwrap();
}

#[test]
fn check_warns_of_a_photo_that_does_not_say_what_it_shows() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/2025/jingsai/index.md",
        "---\ntitle: 宜宾举办安全知识竞赛\ndate: 2025-06-12\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文。\n\n![](photo.png)\n\n![选手答题](photo.png)\n",
    );
    f.write_bytes(
        "content/bulletins/2025/jingsai/photo.png",
        &crate::support::tiny_png(3),
    );
    let r = f.run(&["check"]);
    assert!(
        r.stderr.contains("content/bulletins/2025/jingsai/index.md:9:5: warning[W014]: the photo `photo.png` does not say what it shows"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("warning[W014]").count(), 1, "{}", r.stderr);
    assert!(f.run(&["build"]).code == 0);
}
