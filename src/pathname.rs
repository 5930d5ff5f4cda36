//! Names of output folders that every system can hold.
//!
//! A slug becomes a folder name in the output (`bulletins/<slug>/`), so it
//! must fit in one file name on every file system an editor may build on,
//! and must not be one of the device names Windows reserves. Takes a slug;
//! gives the first problem, a message and the diagnostic for it. Pure; used
//! by the content parsers and by the configuration (`regions:` slugs).

use crate::messages::{Key, Msg};
use crate::msg;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::yaml::Pos;

/// The longest slug, in bytes, of one URL path segment, which is one folder
/// name in the output. File systems allow 255 bytes for a name, and Windows
/// 260 characters for a whole path unless long paths are switched on: the
/// output folder (often deep under a user's documents), `bulletins/` and
/// `/index.html` must fit beside the slug. 100 bytes is the pinyin of a
/// 20-odd-character title, longer than any slug worth typing.
pub const MAX_SEGMENT: usize = 100;

/// Why a slug cannot name a folder on every system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfit {
    /// A segment is longer than [`MAX_SEGMENT`] bytes (this many).
    TooLong(usize),
    /// A segment is a device name that Windows reserves (`con`, `com1` …).
    Reserved(String),
}

/// Whether Windows refuses `segment` as a file or folder name: `con`,
/// `prn`, `aux`, `nul`, `com0`–`com9` and `lpt0`–`lpt9` in any case, also
/// with an extension (`con.txt`) or trailing spaces.
pub fn is_reserved(segment: &str) -> bool {
    let stem = segment
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end_matches(' ')
        .to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            matches!(n, "¹" | "²" | "³") || (n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
        })
    };
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")
}

/// Whether every `/`-separated segment of `slug` can name a folder on every
/// system; the first problem if not.
pub fn unfit(slug: &str) -> Option<Unfit> {
    slug.split('/').find_map(|seg| {
        if seg.len() > MAX_SEGMENT {
            Some(Unfit::TooLong(seg.len()))
        } else if is_reserved(seg) {
            Some(Unfit::Reserved(seg.to_string()))
        } else {
            None
        }
    })
}

impl Unfit {
    /// What is wrong with `slug`; `subject` names it (a key such as
    /// [`Key::SlugSubjectTag`] taking the slug and `name`).
    pub fn message(&self, slug: &str, subject: Key, name: &str) -> Msg {
        let shown: String = if slug.chars().count() > 40 {
            slug.chars().take(40).chain(['…']).collect()
        } else {
            slug.to_string()
        };
        let subject = Msg::new(subject).arg(shown).arg(name);
        match self {
            Unfit::TooLong(n) => Msg::new(Key::SlugTooLong)
                .arg_msg(subject)
                .arg(n)
                .arg(MAX_SEGMENT),
            Unfit::Reserved(seg) if seg == slug => Msg::new(Key::SlugReserved).arg_msg(subject),
            Unfit::Reserved(seg) => Msg::new(Key::SlugContainsReserved)
                .arg_msg(subject)
                .arg(seg),
        }
    }

    /// The diagnostic for a page's own slug: at `slug:` when `field` says
    /// where it is written (position and length), else at line 1, since it
    /// comes from the file name. `can_set` says whether the front matter
    /// may set `slug:` (campaigns are named by their file only).
    pub fn at_slug(
        &self,
        path: &Path,
        text: &str,
        slug: &str,
        field: Option<(Pos, usize)>,
        can_set: bool,
    ) -> Diagnostic {
        let fix = match self {
            Unfit::TooLong(_) => msg!(SlugFixShorter, MAX_SEGMENT),
            Unfit::Reserved(seg) => msg!(SlugFixDifferent, seg),
        };
        let (pos, len, hint) = match field {
            Some((pos, len)) => (pos, len, Msg::new(Key::SlugFieldHint).arg_msg(fix)),
            None if can_set => (
                Pos { line: 1, col: 1 },
                3,
                Msg::new(Key::SlugFromNameHint).arg_msg(fix),
            ),
            None => (
                Pos { line: 1, col: 1 },
                3,
                Msg::new(Key::SlugIsNameHint).arg_msg(fix),
            ),
        };
        Diagnostic::error(
            path,
            pos.line,
            pos.col,
            self.code(),
            self.message(slug, Key::SlugSubject, ""),
        )
        .with_hint(hint)
        .with_len(len)
        .with_source(text)
    }

    /// The stable code of this problem.
    pub fn code(&self) -> &'static str {
        match self {
            Unfit::TooLong(_) => "slug-too-long",
            Unfit::Reserved(_) => "slug-reserved",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_that_no_file_system_can_hold() {
        for ok in ["yibin", "console", "com10", "lpt", "a-con", "help/faq"] {
            assert_eq!(unfit(ok), None, "{ok}");
        }
        for bad in [
            "con", "CON", "Nul", "aux.txt", "prn ", "com1", "LPT9", "com0", "com¹", "help/nul",
        ] {
            assert!(matches!(unfit(bad), Some(Unfit::Reserved(_))), "{bad}");
        }
        assert_eq!(unfit(&"a".repeat(MAX_SEGMENT)), None);
        assert_eq!(
            unfit(&format!("x/{}", "a".repeat(MAX_SEGMENT + 1))),
            Some(Unfit::TooLong(MAX_SEGMENT + 1))
        );
    }
}
