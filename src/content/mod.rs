//! Content: discovering source files and parsing each into a typed item.
//!
//! Discovery is the only I/O here; every parser takes `(path, &str)` and
//! returns a value or diagnostics, so tests feed strings.

pub mod bulletin;
pub mod campaign;
pub mod date;
pub mod discover;
pub mod encoding;
pub mod fix;
pub mod frontmatter;
#[cfg(test)]
mod fuzz;
pub mod issue;
pub mod labels;
pub mod links;
pub mod markdown;
pub mod mentions;
pub mod number;
pub mod page;
pub mod photos;
pub mod places;
pub mod region;
pub mod review;
pub mod scaffold;
pub mod slug;
pub mod stamp;
pub mod walk;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::yaml::Pos;

/// A place in a content file, kept for the diagnostics of later stages
/// (slug and region collisions): where a value is written, how many
/// characters it takes, and the text of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// Where the value starts.
    pub pos: Pos,
    /// How many characters to underline.
    pub len: usize,
    /// The source line it is on.
    pub line: String,
}

impl Spot {
    /// The value `value` written at `pos` of `whole`.
    pub(crate) fn of(whole: &str, pos: Pos, value: &str) -> Spot {
        Spot {
            pos,
            len: value_len(whole, pos, value),
            line: whole
                .lines()
                .nth(pos.line.saturating_sub(1))
                .unwrap_or("")
                .to_string(),
        }
    }

    /// Line 1, the opening `---`: where to point for what comes from the
    /// file name rather than from the front matter.
    pub fn first_line() -> Spot {
        Spot {
            pos: Pos { line: 1, col: 1 },
            len: 3,
            line: "---".to_string(),
        }
    }

    /// The part of this spot where `needle` is written (the spot itself if it is not).
    pub fn narrowed(&self, needle: &str) -> Spot {
        let start = self
            .line
            .char_indices()
            .nth(self.pos.col.saturating_sub(1))
            .map_or(self.line.len(), |(b, _)| b);
        match self.line[start..].find(needle) {
            Some(b) => Spot {
                pos: Pos {
                    line: self.pos.line,
                    col: self.line[..start + b].chars().count() + 1,
                },
                len: needle.chars().count(),
                line: self.line.clone(),
            },
            None => self.clone(),
        }
    }

    /// An error at this spot of `path`, its line shown.
    pub fn error(
        &self,
        path: &Path,
        code: &'static str,
        message: crate::messages::Msg,
    ) -> Diagnostic {
        let mut d =
            Diagnostic::error(path, self.pos.line, self.pos.col, code, message).with_len(self.len);
        d.source_line = Some(self.line.clone());
        d
    }
}

/// Finds where `needle` is written on or after `from` in `whole`, for
/// positions inside YAML lists and flow maps where the parser gives only
/// the position of the whole value.
pub(crate) fn locate(whole: &str, from: Pos, needle: &str) -> Pos {
    let Some(line) = whole.lines().nth(from.line.saturating_sub(1)) else {
        return from;
    };
    let byte_start = line
        .char_indices()
        .nth(from.col.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    match line[byte_start..].find(needle) {
        Some(i) => Pos {
            line: from.line,
            col: line[..byte_start + i].chars().count() + 1,
        },
        None => from,
    }
}

/// Finds where `needle` is next written at or after `from` in `whole`, on
/// that line or any later one: the items of a YAML list, in turn, whether
/// the list is written `[a, b]` or one `- a` per line. `from` when it is
/// not found.
pub(crate) fn locate_next(whole: &str, from: Pos, needle: &str) -> Pos {
    let first = from.line.saturating_sub(1);
    for (i, line) in whole.lines().enumerate().skip(first) {
        let skip = if i == first {
            from.col.saturating_sub(1)
        } else {
            0
        };
        let start = line.char_indices().nth(skip).map_or(line.len(), |(b, _)| b);
        if let Some(b) = line[start..].find(needle) {
            return Pos {
                line: i + 1,
                col: line[..start + b].chars().count() + 1,
            };
        }
    }
    from
}

/// How many characters the scalar written at `pos` of `whole` takes, quotes
/// included, given its parsed `value`: what a diagnostic underlines.
pub(crate) fn value_len(whole: &str, pos: Pos, value: &str) -> usize {
    let quoted = whole
        .lines()
        .nth(pos.line.saturating_sub(1))
        .and_then(|l| l.chars().nth(pos.col.saturating_sub(1)))
        .is_some_and(|c| c == '"' || c == '\'');
    let n = if quoted {
        value.chars().count() + 2
    } else {
        value.trim_end().chars().count()
    };
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_found_in_turn_on_any_line() {
        let text = "tags: [园区, 区]\nx:\n  - 园区\n";
        let p = locate_next(text, Pos { line: 1, col: 7 }, "园区");
        assert_eq!(p, Pos { line: 1, col: 8 });
        // The second item, not the 区 inside the first.
        assert_eq!(
            locate_next(text, Pos { line: 1, col: 10 }, "区"),
            Pos { line: 1, col: 12 }
        );
        assert_eq!(
            locate_next(text, Pos { line: 2, col: 1 }, "园区"),
            Pos { line: 3, col: 5 }
        );
        let from = Pos { line: 2, col: 1 };
        assert_eq!(locate_next(text, from, "无"), from);
    }
}
