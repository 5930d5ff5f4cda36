//! The shape of the code, checked: the pipeline's stages never import a
//! later stage, and its functions stay short enough to hold in one's head.

use std::path::Path;

use crate::support::repo;

/// The stages in pipeline order, each a folder of `src/`.
const STAGES: [&str; 4] = ["content", "site", "render", "output"];

/// Every `.rs` file under `dir`, with its text up to its tests.
fn sources(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("readable source");
            let code = text
                .split("\n#[cfg(test)]")
                .next()
                .unwrap_or("")
                .to_string();
            (e.path().display().to_string(), code)
        })
        .collect()
}

#[test]
fn no_stage_imports_a_later_one() {
    let src = repo().join("src");
    let mut wrong = Vec::new();
    for (i, stage) in STAGES.iter().enumerate() {
        for (path, code) in sources(&src.join(stage)) {
            for later in STAGES.iter().skip(i + 1).chain(&["serve", "cmd", "cli"]) {
                if code.contains(&format!("crate::{later}")) {
                    wrong.push(format!("{path} uses crate::{later}"));
                }
            }
        }
    }
    // Import converts documents into content: it may read the content and
    // configuration stages, never the later ones or the command layer.
    for (path, code) in sources(&src.join("import")) {
        for later in ["site", "render", "output", "serve", "cmd", "cli"] {
            if code.contains(&format!("crate::{later}")) {
                wrong.push(format!("{path} uses crate::{later}"));
            }
        }
    }
    for (path, code) in sources(&src.join("serve")) {
        if code.contains("crate::cmd") || code.contains("crate::cli") {
            wrong.push(format!("{path} uses the command layer"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Functions of the pipeline longer than `max` lines: `path fn lines`.
fn long_functions(dir: &Path, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (path, code) in sources(dir) {
        let lines: Vec<&str> = code.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let indent = line.len() - line.trim_start().len();
            let head = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| head.starts_with(p))
                && !head.ends_with(';');
            if !is_fn {
                i += 1;
                continue;
            }
            let close = format!("{}}}", " ".repeat(indent));
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_end() == close)
                .unwrap_or(i);
            if end + 1 - i > max {
                out.push(format!("{path} {} {}", head, end + 1 - i));
            }
            i = end + 1;
        }
    }
    out
}

#[test]
fn pipeline_functions_stay_short() {
    let src = repo().join("src");
    let mut long = Vec::new();
    for stage in STAGES {
        long.extend(long_functions(&src.join(stage), 80));
    }
    long.extend(long_functions(&src.join("lib.rs"), 80));
    long.extend(long_functions(&src.join("config"), 80));
    long.extend(long_functions(&src.join("import"), 80));
    assert!(long.is_empty(), "{long:#?}");
}
