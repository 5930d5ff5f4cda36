//! `jianxun explain CODE`: the long explanation of a diagnostic code, with
//! a wrong and a right example.
//!
//! Takes a code (`E012`, `e012` or the name `date-invalid`); prints its
//! explanation in the chosen language; an unknown code is a usage error
//! (exit 2) with "did you mean".

use std::path::Path;

use super::{OK, usage};
use crate::messages::{CODES, Lang, code_info, explanation};
use crate::msg;

/// Runs `explain`; returns the exit code.
pub fn run(code: &str) -> i32 {
    let lang = super::lang(Path::new("."));
    let code = code.trim();
    let found = code_info(code).and_then(|c| Some((c, explanation(c.id, lang)?)));
    let Some((info, e)) = found else {
        let upper = code.to_ascii_uppercase();
        let ids = CODES.iter().map(|c| c.id);
        let names = CODES.iter().map(|c| c.name);
        let best = crate::suggest::did_you_mean(&upper, ids)
            .or_else(|| crate::suggest::did_you_mean(code, names));
        let hint = match best {
            Some(best) => msg!(ExplainListHint, best),
            None => msg!(ExplainUnknownHint),
        };
        return usage(&msg!(ExplainUnknown, code), Some(&hint), lang);
    };
    println!("{}", text(info.id, info.name, &e, lang));
    OK
}

/// The explanation as printed: the code, what it means, then the two
/// examples indented.
fn text(id: &str, name: &str, e: &crate::messages::Explanation, lang: Lang) -> String {
    let indent = |s: &str| {
        s.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    [
        format!("{id} ({name})"),
        String::new(),
        e.what.to_string(),
        String::new(),
        msg!(ExplainWrong).text(lang),
        indent(e.wrong),
        String::new(),
        msg!(ExplainRight).text(lang),
        indent(e.right),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_show_both_examples() {
        let e = explanation("E012", Lang::Zh).unwrap();
        let t = text("E012", "date-invalid", &e, Lang::Zh);
        assert!(t.starts_with("E012 (date-invalid)\n\n日期写错了"), "{t}");
        assert!(t.contains("错误的写法：\n    date: 2024-13-01"), "{t}");
        assert!(t.contains("正确的写法：\n    date: 2024-12-01"), "{t}");
    }
}
