//! Bytes → text: what discovery does with every file it reads as text.
//!
//! UTF-8 is read with its byte-order mark dropped and line ends made `\n`.
//! A file in another encoding is a diagnostic that names the encoding and
//! how to re-save it: UTF-16 (what Windows Notepad calls "Unicode"), found
//! by its byte-order mark or by the NUL byte beside every ASCII letter, or
//! else GBK or another legacy encoding, at its first bad byte with that
//! character underlined.

use std::path::Path;

use super::frontmatter::normalise_owned;
use crate::diag::Diagnostic;
use crate::messages::{Key, Msg};
use crate::msg;

/// Decodes the bytes of the file at `path` (relative to the site root).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(order) = utf16(&bytes) {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            "not-utf8",
            Msg::new(Key::NotUtf8Utf16).arg_msg(match order {
                "big-endian" => msg!(BigEndian),
                _ => msg!(LittleEndian),
            }),
        )
        .with_hint(msg!(Resave)));
    }
    let bytes = match utf8(bytes) {
        Ok(s) => return Ok(normalise_owned(s)),
        Err(bytes) => bytes,
    };
    // The standard check, again, for where the bad byte is.
    match String::from_utf8(bytes) {
        Ok(s) => Ok(normalise_owned(s)),
        Err(e) => Err(legacy(path, e)),
    }
}

/// `bytes` as a string when they are UTF-8, else the bytes back. Checked
/// with SIMD: a large site's texts are tens of megabytes of Chinese, which
/// the standard check reads several times slower.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// `little-endian` or `big-endian` when `bytes` look like UTF-16: a
/// byte-order mark, or NUL bytes (the high half of ASCII characters) making
/// up a good share of the start of the file, nearly all on one side.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => return Some("little-endian"),
        [0xfe, 0xff, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(1024) & !1];
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let many = |n: usize| n >= 4 && n * 10 >= head.len() / 2;
    if many(odd) && even * 10 <= odd {
        Some("little-endian")
    } else if many(even) && odd * 10 <= even {
        Some("big-endian")
    } else {
        None
    }
}

/// The diagnostic for bytes that are not UTF-8 and not UTF-16: the line of
/// the first bad byte as a UTF-8 reader sees it, with the character there
/// (one GBK character is two bytes) underlined.
fn legacy(path: &Path, e: std::string::FromUtf8Error) -> Diagnostic {
    let bytes = e.as_bytes();
    let valid = e.utf8_error().valid_up_to();
    let line_start = bytes[..valid]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[valid..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let line = bytes[..line_start].iter().filter(|b| **b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&bytes[line_start..valid])
        .chars()
        .count()
        + 1;
    let shown = String::from_utf8_lossy(&bytes[line_start..line_end])
        .trim_end_matches('\r')
        .to_string();
    // A legacy Chinese character is a lead byte and one more; else the bad sequence.
    let bad = if bytes[valid] >= 0x81 && valid + 1 < line_end {
        2
    } else {
        e.utf8_error().error_len().unwrap_or(1)
    };
    let end = (valid + bad).min(line_end);
    let len = String::from_utf8_lossy(&bytes[valid..end]).chars().count();
    let mut d = Diagnostic::error(path, line, col, "not-utf8", msg!(NotUtf8Legacy))
        .with_hint(msg!(Resave))
        .with_len(len.max(1));
    d.source_line = Some(shown);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The SIMD check takes exactly what the standard one takes: any
        /// bytes decode to the same text, or fail at the same place.
        #[test]
        fn the_fast_check_agrees_with_the_standard_one(
            text in "\\PC{0,200}",
            cut in 0usize..400,
            junk in proptest::collection::vec(proptest::num::u8::ANY, 0..4),
        ) {
            let mut bytes = text.into_bytes();
            let at = cut.min(bytes.len());
            bytes.splice(at..at, junk);
            let path = Path::new("content/a.md");
            let want = match String::from_utf8(bytes.clone()) {
                Ok(s) => Ok(normalise_owned(s)),
                Err(e) => Err(legacy(path, e)),
            };
            let got = decode(path, bytes.clone());
            if utf16(&bytes).is_none() {
                proptest::prop_assert_eq!(
                    got.as_ref().map_err(|d| (d.line, d.col)),
                    want.as_ref().map_err(|d| (d.line, d.col))
                );
            }
        }
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn gbk_file_is_named_with_position() {
        // "标题" in GBK after one ASCII line.
        let bytes = b"---\ntitle: \xb1\xea\xcc\xe2\n".to_vec();
        let d = decode(Path::new("content/a.md"), bytes).unwrap_err();
        assert_eq!((d.line, d.col, d.code), (2, 8, "not-utf8"));
        assert!(d.hint.unwrap().en().contains("UTF-8"));
        assert!(
            (1..=2).contains(&d.len),
            "one character underlined: {}",
            d.len
        );
    }

    #[test]
    fn utf16_is_recognised_with_or_without_a_mark() {
        let text = "---\ntitle: 宜宾园区安全检查\ndate: 2022-12-10\n---\n正文。\n";
        let mut marked = vec![0xff, 0xfe];
        marked.extend(utf16le(text));
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, order) in [
            (marked, "little-endian"),
            (utf16le(text), "little-endian"),
            (big, "big-endian"),
            (utf16le("---\ntitle: about\n---\n"), "little-endian"),
        ] {
            let d = decode(Path::new("a.md"), bytes).unwrap_err();
            assert!(
                d.message.en().contains("UTF-16") && d.message.en().contains(order),
                "{}",
                d.message
            );
            assert_eq!(d.line, 0);
        }
    }

    #[test]
    fn utf8_with_the_odd_nul_is_still_utf8() {
        let text = format!("---\ntitle: a\0b\n---\n{}", "正文".repeat(100));
        assert!(decode(Path::new("a.md"), text.into_bytes()).is_ok());
        assert_eq!(
            decode(Path::new("a.md"), b"\xef\xbb\xbfx\r\n".to_vec()).unwrap(),
            "x\n"
        );
    }
}
