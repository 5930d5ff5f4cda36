//! Review: a bulletin's status (草稿, 待审, 已审) and the placeholders
//! `jianxun new` writes.
//!
//! Takes the `status:` and `draft:` fields and the file's text; gives the
//! status, the placeholders left in the text, and the diagnostics of a
//! status that cannot be read or that contradicts `draft:`. Whether a
//! bulletin with a status is published is [`is_published`]. Pure.

use std::path::Path;

use super::Spot;
use super::bulletin::Bulletin;
use crate::config::Publish;
use crate::diag::Diagnostic;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{Pos, Spanned};

/// Where a bulletin stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// 草稿: being written; never published (`draft: true` says the same).
    Draft,
    /// 待审: written, waiting for review.
    Review,
    /// 已审: approved.
    Approved,
}

impl Status {
    /// Every status, in the order of review.
    pub const ALL: [Status; 3] = [Status::Draft, Status::Review, Status::Approved];

    /// The status written `s`: the Chinese words, or `draft`, `review`,
    /// `approved` (any case).
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().as_str() {
            "草稿" | "draft" => Some(Status::Draft),
            "待审" | "待审核" | "审核中" | "review" | "in-review" | "in review" => {
                Some(Status::Review)
            }
            "已审" | "已审核" | "审核通过" | "approved" => Some(Status::Approved),
            _ => None,
        }
    }

    /// The status's name as shown: 草稿, 待审, 已审 (draft, in review, approved).
    pub fn label(self) -> Msg {
        match self {
            Status::Draft => msg!(StatusDraft),
            Status::Review => msg!(StatusReview),
            Status::Approved => msg!(StatusApproved),
        }
    }

    /// How the status is written in a front matter: 草稿, 待审, 已审.
    pub fn written(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Review => "待审",
            Status::Approved => "已审",
        }
    }
}

/// The name of a status that may be unmarked: 未标注 for none.
pub fn label_of(status: Option<Status>) -> Msg {
    status.map_or_else(|| msg!(StatusUnmarked), Status::label)
}

/// Whether a bulletin of `status` is published by a site that publishes
/// `publish`: never a draft; under `approved-only`, only what is 已审.
pub fn is_published(status: Option<Status>, publish: Publish) -> bool {
    match (status, publish) {
        (Some(Status::Draft), _) => false,
        (Some(Status::Approved), _) => true,
        (_, Publish::NotDraft) => true,
        (_, Publish::ApprovedOnly) => false,
    }
}

impl Bulletin {
    /// Whether it is a draft (草稿).
    pub fn is_draft(&self) -> bool {
        self.status == Some(Status::Draft)
    }

    /// Whether a site that publishes `publish` publishes it.
    pub fn is_published(&self, publish: Publish) -> bool {
        is_published(self.status, publish)
    }
}

/// How every placeholder `jianxun new` writes begins: `（请在此填写主要做法）`.
pub const PLACEHOLDER_OPEN: &str = "（请在此填写";

/// The placeholder asking for `what`: `（请在此填写主要做法）`.
pub fn placeholder(what: &str) -> String {
    format!("{PLACEHOLDER_OPEN}{what}）")
}

/// How `jianxun import` marks a value it guessed, in a comment after it:
/// `region: 四川/宜宾    # 推测：正文提到“宜宾”`.
pub const GUESS_MARK: &str = "# 推测：";

/// Whether `spot` is a guess's comment rather than a placeholder.
pub fn is_guess(spot: &Spot) -> bool {
    let rest: String = spot.line.chars().skip(spot.pos.col - 1).collect();
    rest.starts_with(GUESS_MARK)
}

/// Every placeholder left in `text` (front matter and body), in order,
/// each to its closing bracket (or the end of its line), and the comments
/// of guessed values in the front matter ([`GUESS_MARK`]) to the end of
/// their lines.
pub fn placeholders(text: &str) -> Vec<Spot> {
    let mut out = Vec::new();
    // Nearly every file has neither: one look at the whole text.
    if !text.contains(PLACEHOLDER_OPEN) && !text.contains(GUESS_MARK) {
        return out;
    }
    let mut fences = 0;
    for (i, line) in text.lines().enumerate() {
        if fences < 2 && line.trim_end() == "---" {
            fences += 1;
        }
        let guess = line.find(GUESS_MARK).filter(|_| fences == 1);
        if let Some(start) = guess {
            out.push(Spot {
                pos: Pos {
                    line: i + 1,
                    col: line[..start].chars().count() + 1,
                },
                len: line[start..].trim_end().chars().count(),
                line: line.trim_end_matches('\r').to_string(),
            });
        }
        let mut from = 0;
        while let Some(at) = line[from..].find(PLACEHOLDER_OPEN) {
            let start = from + at;
            let rest = &line[start..];
            let end = rest.find('）').map_or(rest.len(), |j| j + '）'.len_utf8());
            let col = line[..start].chars().count() + 1;
            out.push(Spot {
                pos: Pos { line: i + 1, col },
                len: rest[..end].chars().count(),
                line: line.trim_end_matches('\r').to_string(),
            });
            from = start + end;
        }
    }
    out
}

/// The placeholder at `spot` as a diagnostic: an error in a bulletin that
/// is to be published, a warning in a draft; a guess's comment is a
/// warning either way.
pub fn placeholder_left(path: &Path, spot: &Spot, draft: bool) -> Diagnostic {
    let (line, col) = (spot.pos.line, spot.pos.col);
    let d = if is_guess(spot) {
        Diagnostic::warning(path, line, col, "import-guess", msg!(GuessLeft))
            .with_hint(msg!(GuessLeftHint))
    } else if draft {
        Diagnostic::warning(path, line, col, "placeholder-draft", msg!(PlaceholderDraft))
            .with_hint(msg!(PlaceholderDraftHint))
    } else {
        Diagnostic::error(path, line, col, "placeholder-left", msg!(PlaceholderLeft))
            .with_hint(msg!(PlaceholderLeftHint))
    };
    Diagnostic {
        source_line: Some(spot.line.clone()),
        ..d.with_len(spot.len)
    }
}

/// The status given by `status:` and `draft:`; a status that cannot be
/// read, or one that contradicts `draft:`, is an error at `status:`.
pub fn status(
    path: &Path,
    text: &str,
    line0: usize,
    status: Option<&Spanned<String>>,
    draft: Option<bool>,
) -> Result<Option<Status>, Diagnostic> {
    let from_draft = draft.map(|d| d.then_some(Status::Draft));
    let Some(s) = status else {
        return Ok(from_draft.flatten());
    };
    let pos = Pos::of(s, line0);
    let len = super::value_len(text, pos, &s.value);
    let err = |code, m: Msg, hint: Msg| {
        Diagnostic::error(path, pos.line, pos.col, code, m)
            .with_len(len)
            .with_hint(hint)
            .with_source(text)
    };
    let Some(parsed) = Status::parse(&s.value) else {
        let m = msg!(StatusInvalid, s.value.trim());
        return Err(err("status-invalid", m, msg!(StatusInvalidHint)));
    };
    match draft {
        Some(d) if d != (parsed == Status::Draft) => {
            let m = msg!(StatusConflict, d, s.value.trim());
            Err(err("status-conflict", m, msg!(StatusConflictHint)))
        }
        _ => Ok(Some(parsed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_publishing() {
        assert_eq!(Status::parse(" 待审 "), Some(Status::Review));
        assert_eq!(Status::parse("Approved"), Some(Status::Approved));
        assert_eq!(Status::parse("通过"), None);
        use Publish::*;
        for (status, not_draft, approved_only) in [
            (None, true, false),
            (Some(Status::Draft), false, false),
            (Some(Status::Review), true, false),
            (Some(Status::Approved), true, true),
        ] {
            assert_eq!(is_published(status, NotDraft), not_draft, "{status:?}");
            assert_eq!(
                is_published(status, ApprovedOnly),
                approved_only,
                "{status:?}"
            );
        }
    }

    #[test]
    fn placeholders_are_found_where_they_are() {
        let text = format!(
            "---\ntitle: t\n---\n导语{}\n\n{}{}\n（请在此填写",
            placeholder("导语"),
            placeholder("做法"),
            placeholder("成效")
        );
        let found: Vec<_> = placeholders(&text)
            .iter()
            .map(|s| (s.pos.line, s.pos.col, s.len))
            .collect();
        assert_eq!(found, [(4, 3, 9), (6, 1, 9), (6, 10, 9), (7, 1, 6)]);
    }

    #[test]
    fn guesses_are_marked_in_the_front_matter_only() {
        let text = "---\nregion: 四川/宜宾    # 推测：正文提到“宜宾”\n---\n正文 # 推测：不是注释\n";
        let found = placeholders(text);
        let spots: Vec<_> = found
            .iter()
            .map(|s| (s.pos.line, s.pos.col, s.len))
            .collect();
        assert_eq!(spots, [(2, 18, 13)]);
        assert!(is_guess(&found[0]));
        let d = placeholder_left(Path::new("a.md"), &found[0], false);
        assert_eq!((d.code, d.is_error()), ("import-guess", false));
    }

    #[test]
    fn status_and_draft_must_agree() {
        let p = Path::new("a.md");
        let get = |text: &str, draft| {
            let raw: std::collections::BTreeMap<String, Spanned<String>> =
                serde_saphyr::from_str(text).unwrap();
            status(p, text, 1, raw.get("status"), draft)
        };
        assert_eq!(get("x: y", Some(true)), Ok(Some(Status::Draft)));
        assert_eq!(get("x: y", Some(false)), Ok(None));
        assert_eq!(get("status: 已审", None), Ok(Some(Status::Approved)));
        assert_eq!(get("status: 草稿", Some(true)), Ok(Some(Status::Draft)));
        let e = get("status: 已审", Some(true)).unwrap_err();
        assert_eq!((e.code, e.line, e.col, e.len), ("status-conflict", 1, 9, 2));
        let e = get("status: 草稿", Some(false)).unwrap_err();
        assert_eq!(e.code, "status-conflict");
        let e = get("status: 通过", None).unwrap_err();
        assert_eq!(e.code, "status-invalid");
    }
}
