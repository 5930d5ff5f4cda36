//! Parse stage: a bulletin body's text as Markdown shows it, and the
//! numbers in it read in a metric's unit, for [`super::find`].
//!
//! Takes a whole content file; gives its body's characters with their byte
//! offsets in the file (code, HTML and link destinations left out, markup
//! between two pieces of text on one line kept as one mark), the numbers
//! written in it, and where a number and a keyword stand next to each other
//! (the rules are in [`super`]'s header). Pure.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::LINKS;
use crate::config::Metric;
use crate::content::frontmatter;
use crate::content::markdown::options;
use crate::content::number::{self, AFTER, BEFORE, Quantity, unit_forms};

/// Units (量词) a number in the text may carry besides the metric's own:
/// a number followed by one of these counts something else.
#[rustfmt::skip]
const MEASURES: [&str; 58] = [
    "人次", "场次", "期次", "户次", "小时", "分钟", "年度", "平方米", "公里", "千米", "千克",
    "万元", "亿元", "学时", "课时", "家", "名", "人", "位", "次", "项", "场", "个", "元", "条",
    "份", "篇", "期", "户", "处", "所", "座", "台", "辆", "批", "支", "队", "起", "件", "张",
    "本", "部", "组", "类", "种", "年", "月", "日", "天", "号", "时", "岁", "米", "吨", "斤",
    "亩", "倍", "%",
];

/// Markup between two pieces of text on one line: skipped between a
/// keyword and its number, but never inside either.
const SOFT: char = '\u{1}';
/// A line end, code or HTML: nothing is next to anything across it.
const BREAK: char = '\n';

/// A run of digits, Chinese numerals and multipliers in the text, with a
/// bound before it or a 余/多 inside: `约1,292`, `12万余`, `三十余`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Core {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whether it has an Arabic digit (else it needs a unit to count).
    arabic: bool,
}

/// A core read in a metric's unit: where it ends (unit and bound
/// included), as written, and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Number {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) written: String,
    pub(super) quantity: Quantity,
}

/// The body's text: each character with its byte offset in the file.
pub(super) struct Body {
    pub(super) cs: Vec<(char, usize)>,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零一二三四五六七八九两兩".contains(c)
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    is_digit(c) || "十百千万亿萬億".contains(c)
}

/// Full-width forms read as the parser reads them.
fn plain(c: char) -> char {
    match c {
        '％' => '%',
        '．' => '.',
        c => c,
    }
}

fn is_gap(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == SOFT
}

impl Body {
    /// The body of `text`, as Markdown shows it (see the module header).
    pub(super) fn of(text: &str) -> Body {
        let Ok(split) = frontmatter::split(Path::new(""), text) else {
            return Body { cs: Vec::new() };
        };
        let offset = text.len() - split.body.len();
        let body = split.body;
        let mut cs: Vec<(char, usize)> = Vec::new();
        let (mut code, mut barrier, mut last) = (0usize, false, 0usize);
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => code += 1,
                Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => barrier = true,
                Event::Text(_) if code == 0 && range.start >= last => {
                    let gap = &body[last..range.start];
                    let sep = if barrier || gap.contains('\n') {
                        Some(BREAK)
                    } else {
                        (!gap.is_empty()).then_some(SOFT)
                    };
                    cs.extend(sep.map(|c| (c, offset + range.start)));
                    // A `*` left as text is emphasis that did not close: markup.
                    let run = body[range.clone()].char_indices();
                    let at = |(i, c): (usize, char)| {
                        (if c == '*' { SOFT } else { c }, offset + range.start + i)
                    };
                    cs.extend(run.map(at));
                    (barrier, last) = (false, range.end);
                }
                _ => {}
            }
        }
        Body { cs }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|&(c, _)| plain(c))
    }

    /// Byte offset in the file just after the character before `end`.
    pub(super) fn end_offset(&self, end: usize) -> usize {
        let (c, o) = self.cs[end - 1];
        o + c.len_utf8()
    }

    /// The characters from `a` to `b`, markup left out.
    pub(super) fn quote(&self, a: usize, b: usize) -> String {
        self.cs[a..b]
            .iter()
            .map(|&(c, _)| c)
            .filter(|&c| c != SOFT)
            .collect()
    }

    /// Whether `word` is written at `i`.
    fn has(&self, i: usize, word: impl IntoIterator<Item = char>) -> Option<usize> {
        let mut j = i;
        for w in word {
            (self.at(j)? == w).then_some(())?;
            j += 1;
        }
        Some(j)
    }

    /// Where `word` starts if it is written just before `end`.
    fn has_before(&self, end: usize, word: &[char]) -> Option<usize> {
        let start = end.checked_sub(word.len())?;
        self.has(start, word.iter().copied()).map(|_| start)
    }

    fn skip(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_gap) {
            i += 1;
        }
        i
    }

    fn skip_back(&self, mut i: usize) -> usize {
        while i > 0 && self.at(i - 1).is_some_and(is_gap) {
            i -= 1;
        }
        i
    }

    /// Whether a range sign and a numeral stand just before `i` (`before`)
    /// or just from `i` (`2025—2026`).
    fn range_at(&self, i: usize, before: bool) -> bool {
        let sign = |c: char| "-~—–到至～".contains(c);
        let (s, n) = if before {
            (i.checked_sub(1), i.checked_sub(2))
        } else {
            (Some(i), Some(i + 1))
        };
        let get = |k: Option<usize>| k.and_then(|k| self.at(k));
        get(s).is_some_and(sign) && get(n).is_some_and(is_numeral)
    }
}

impl Body {
    /// Every number written in the text (see [`Core`]).
    pub(super) fn cores(&self) -> Vec<Core> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.cs.len() {
            let bound = BEFORE.iter().find_map(|(w, _)| self.has(i, w.chars()));
            let from = bound.unwrap_or(i);
            let prev = |k: usize| i.checked_sub(k).and_then(|p| self.at(p));
            // Not inside a word (`5G`), an ordinal (`第2期`) or another number (`1,2345`).
            let after_word = prev(1)
                .is_some_and(|p| is_numeral(p) || p.is_ascii_alphanumeric() || p == '第')
                || (prev(1).is_some_and(|p| ".,，".contains(p)) && prev(2).is_some_and(is_digit));
            match self.core(from) {
                Some(end) if !after_word || bound.is_some() => {
                    let arabic = (from..end).any(|k| self.at(k).is_some_and(is_arabic));
                    let word = self.at(end).is_some_and(|c| c.is_ascii_alphabetic());
                    if !word && !self.range_at(from, true) && !self.range_at(end, false) {
                        out.push(Core {
                            start: i,
                            end,
                            arabic,
                        });
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Where the numeral starting at `i` ends, if one starts there: digits
    /// (with `,` between groups of three and one `.`), Chinese numerals and
    /// multipliers, and a 余/多 inside or at the end (`600余万`, `三十余`).
    fn core(&self, i: usize) -> Option<usize> {
        let ascii = |k: usize| self.at(k).is_some_and(|d| d.is_ascii_digit());
        let (mut j, mut counted, mut bounded) = (i, false, false);
        while let Some(c) = self.at(j) {
            let after_digit = j > i && ascii(j - 1);
            let ok = match c {
                '万' | '亿' | '萬' | '億' if bounded => {
                    j += 1;
                    break;
                }
                _ if bounded => false,
                ',' => after_digit && (1..=3).all(|k| ascii(j + k)) && !ascii(j + 4),
                '.' => after_digit && ascii(j + 1),
                '余' | '多' if counted => {
                    bounded = true;
                    true
                }
                c if is_numeral(c) => {
                    counted |= is_digit(c) || "十百千".contains(c);
                    true
                }
                _ => false,
            };
            if !ok {
                break;
            }
            j += 1;
        }
        counted.then_some(j)
    }

    /// The core read in `m`'s unit: the unit and a bound after it taken
    /// in; `None` when another unit follows, or it does not parse.
    pub(super) fn number(&self, core: &Core, m: &Metric) -> Option<Number> {
        let mut end = core.end;
        let mut written: String = (core.start..end).filter_map(|k| self.at(k)).collect();
        let u = self.skip(end);
        let forms: Vec<String> = unit_forms(&m.unit).into_iter().map(|f| f.0).collect();
        let longest = forms
            .iter()
            .map(String::as_str)
            .chain(MEASURES)
            .filter(|w| self.has(u, w.chars()).is_some())
            .max_by_key(|w| w.chars().count());
        match longest {
            Some(w) if forms.iter().any(|f| f == w) => {
                written.push_str(w);
                end = u + w.chars().count();
            }
            Some(_) => return None,
            None if !core.arabic => return None,
            None => {}
        }
        if let Some((w, _)) = AFTER
            .iter()
            .find(|(w, _)| self.has(end, w.chars()).is_some())
        {
            written.push_str(w);
            end += w.chars().count();
        }
        let quantity = number::parse(&written, &m.unit, m.signed).ok()?;
        Some(Number {
            start: core.start,
            end,
            written,
            quantity,
        })
    }

    /// Where a keyword may stand next to the number `n` (see the module
    /// header): worked out once, then tried for every keyword.
    pub(super) fn around(&self, n: &Number) -> Around {
        let p = self.skip_back(n.start);
        let mut ends = vec![p];
        let mut end = p;
        for _ in 0..3 {
            let gap = [":", "："].iter().chain(&LINKS).find_map(|w| {
                let w: Vec<char> = w.chars().collect();
                self.has_before(end, &w)
            });
            let Some(gap) = gap else { break };
            end = self.skip_back(gap);
            ends.push(end);
        }
        Around {
            ends,
            p,
            q: self.skip(n.end),
            start: n.start,
            end: n.end,
        }
    }

    /// Where the phrase of `word` and the number of `around` starts and
    /// ends, when they are next to each other.
    pub(super) fn link(&self, word: &[char], around: &Around) -> Option<(usize, usize)> {
        let a = around;
        // `参与企业411家`, `参与企业：共计411家`.
        let after = a.ends.iter().find_map(|&e| self.has_before(e, word));
        if let Some(start) = after {
            return Some((start, a.end));
        }
        // `411家企业参与`.
        if let Some(end) = self.has(a.q, word.iter().copied()) {
            return Some((a.start, end));
        }
        // `走访1,292家企业` for `走访企业`.
        (1..word.len()).find_map(|j| {
            let start = self.has_before(a.p, &word[..j])?;
            let end = self.has(a.q, word[j..].iter().copied())?;
            Some((start, end))
        })
    }
}

/// Where keywords may stand next to one number.
pub(super) struct Around {
    /// Where a keyword before the number may end: right before it, or
    /// before a `：` or linking words.
    ends: Vec<usize>,
    /// Just before the number, spaces and markup skipped.
    p: usize,
    /// Just after the number, spaces and markup skipped.
    q: usize,
    start: usize,
    end: usize,
}
