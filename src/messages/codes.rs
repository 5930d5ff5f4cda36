//! Diagnostic codes: each kind of problem has a stable number (`E0xx` for
//! errors, `W0xx` for warnings) beside the kebab-case name the code uses.
//!
//! Takes a name such as `date-invalid`; gives its number (`E012`). The
//! numbers are printed in every language, in `check --format json` and are
//! what `jianxun explain` takes. Never renumber: add new kinds at the end.

/// One kind of diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable number, e.g. `E012`.
    pub id: &'static str,
    /// The kebab-case name, e.g. `date-invalid`.
    pub name: &'static str,
}

const fn c(id: &'static str, name: &'static str) -> CodeInfo {
    CodeInfo { id, name }
}

/// Every diagnostic kind, errors first.
pub const CODES: &[CodeInfo] = &[
    c("E001", "file-empty"),
    c("E002", "frontmatter-missing"),
    c("E003", "frontmatter-unclosed"),
    c("E004", "yaml"),
    c("E005", "yaml-tab"),
    c("E006", "not-utf8"),
    c("E007", "io"),
    c("E008", "config-missing"),
    c("E009", "config-base-url"),
    c("E010", "field-missing"),
    c("E011", "field-empty"),
    c("E012", "date-invalid"),
    c("E013", "metric-value"),
    c("E014", "metric-undeclared"),
    c("E015", "slug-empty"),
    c("E016", "slug-invalid"),
    c("E017", "slug-too-long"),
    c("E018", "slug-reserved"),
    c("E019", "slug-collision"),
    c("E020", "campaign-unknown"),
    c("E021", "campaign-name-collision"),
    c("E022", "campaign-file-name"),
    c("E023", "region-list"),
    c("E024", "region-ambiguous"),
    c("E025", "region-split"),
    c("E026", "content-place"),
    c("E027", "theme-missing"),
    c("E028", "config-paginate"),
    c("E029", "config-region-alias"),
    c("E030", "config-region-slug"),
    c("E031", "config-keyword-empty"),
    c("E032", "config-keyword-taken"),
    c("E033", "link-broken"),
    c("E034", "image-missing"),
    c("E035", "template-missing"),
    c("E036", "template-syntax"),
    c("E037", "template-render"),
    c("E038", "template"),
    c("E039", "symlink-outside"),
    c("E040", "symlink-broken"),
    c("E041", "symlink-loop"),
    c("E042", "output-refused"),
    c("E043", "output-path"),
    c("E044", "manifest-invalid"),
    c("E045", "yaml-fullwidth-colon"),
    c("E046", "yaml-fullwidth-indent"),
    c("E047", "list-fullwidth-brackets"),
    c("E048", "yaml-fullwidth-space"),
    c("W001", "link-draft"),
    c("W002", "date-future"),
    c("W003", "metric-outlier"),
    c("W004", "title-duplicate"),
    c("W005", "region-spelling"),
    c("W006", "metric-unreported"),
    c("W007", "metric-mismatch"),
    c("W008", "metric-caliber"),
    c("W009", "region-unknown"),
    // Drafts and review.
    c("E049", "placeholder-left"),
    c("E050", "status-invalid"),
    c("E051", "status-conflict"),
    c("E052", "config-publish"),
    c("W010", "placeholder-draft"),
    c("W011", "base-url-example"),
    // Series and issues (期号).
    c("E053", "series-unknown"),
    c("E054", "issue-invalid"),
    c("E055", "distribution-invalid"),
    c("E056", "config-series"),
    c("W012", "issue-duplicate"),
    c("W013", "series-incomplete"),
    // Import from Word (.docx).
    c("E061", "import-not-docx"),
    c("E062", "import-broken-docx"),
    c("E063", "import-not-word"),
    c("E064", "import-exists"),
    c("E065", "import-cannot-write"),
    c("E066", "import-cannot-read"),
    c("W016", "import-image-skipped"),
    c("W017", "import-guess"),
    // Photos.
    c("E057", "image-broken"),
    c("E058", "image-unsupported"),
    c("E059", "image-too-large"),
    c("E060", "share-image-missing"),
    c("W014", "image-undescribed"),
    // Tags.
    c("E067", "config-tag-slug"),
];

/// The kind named `name_or_id` (`date-invalid`, `E012`, `e12`).
pub fn code_info(name_or_id: &str) -> Option<CodeInfo> {
    let id = padded(name_or_id);
    CODES
        .iter()
        .find(|c| c.name == name_or_id || Some(c.id) == id.as_deref())
        .copied()
}

/// `E012` for `e12` or `E0012`; `None` unless a letter and digits.
fn padded(s: &str) -> Option<String> {
    let mut chars = s.trim().chars();
    let letter = chars.next()?.to_ascii_uppercase();
    let n: u32 = chars.as_str().parse().ok()?;
    Some(format!("{letter}{n:03}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_are_unique_and_well_formed() {
        for (i, a) in CODES.iter().enumerate() {
            assert!(a.id.len() == 4 && (a.id.starts_with('E') || a.id.starts_with('W')));
            assert!(a.id[1..].chars().all(|c| c.is_ascii_digit()), "{}", a.id);
            for b in &CODES[i + 1..] {
                assert!(a.id != b.id && a.name != b.name, "{a:?} {b:?}");
            }
        }
        assert_eq!(code_info("e012").map(|c| c.name), Some("date-invalid"));
        assert_eq!(code_info("E12").map(|c| c.name), Some("date-invalid"));
        assert_eq!(code_info("w3").map(|c| c.name), Some("metric-outlier"));
        assert_eq!(code_info("E999"), None);
        assert_eq!(code_info("date-invalid").map(|c| c.id), Some("E012"));
    }
}
