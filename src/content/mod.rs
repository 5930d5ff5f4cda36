//! Content: discovering source files and parsing each into a typed item.
//!
//! Discovery is the only I/O here; every parser takes `(path, &str)` and
//! returns a value or diagnostics, so tests feed strings.

pub mod bulletin;
pub mod campaign;
pub mod date;
pub mod discover;
pub mod frontmatter;
#[cfg(test)]
mod fuzz;
pub mod links;
pub mod number;
pub mod page;
pub mod scaffold;
pub mod slug;

use crate::yaml::Pos;

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
