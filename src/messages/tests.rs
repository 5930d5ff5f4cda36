//! The catalogues agree: every key in both languages, with the same
//! variable parts; every diagnostic kind explained in both.

use super::*;

#[test]
fn every_key_has_both_languages_with_the_same_parts() {
    for &key in Key::ALL {
        let (zh, en) = (template(key, Lang::Zh), template(key, Lang::En));
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
        assert!(!en.trim().is_empty(), "{key:?} has no English text");
        assert_eq!(placeholders(zh), placeholders(en), "{key:?}: {zh} | {en}");
        let parts = placeholders(zh);
        assert!(
            parts.iter().enumerate().all(|(i, &n)| i == n),
            "{key:?} skips a part: {zh}"
        );
    }
}

#[test]
fn parts_are_filled_in_and_nested_messages_follow_the_language() {
    let m = msg!(DateDaysInMonth, 2023, 2, 28);
    assert_eq!(m.zh(), "2023年2月只有 28 天");
    assert_eq!(m.en(), "2023年2月 has 28 days");
    assert_eq!(fill("{a} {0} {", |_| "x".into()), "{a} x {");
    let nested = msg!(DateNotRealBecause, "2023-02-29").arg_msg(m);
    assert_eq!(
        nested.en(),
        "`2023-02-29` is not a real date: 2023年2月 has 28 days"
    );
    assert_eq!(nested.zh(), "日期 `2023-02-29` 不存在：2023年2月只有 28 天");
}

#[test]
fn language_choice() {
    assert_eq!(Lang::choose(None, None), Lang::Zh);
    assert_eq!(Lang::choose(None, Some("zh-CN")), Lang::Zh);
    assert_eq!(Lang::choose(None, Some("en")), Lang::En);
    assert_eq!(Lang::choose(None, Some("en-GB")), Lang::En);
    assert_eq!(Lang::choose(Some("en"), Some("zh-CN")), Lang::En);
    assert_eq!(Lang::choose(Some("zh"), Some("en")), Lang::Zh);
    assert_eq!(Lang::choose(Some(""), Some("en")), Lang::En);
    assert_eq!(Lang::choose(Some("fr"), None), Lang::Zh);
}

#[test]
fn every_code_is_explained_in_both_languages() {
    for c in CODES {
        for lang in [Lang::Zh, Lang::En] {
            let e = explanation(c.id, lang).unwrap_or_else(|| panic!("{} {lang:?}", c.id));
            assert!(!e.what.is_empty() && !e.wrong.is_empty() && !e.right.is_empty());
            assert_ne!(e.wrong, e.right, "{}", c.id);
        }
    }
    assert!(explanation("E999", Lang::Zh).is_none());
}

/// Every message in Chinese and its English twin, with sample parts
/// (`‹0›`, `‹1›` …), as one reviewable snapshot.
#[test]
fn catalogue_snapshot() {
    let mut out = String::new();
    for &key in Key::ALL {
        let n = placeholders(template(key, Lang::Zh)).len();
        let m = (0..n).fold(Msg::new(key), |m, i| m.arg(format_args!("‹{i}›")));
        out.push_str(&format!("{key:?}\n  zh: {}\n  en: {}\n", m.zh(), m.en()));
    }
    insta::assert_snapshot!("catalogue", out);
}

#[test]
fn common_file_errors_are_told_in_words() {
    use std::io::{Error, ErrorKind};
    let full = io_reason(&Error::from(ErrorKind::StorageFull));
    assert_eq!(
        (full.zh().as_str(), full.en().as_str()),
        ("磁盘满了", "the disk is full")
    );
    assert_eq!(
        io_reason(&Error::from(ErrorKind::NotFound)).zh(),
        "文件或文件夹不存在"
    );
    let other = io_reason(&Error::other("boom"));
    assert_eq!(other.zh(), "boom");
}
