//! `jianxun list [--status 待审]`: the bulletins and where each stands in
//! review, so an editor sees what waits for approval.
//!
//! Takes the site root, an optional status and a format; reads and parses
//! the site (files that do not parse are counted, not listed: `check` is
//! for them); prints one row per bulletin (file, date, status, title),
//! newest first, as an aligned table or as JSON. An unknown status exits 2.

use std::path::Path;

use serde::Serialize;

use super::{CONTENT_ERRORS, OK, report, usage};
use crate::cli::{CheckFormat, ListOpts};
use crate::content::bulletin::Bulletin;
use crate::content::review::{Status, label_of};
use crate::messages::{Key, Lang, Msg};
use crate::msg;
use crate::width::char_cells;
use crate::{discover, parse};

/// The status asked for with `--status`: one of the three, or unmarked.
fn wanted(s: &str) -> Option<Option<Status>> {
    match s.trim().to_ascii_lowercase().as_str() {
        "未标注" | "unmarked" | "none" => Some(None),
        other => Status::parse(other).map(Some),
    }
}

/// One row of the list.
#[derive(Debug, Serialize)]
struct Row {
    file: String,
    title: String,
    date: String,
    /// As written in a front matter (草稿, 待审, 已审); null when unmarked.
    status: Option<&'static str>,
}

fn row(b: &Bulletin) -> Row {
    Row {
        file: crate::diag::shown(&b.path),
        title: b.title.clone(),
        date: b.date.ymd(),
        status: b.status.map(Status::written),
    }
}

/// Runs `list`; returns the exit code.
pub fn run(opts: &ListOpts) -> i32 {
    let lang = super::lang(&opts.root);
    let filter = match opts.status.as_deref().map(|s| (s, wanted(s))) {
        None => None,
        Some((_, Some(w))) => Some(w),
        Some((s, None)) => {
            let hint = msg!(ListStatusUnknownHint);
            return usage(&msg!(ListStatusUnknown, s), Some(&hint), lang);
        }
    };
    let sources = match discover(&opts.root) {
        Ok(s) => s,
        Err(diags) => {
            report(diags, lang);
            return CONTENT_ERRORS;
        }
    };
    let (parsed, diags) = parse(&sources);
    let mut bulletins: Vec<&Bulletin> = (parsed.bulletins.iter())
        .map(|b| b.as_ref())
        .filter(|b| filter.is_none_or(|w| b.status == w))
        .collect();
    bulletins.sort_by_key(|b| (std::cmp::Reverse(b.date.timestamp()), b.path.clone()));
    match opts.format {
        CheckFormat::Json => {
            let rows: Vec<Row> = bulletins.iter().map(|b| row(b)).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
        }
        CheckFormat::Text => print_table(&bulletins, lang),
    }
    let skipped = failed_files(&diags);
    if skipped > 0 {
        eprintln!("{}", msg!(ListSkipped, skipped).text(lang));
    }
    OK
}

/// How many files the diagnostics are about.
fn failed_files(diags: &[crate::diag::Diagnostic]) -> usize {
    let files: std::collections::BTreeSet<&Path> = (diags.iter())
        .filter(|d| d.is_error())
        .map(|d| d.path.as_path())
        .collect();
    files.len()
}

fn cells(s: &str) -> usize {
    s.chars().map(char_cells).sum()
}

/// `s` followed by spaces up to `width` display cells.
fn padded(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(cells(s))))
}

/// The rows as a table: file, date, status, title (the title last, so a
/// long one needs no room).
fn table(bulletins: &[&Bulletin], lang: Lang) -> Vec<String> {
    let head = |k: Key| Msg::new(k).text(lang);
    let rows: Vec<[String; 4]> = bulletins
        .iter()
        .map(|b| {
            let r = row(b);
            let status = label_of(b.status).text(lang);
            [
                r.file,
                r.date,
                status,
                crate::diag::escape_controls(&r.title).into_owned(),
            ]
        })
        .collect();
    let header = [
        head(Key::ListHeadFile),
        head(Key::ListHeadDate),
        head(Key::ListHeadStatus),
        head(Key::ListHeadTitle),
    ];
    let widths: Vec<usize> = (0..3)
        .map(|i| {
            let widest = rows.iter().map(|r| cells(&r[i])).max().unwrap_or(0);
            widest.max(cells(&header[i]))
        })
        .collect();
    std::iter::once(&header)
        .chain(&rows)
        .map(|r| {
            let lead: Vec<String> = (0..3).map(|i| padded(&r[i], widths[i])).collect();
            format!("{}  {}", lead.join("  "), r[3])
                .trim_end()
                .to_string()
        })
        .collect()
}

fn print_table(bulletins: &[&Bulletin], lang: Lang) {
    if bulletins.is_empty() {
        println!("{}", msg!(ListNone).text(lang));
        return;
    }
    for line in table(bulletins, lang) {
        println!("{line}");
    }
    println!("{}", msg!(ListCount, bulletins.len()).text(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_asked_for() {
        assert_eq!(wanted("待审"), Some(Some(Status::Review)));
        assert_eq!(wanted("未标注"), Some(None));
        assert_eq!(wanted("review"), Some(Some(Status::Review)));
        assert_eq!(wanted("通过"), None);
    }

    #[test]
    fn columns_line_up_in_display_cells() {
        let cfg = crate::config::Config::default();
        let b = |path: &str, status: &str| {
            let text = format!(
                "---\ntitle: 宜宾园区检查\ndate: 2025-03-11\ncampaign: a\nregion: 全国\nstatus: {status}\n---\n正文\n"
            );
            crate::content::bulletin::parse(&cfg, Path::new(path), &text).unwrap()
        };
        let (x, y) = (
            b("content/bulletins/a.md", "待审"),
            b("content/b.md", "已审"),
        );
        let lines = table(&[&x, &y], Lang::Zh);
        assert_eq!(lines[0], "文件                    日期        状态  标题");
        assert_eq!(
            lines[1],
            "content/bulletins/a.md  2025-03-11  待审  宜宾园区检查"
        );
        assert_eq!(
            lines[2],
            "content/b.md            2025-03-11  已审  宜宾园区检查"
        );
    }
}
