//! Content: discovering source files and parsing each into a typed item.
//!
//! Discovery is the only I/O here; every parser takes `(path, &str)` and
//! returns a value or diagnostics, so tests feed strings.

pub mod bulletin;
pub mod campaign;
pub mod date;
pub mod discover;
pub mod frontmatter;
pub mod number;
pub mod page;
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
