//! Write stage, search index: traditional characters read as simplified,
//! so `隱患` finds what `隐患` finds. The table (`t2s.txt`) is shared with
//! `search.js`, which receives it as `search/t2s.json`.

use std::sync::OnceLock;

const TABLE: &str = include_str!("t2s.txt");

/// The characters the table maps: CJK Unified Ideographs.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// The table's pairs, in order: (traditional, simplified).
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cs = l.chars();
            let (t, sp, s) = (cs.next()?, cs.next()?, cs.next()?);
            (sp == ' ' && cs.next().is_none()).then_some((t, s))
        })
}

/// The simplified form of `c`, or `c` itself.
pub fn simplified(c: char) -> char {
    static DENSE: OnceLock<Vec<char>> = OnceLock::new();
    let code = c as u32;
    if !(FIRST..=LAST).contains(&code) {
        return c;
    }
    let dense = DENSE.get_or_init(|| {
        let mut v: Vec<char> = (FIRST..=LAST).filter_map(char::from_u32).collect();
        for (t, s) in pairs() {
            if let Some(slot) = v.get_mut((t as u32).wrapping_sub(FIRST) as usize) {
                *slot = s;
            }
        }
        v
    });
    dense[(code - FIRST) as usize]
}

/// `search/t2s.json`: the table for `search.js`, as two strings of equal
/// length (`{"t": "隱職…", "s": "隐职…"}`).
pub fn json() -> Vec<u8> {
    let (t, s): (String, String) = pairs().unzip();
    serde_json::to_vec(&serde_json::json!({ "t": t, "s": s })).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_reads_as_simplified() {
        let s: String = "隱患排查職工企業安康盃".chars().map(simplified).collect();
        assert_eq!(s, "隐患排查职工企业安康杯");
        assert_eq!(simplified('a'), 'a');
        assert_eq!(simplified('宜'), '宜');
        assert!(pairs().count() > 2700);
        assert!(pairs().all(|(t, s)| t != s && (FIRST..=LAST).contains(&(t as u32))));
    }
}
