//! "Did you mean": the closest known name to a mistyped one, for hints in
//! every stage (campaign references, metric keys, links).
//!
//! Names are compared as written and as sounded: an editor may type a
//! campaign's pinyin (`anquanshengchanyue` for 安全生产月) or the Chinese
//! for a slug that is its pinyin (`宜宾园区` for `yibin-yuanqu`).

use pinyin::ToPinyin;

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let n = word.chars().count();
    let sound = sounded(word);
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = strsim::levenshtein(word, c);
            let close = d <= (n.max(c.chars().count()) / 2).max(1)
                || (!word.is_empty() && (c.contains(word) || word.contains(c)));
            let written = close.then_some(d);
            let cs = sounded(c);
            let shorter = sound.len().min(cs.len());
            let dp = strsim::levenshtein(&sound, &cs);
            let sounds_close = shorter >= 4
                && (dp <= sound.len().max(cs.len()) / 4
                    || cs.starts_with(&sound)
                    || sound.starts_with(&cs));
            // The same sound is as good as the same spelling; a near sound
            // ranks after any near spelling.
            let sounded = match dp {
                0 if shorter >= 2 => Some(0),
                _ => sounds_close.then_some(n.max(c.chars().count()) + dp),
            };
            let score = written.into_iter().chain(sounded).min()?;
            Some((score, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// The candidate that sounds exactly like `word` but is written otherwise:
/// a homophone an input method chose (`宜滨` for 宜宾) or the pinyin typed
/// in place of the characters (`sichuan` for 四川).
pub fn sounds_like<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let sound = sounded(word);
    if sound.len() < 2 {
        return None;
    }
    candidates
        .into_iter()
        .find(|c| *c != word && sounded(c) == sound)
}

/// How `s` sounds: lower-case ASCII letters and digits, Chinese characters
/// as toneless pinyin, everything else (hyphens, spaces) dropped.
fn sounded(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.plain());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_table() {
        let c = ["安康杯竞赛", "绿色家园", "ankang-cup", "safety-month"];
        assert_eq!(did_you_mean("绿色家圆", c), Some("绿色家园"));
        assert_eq!(did_you_mean("安康杯", c), Some("安康杯竞赛"));
        assert_eq!(did_you_mean("ankang-cap", c), Some("ankang-cup"));
        assert_eq!(did_you_mean("送温暖", c), None);
    }

    #[test]
    fn did_you_mean_by_pinyin() {
        let c = [
            "安全生产月",
            "safety-month",
            "安康杯竞赛",
            "ankang-cup",
            "yibin-yuanqu",
        ];
        assert_eq!(did_you_mean("anquanshengchanyue", c), Some("安全生产月"));
        assert_eq!(did_you_mean("an-quan-sheng-chan", c), Some("安全生产月"));
        assert_eq!(did_you_mean("宜宾园区", c), Some("yibin-yuanqu"));
        assert_eq!(did_you_mean("ankangbeijingsai", c), Some("安康杯竞赛"));
        assert_eq!(did_you_mean("songwennuan", c), None);
        assert_eq!(sounded("安康杯-2024"), "ankangbei2024");
        assert_eq!(sounds_like("宜滨", ["宜宾", "成都"]), Some("宜宾"));
        assert_eq!(sounds_like("sichuan", ["四川", "成都"]), Some("四川"));
        assert_eq!(sounds_like("江安", ["宜宾", "成都"]), None);
        let pages = ["bulletins/b", "bulletins/yibin-yuanqu"];
        assert_eq!(
            did_you_mean("bulletins/宜宾园区", pages),
            Some("bulletins/yibin-yuanqu")
        );
    }
}
