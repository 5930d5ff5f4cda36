//! The checks only `jianxun check` makes, beyond what `build` rejects.
//!
//! Takes the content files' texts, what parsed, the published static files
//! and the current time; gives diagnostics: links between pages that point
//! nowhere and images that are missing (errors), links to drafts, bulletins
//! dated in the future, metric values far outside their campaign's range (a
//! likely 万 typo), titles used twice and numbers in a body that disagree
//! with the front matter (warnings; the last in `caliber.rs`). Pure.

use crate::messages::{Key, Msg};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::links::{LinkIndex, Target, page_of};
use super::{Parsed, did_you_mean};
use crate::config::{Aggregate, Config};
use crate::content::bulletin::Bulletin;
use crate::content::campaign;
use crate::content::discover::SourceFile;
use crate::content::links::{LinkRef, scan};
use crate::diag::{Diagnostic, Severity};
use crate::yaml::token_len;

mod spelling;

/// A value this many times the largest other value of its metric in its
/// campaign is flagged.
pub const OUTLIER_FACTOR: i64 = 10;

/// How many other values a campaign needs before it has a "usual range":
/// with fewer, a city-wide total beside one county's is no surprise.
pub const OUTLIER_MIN_OTHERS: usize = 3;

/// What the lints look at.
pub struct Input<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// Every content file with its text.
    pub files: &'a [SourceFile],
    /// Site paths of every published static file (`logo.png`, `bulletins/2025/img/a.png`).
    pub published: &'a BTreeSet<String>,
    /// What parsed.
    pub parsed: &'a Parsed,
    /// Whether drafts are part of the site.
    pub drafts: bool,
    /// Now, in seconds since the epoch.
    pub now: i64,
}

/// Runs every lint.
pub fn lint(input: &Input) -> Vec<Diagnostic> {
    let bulletins: Vec<Arc<Bulletin>> = input
        .parsed
        .bulletins
        .iter()
        .filter(|b| input.drafts || b.is_published(input.config.publish))
        .cloned()
        .collect();
    let texts: BTreeMap<&Path, &str> = input
        .files
        .iter()
        .map(|f| (f.path.as_path(), f.text.as_str()))
        .collect();
    let mut out = links(input, &bulletins);
    out.extend(future_dates(&bulletins, &texts, input.now));
    out.extend(spelling::region_spellings(&bulletins));
    out.extend(spelling::unknown_places(input.config, &bulletins));
    out.extend(outliers(input, &bulletins));
    out.extend(duplicate_titles(&bulletins, &texts));
    out.extend(super::caliber::check(input.config, &bulletins, &texts));
    out.extend(draft_placeholders(input.parsed));
    out.extend(super::series::lint(input.config, &bulletins));
    out
}

/// The placeholders `jianxun new` wrote that a draft still holds: fine
/// while it is written, a warning so none is forgotten (outside a draft
/// they are errors of the parse stage); and the guesses of `jianxun
/// import` not yet confirmed, warnings in any bulletin.
fn draft_placeholders(parsed: &Parsed) -> Vec<Diagnostic> {
    use crate::content::review::{is_guess, placeholder_left};
    let bulletins = parsed.bulletins.iter();
    bulletins
        .flat_map(|b| {
            // A value `import` guessed is a warning until its comment goes.
            let shown = (b.placeholders.iter()).filter(|s| b.is_draft() || is_guess(s));
            shown.map(|s| placeholder_left(&b.path, s, true))
        })
        .collect()
}

/// Where `key: value` is written in the front matter of `text`: line,
/// column and length of the value.
fn field(text: &str, key: &str) -> Option<(usize, usize, usize)> {
    let mut lines = text.lines().enumerate().skip(1);
    lines.find_map(|(i, l)| {
        if l.trim_end() == "---" {
            // The front matter ends here.
            return Some(None);
        }
        let rest = l.strip_prefix(key)?.strip_prefix(':')?;
        let col = key.chars().count() + 2 + (rest.len() - rest.trim_start().len());
        Some(Some((i + 1, col, token_len(l, col))))
    })?
}

/// A diagnostic underlining `pos` (line, column, length) of `text`.
fn at(
    path: &Path,
    text: &str,
    pos: (usize, usize, usize),
    severity: Severity,
    code: &'static str,
    msg: Msg,
) -> Diagnostic {
    let (line, col, len) = pos;
    let d = Diagnostic::error(path, line, col, code, msg);
    Diagnostic { severity, ..d }.with_len(len).with_source(text)
}

/// The path among `paths` whose file name is closest to that of `path`.
fn near<'a>(path: &str, paths: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = |p: &'a str| p.rsplit('/').next().unwrap_or(p);
    let paths: Vec<&str> = paths.into_iter().collect();
    let best = did_you_mean(
        path.rsplit('/').next().unwrap_or(path),
        paths.iter().map(|p| name(p)),
    )?;
    paths.into_iter().find(|p| name(p) == best)
}

/// `to` written relative to the folder of `from` (both from the site root).
fn relative(from: &Path, to: &str) -> String {
    let from: Vec<String> = from
        .parent()
        .map(|p| p.iter().map(|c| c.to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let to: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a.as_str() == **b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

fn links(input: &Input, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let parsed = input.parsed;
    let pages: Vec<_> = parsed
        .pages
        .iter()
        .filter(|p| input.drafts || !p.draft)
        .cloned()
        .collect();
    let index = LinkIndex::of_site(
        &input.config.base_path(),
        bulletins,
        &parsed.campaigns,
        &pages,
    );
    let drafts: BTreeSet<String> = parsed
        .bulletins
        .iter()
        .filter(|b| !input.drafts && !b.is_published(input.config.publish))
        .map(|b| b.path.to_string_lossy().replace('\\', "/"))
        .collect();
    let sources: Vec<String> = parsed
        .bulletins
        .iter()
        .map(|b| b.path.to_string_lossy().replace('\\', "/"))
        .chain(
            parsed
                .campaigns
                .iter()
                .map(|c| c.path.to_string_lossy().replace('\\', "/")),
        )
        .chain(
            parsed
                .pages
                .iter()
                .map(|p| p.path.to_string_lossy().replace('\\', "/")),
        )
        .collect();
    let known_pages: Vec<String> = bulletins
        .iter()
        .map(|b| crate::urls::bulletin(&b.slug))
        .chain(
            parsed
                .campaigns
                .iter()
                .map(|c| crate::urls::campaign(&c.slug, 1)),
        )
        .chain(pages.iter().map(|p| crate::urls::page(&p.slug)))
        .collect();
    let known = Known {
        index,
        drafts,
        sources,
        pages: known_pages,
        published: input.published,
    };
    let mut out = Vec::new();
    for f in input.files {
        for r in scan(&f.text) {
            out.extend(judge(&known, f, &r));
        }
    }
    out
}

/// What the link checks share: the site's pages and sources, for looking
/// up where a link leads and what it may have meant.
struct Known<'a> {
    index: LinkIndex,
    drafts: BTreeSet<String>,
    sources: Vec<String>,
    pages: Vec<String>,
    published: &'a BTreeSet<String>,
}

/// A link as written in one file, for its diagnostics.
struct Written<'a> {
    f: &'a SourceFile,
    r: &'a LinkRef,
}

impl Written<'_> {
    fn at(&self, severity: Severity, code: &'static str, msg: Msg) -> Diagnostic {
        let pos = (self.r.line, self.r.col, self.r.len);
        at(&self.f.path, &self.f.text, pos, severity, code, msg)
    }

    /// An error: the link leads nowhere (or the image is missing).
    fn broken(&self, msg: Msg, hint: Msg) -> Option<Diagnostic> {
        let code = if self.r.image {
            "image-missing"
        } else {
            "link-broken"
        };
        Some(self.at(Severity::Error, code, msg).with_hint(hint))
    }
}

fn judge(known: &Known, f: &SourceFile, r: &LinkRef) -> Option<Diagnostic> {
    let w = Written { f, r };
    let dest = &r.dest;
    match known.index.target(&f.path, dest) {
        Target::Outside | Target::Source { page: Some(_), .. } => None,
        Target::Source { path, page: None } if known.drafts.contains(&path) => Some(
            w.at(Severity::Warning, "link-draft", msg!(LinkDraft, dest))
                .with_hint(msg!(LinkDraftHint, &path)),
        ),
        Target::Source { path, page: None } => {
            let hint = match near(&path, known.sources.iter().map(String::as_str)) {
                Some(best) => msg!(DidYouMean, relative(&f.path, best)),
                None => msg!(LinkByFileHint),
            };
            w.broken(msg!(LinkNoFile, dest, &path), hint)
        }
        Target::File { path, published } => missing_file(known, &w, &path, published),
        Target::Site { path, known: found } => missing_page(known, &w, &path, found),
    }
}

/// A link to a file beside the content (an image, a PDF) that is not published.
fn missing_file(
    known: &Known,
    w: &Written,
    path: &str,
    published: Option<String>,
) -> Option<Diagnostic> {
    if let Some(p) = published.as_ref().filter(|p| known.published.contains(*p)) {
        return undescribed_photo(w, p);
    }
    let (dest, image) = (&w.r.dest, w.r.image);
    let what = if image {
        msg!(WordImage)
    } else {
        msg!(WordFile)
    };
    let near = published
        .as_deref()
        .and_then(|p| near(p, known.published.iter().map(String::as_str)));
    let hint = match near {
        Some(best) => msg!(DidYouMean, format_args!("/{best}")),
        None if image => msg!(PutImageHint, path),
        None => msg!(PutFileHint, path),
    };
    w.broken(
        Msg::new(Key::FileNotFound)
            .arg_msg(what)
            .arg(dest)
            .arg(path),
        hint,
    )
}

/// A photo shown without a description (`![](a.jpg)`): a screen reader
/// has nothing to say of it.
fn undescribed_photo(w: &Written, published: &str) -> Option<Diagnostic> {
    if !w.r.undescribed || !crate::images::is_photo(published) {
        return None;
    }
    Some(
        w.at(
            Severity::Warning,
            "image-undescribed",
            msg!(ImageUndescribed, &w.r.dest),
        )
        .with_hint(msg!(ImageUndescribedHint, &w.r.dest)),
    )
}

/// A link by URL path (`/bulletins/x/`, `/logo.png`) that leads to no page or file.
fn missing_page(known: &Known, w: &Written, path: &str, found: bool) -> Option<Diagnostic> {
    let dest = &w.r.dest;
    if w.r.image {
        let file = path.strip_suffix('/').unwrap_or(path);
        if known.published.contains(file) {
            return None;
        }
        let hint = msg!(PutStaticImageHint, file);
        return w.broken(msg!(ImageNoStatic, dest, file), hint);
    }
    let page = page_of(path)?;
    if found {
        return None;
    }
    let index = &known.index;
    let hint = match did_you_mean(&page, known.pages.iter().map(String::as_str)) {
        Some(best) => msg!(DidYouMean, index.url(best)),
        None => msg!(CheckSlugHint),
    };
    w.broken(msg!(LinkNoPage, dest, index.url(&page)), hint)
}

fn future_dates(
    bulletins: &[Arc<Bulletin>],
    texts: &BTreeMap<&Path, &str>,
    now: i64,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for b in bulletins.iter().filter(|b| b.date.timestamp() > now) {
        let text = texts.get(b.path.as_path()).copied().unwrap_or("");
        let pos = field(text, "date").unwrap_or((0, 0, 0));
        out.push(
            at(
                &b.path,
                text,
                pos,
                Severity::Warning,
                "date-future",
                msg!(DateFuture, b.date.ymd()),
            )
            .with_hint(msg!(DateFutureHint)),
        );
    }
    out
}

/// One reported value: its bulletin and the index of its metric entry.
type Value<'a> = (&'a Bulletin, usize);

/// Every summed value, grouped by (campaign, metric).
fn outlier_groups<'a>(
    input: &Input,
    bulletins: &'a [Arc<Bulletin>],
) -> BTreeMap<(usize, &'a str), Vec<Value<'a>>> {
    let campaigns = &input.parsed.campaigns;
    let mut groups: BTreeMap<(usize, &str), Vec<Value>> = BTreeMap::new();
    for b in bulletins {
        let mut mine: Vec<usize> = b
            .campaign_refs
            .iter()
            .filter_map(|r| campaign::find(campaigns, r))
            .collect();
        mine.dedup();
        for c in mine {
            for (k, m) in b.metrics.iter().enumerate() {
                let summed = input
                    .config
                    .metric(&m.key)
                    .is_some_and(|d| d.aggregate != Aggregate::Mean);
                if summed {
                    groups.entry((c, m.key.as_str())).or_default().push((b, k));
                }
            }
        }
    }
    groups
}

fn outliers(input: &Input, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for ((c, key), values) in &outlier_groups(input, bulletins) {
        if values.len() <= OUTLIER_MIN_OTHERS {
            continue;
        }
        let value = |&(b, k): &Value| b.metrics[k].quantity.value;
        let amounts: Vec<Decimal> = values.iter().map(value).collect();
        let others = largest_others(&amounts);
        for (i, v) in values.iter().enumerate() {
            let Some(j) = others(i) else {
                continue;
            };
            let largest = amounts[j];
            if largest <= Decimal::ZERO || value(v) < largest * Decimal::from(OUTLIER_FACTOR) {
                continue;
            }
            if seen.insert((v.0.path.clone(), v.1)) {
                let campaign = &input.parsed.campaigns[*c].name;
                out.push(outlier(input, key, campaign, *v, values[j]));
            }
        }
    }
    out
}

/// For each position `i` of `amounts`, the position of the largest of the
/// others (the last of equal ones), or `None` when there are no others.
///
/// Worked out from the two last largest positions, not by looking at every
/// other amount for each: a campaign's metric at 100,000 bulletins has
/// over 10,000 values, and the pairs took `jianxun check` two minutes.
fn largest_others(amounts: &[Decimal]) -> impl Fn(usize) -> Option<usize> {
    let last_largest = |skip: Option<usize>| {
        (amounts.iter().enumerate())
            .filter(|(j, _)| Some(*j) != skip)
            .max_by_key(|(_, x)| **x)
            .map(|(j, _)| j)
    };
    let best = last_largest(None);
    let second = last_largest(best);
    move |i| if Some(i) == best { second } else { best }
}

/// The warning for `value` of metric `key`, far above `next` (the next
/// largest value in `campaign`).
fn outlier(input: &Input, key: &str, campaign: &str, value: Value, next: Value) -> Diagnostic {
    let (b, k) = value;
    let m = &b.metrics[k];
    let text = input
        .files
        .iter()
        .find(|f| f.path == b.path)
        .map_or("", |f| f.text.as_str());
    let pos = (
        m.pos.line,
        m.pos.col,
        crate::content::value_len(text, m.pos, &m.raw),
    );
    let (ob, ok) = next;
    at(
        &b.path,
        text,
        pos,
        Severity::Warning,
        "metric-outlier",
        msg!(MetricOutlier, key, &m.raw, campaign, OUTLIER_FACTOR),
    )
    .with_hint(msg!(
        MetricOutlierHint,
        &ob.metrics[ok].raw,
        crate::diag::shown(&ob.path)
    ))
}

fn duplicate_titles(bulletins: &[Arc<Bulletin>], texts: &BTreeMap<&Path, &str>) -> Vec<Diagnostic> {
    let mut by_title: BTreeMap<&str, Vec<&Bulletin>> = BTreeMap::new();
    for b in bulletins {
        by_title.entry(b.title.as_str()).or_default().push(b);
    }
    let mut out = Vec::new();
    for (title, mut group) in by_title.into_iter().filter(|(_, g)| g.len() > 1) {
        group.sort_by(|a, b| a.path.cmp(&b.path));
        for b in &group[1..] {
            let text = texts.get(b.path.as_path()).copied().unwrap_or("");
            let pos = field(text, "title").unwrap_or((0, 0, 0));
            let first = crate::diag::shown(&group[0].path);
            let msg = msg!(TitleTwice, title, first);
            let hint = msg!(TitleTwiceHint);
            out.push(
                at(
                    &b.path,
                    text,
                    pos,
                    Severity::Warning,
                    "title-duplicate",
                    msg,
                )
                .with_hint(hint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The largest of the others is the one found by looking at every
        /// other amount, ties and all.
        #[test]
        fn the_largest_other_amount_is_found_for_each(
            raw in proptest::collection::vec(-3i64..6, 0..12),
        ) {
            let amounts: Vec<Decimal> = raw.iter().map(|&n| Decimal::from(n)).collect();
            let others = largest_others(&amounts);
            for i in 0..amounts.len() {
                let want = (amounts.iter().enumerate())
                    .filter(|(j, _)| *j != i)
                    .max_by_key(|(_, x)| **x)
                    .map(|(j, _)| j);
                proptest::prop_assert_eq!(others(i), want, "{:?} at {}", raw, i);
            }
        }
    }

    #[test]
    fn fields_are_located() {
        let t = "---\ntitle: 宜宾园区\ndate:   2099-01-01  # 注\n---\ndate: 正文\n";
        assert_eq!(field(t, "title"), Some((2, 8, 4)));
        assert_eq!(field(t, "date"), Some((3, 9, 10)));
        assert_eq!(field(t, "region"), None);
    }

    #[test]
    fn near_compares_file_names() {
        let paths = [
            "content/bulletins/2025/yibin-ankangbei-yuanqu.md",
            "content/bulletins/2024/other.md",
        ];
        assert_eq!(
            near("content/bulletins/2025/yibin-ankangbei-yuanq.md", paths),
            Some(paths[0])
        );
        assert_eq!(
            near("content/bulletins/2025/othre.md", paths),
            Some(paths[1])
        );
        assert_eq!(near("content/bulletins/2024/datong.md", paths), None);
    }

    #[test]
    fn relative_paths() {
        let from = Path::new("content/bulletins/2025/a.md");
        assert_eq!(
            relative(from, "content/bulletins/2024/b.md"),
            "../2024/b.md"
        );
        assert_eq!(
            relative(from, "content/bulletins/2025/img/a.png"),
            "img/a.png"
        );
        assert_eq!(
            relative(from, "content/campaigns/x.md"),
            "../../campaigns/x.md"
        );
    }
}
