//! Links between pages (resolve stage): where a link or image written in
//! Markdown points, and the pass that turns links to source files into URLs.
//!
//! Takes the site's pages (source path → site path) and the base path; gives
//! [`LinkIndex::target`], what a destination such as `../2024/other.md`,
//! `img/a.png` or `/bulletins/slug/` names, and [`LinkIndex::resolve`],
//! where the link and image destinations of a parsed document lead:
//!
//! - `[另一篇](../2024/other.md)` → `/bulletins/<slug of other>/` (the base path included);
//! - `![](img/a.png)` beside a bulletin → `/bulletins/2025/img/a.png`, where
//!   discovery publishes the files that sit beside the content;
//! - a root-relative `/bulletins/a/` on a site served under `/sub/` → `/sub/bulletins/a/`.
//!
//! The destinations come from the parsed document (never from HTML); the
//! render stage puts the URLs in place of them. Pure: whether a file exists
//! on disk is `check`'s business.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::content::bulletin::Bulletin;
use crate::content::campaign::Campaign;
use crate::content::markdown::{Doc, Links};
use crate::content::page::Page;
use crate::urls;

/// Characters escaped in a published file's URL path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// What a link or image destination names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, a mail address, a fragment of this page: not ours to judge.
    Outside,
    /// A Markdown source file by its path from the site root
    /// (`content/bulletins/2024/a.md`), with its page's site path when it has one.
    Source {
        /// Path from the site root.
        path: String,
        /// Site path of its page (`bulletins/a/`), if it is a page of the site.
        page: Option<String>,
    },
    /// Another file by its path from the site root (`..` left in place when
    /// it climbs out of the site), with the site path it is published at when
    /// it lies under `content/` or `static/`.
    File {
        /// Path from the site root.
        path: String,
        /// Site path it is published at (`bulletins/2025/img/a.png`).
        published: Option<String>,
    },
    /// A URL path on this site, relative to the base (`bulletins/a/`).
    Site {
        /// The path without the base path.
        path: String,
        /// Whether a bulletin, campaign or plain page is known there.
        known: bool,
    },
}

/// Source paths and site paths of every page, for resolving links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkIndex {
    base_path: String,
    pages: BTreeMap<String, String>,
    known: BTreeSet<String>,
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Joins `rel` to the folder `dir` (both `/`-separated), resolving `.` and
/// `..`; `None` when it climbs above the top.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if (rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("..")) && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Splits `dest` into its path and its `?query#fragment` suffix.
fn split_suffix(dest: &str) -> (&str, &str) {
    let i = dest.find(['#', '?']).unwrap_or(dest.len());
    dest.split_at(i)
}

fn has_scheme(dest: &str) -> bool {
    let Some(i) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..i];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The page a site path belongs to: `bulletins/a/page/2/` → `bulletins/a/`,
/// `campaigns/x/feed.xml` → `campaigns/x/`; plain pages may nest.
pub fn page_of(path: &str) -> Option<String> {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    match segs.next()? {
        s @ ("bulletins" | "campaigns") => Some(format!("{s}/{}/", segs.next()?)),
        "pages" => {
            let rest: Vec<&str> = segs.collect();
            (!rest.is_empty()).then(|| format!("pages/{}/", rest.join("/")))
        }
        _ => None,
    }
}

impl LinkIndex {
    /// An index of `pages` (source path from the site root → site path such
    /// as `bulletins/a/`) for a site served under `base_path` (`/` or `/sub/`).
    pub fn new(base_path: &str, pages: impl IntoIterator<Item = (String, String)>) -> LinkIndex {
        let pages: BTreeMap<String, String> = pages.into_iter().collect();
        let known = pages.values().cloned().collect();
        LinkIndex {
            base_path: base_path.to_string(),
            pages,
            known,
        }
    }

    /// The index of a site's bulletins, campaigns and plain pages.
    pub fn of_site(
        base_path: &str,
        bulletins: &[Arc<Bulletin>],
        campaigns: &[Campaign],
        pages: &[Page],
    ) -> LinkIndex {
        let b = bulletins
            .iter()
            .map(|b| (slash(&b.path), urls::bulletin(&b.slug)));
        let c = campaigns
            .iter()
            .map(|c| (slash(&c.path), urls::campaign(&c.slug, 1)));
        let p = pages.iter().map(|p| (slash(&p.path), urls::page(&p.slug)));
        LinkIndex::new(base_path, b.chain(c).chain(p))
    }

    /// The site path of the page made from the source file `source`.
    pub fn page(&self, source: &Path) -> Option<&str> {
        self.pages.get(&slash(source)).map(String::as_str)
    }

    /// Whether a bulletin, campaign or plain page lives at the site path `path`.
    pub fn is_page(&self, path: &str) -> bool {
        self.known.contains(path)
    }

    /// The root-relative URL of a site path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// The root-relative URL of a published file's site path, percent-encoded.
    pub fn file_url(&self, path: &str) -> String {
        self.url(&utf8_percent_encode(path, PATH).to_string())
    }

    /// What `dest`, written in the source file `from` (a path from the site
    /// root), names. `dest` is as written: percent-encoded or not, with or
    /// without `?query` and `#fragment`.
    pub fn target(&self, from: &Path, dest: &str) -> Target {
        let (path, _) = split_suffix(dest.trim());
        if path.is_empty() || path.starts_with("//") || has_scheme(path) {
            return Target::Outside;
        }
        let path = percent_decode_str(path).decode_utf8_lossy();
        if let Some(abs) = path.strip_prefix('/') {
            let base = self.base_path.trim_start_matches('/');
            let rel = abs.strip_prefix(base).filter(|_| !base.is_empty());
            let site = join("", rel.unwrap_or(abs)).unwrap_or_default();
            return self.site_target(site);
        }
        let last = path.rsplit('/').next().unwrap_or("");
        let is_file = last.contains('.') && last != "." && last != "..";
        if !is_file {
            // A folder-like link is relative to the page's URL, as a browser reads it.
            return match self.page(from).and_then(|p| join(p, &path)) {
                Some(site) => self.site_target(site),
                None => Target::Outside,
            };
        }
        let from = slash(from);
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(file) = join(dir, &path) else {
            return Target::File {
                path: path.into_owned(),
                published: None,
            };
        };
        if last.to_ascii_lowercase().ends_with(".md") {
            let page = self.pages.get(&file).cloned();
            return Target::Source { path: file, page };
        }
        let published = ["content/", "static/"]
            .iter()
            .find_map(|top| file.strip_prefix(top))
            .map(str::to_string);
        Target::File {
            path: file,
            published,
        }
    }

    fn site_target(&self, path: String) -> Target {
        let known = page_of(&path).is_some_and(|p| self.known.contains(&p));
        Target::Site { path, known }
    }

    /// The URL `dest` (written in `from`) should be published as, when it
    /// differs from what was written.
    pub fn rewrite(&self, from: &Path, dest: &str) -> Option<String> {
        let (_, suffix) = split_suffix(dest);
        let url = match self.target(from, dest) {
            Target::Source {
                page: Some(page), ..
            } => self.url(&page),
            Target::File {
                published: Some(p), ..
            } => self.url(&utf8_percent_encode(&p, PATH).to_string()),
            Target::Site { path, .. } if dest.starts_with('/') || !path.is_empty() => {
                let rel = utf8_percent_encode(&path, PATH).to_string();
                self.url(&rel)
            }
            _ => return None,
        };
        let url = format!("{url}{suffix}");
        (url != dest).then_some(url)
    }

    /// Where the links and images of `doc` (written in `from`) lead: each
    /// destination that [`LinkIndex::rewrite`] changes, with its URL.
    pub fn resolve(&self, from: &Path, doc: &Doc) -> Links {
        (doc.dests().iter())
            .filter_map(|d| self.rewrite(from, d).map(|url| (d.clone(), url)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(base: &str) -> LinkIndex {
        LinkIndex::new(
            base,
            [
                ("content/bulletins/2024/other.md", "bulletins/other-slug/"),
                ("content/bulletins/2025/a.md", "bulletins/a/"),
                ("content/bulletins/2025/宜宾.md", "bulletins/yibin/"),
                ("content/campaigns/ankang-cup.md", "campaigns/ankang-cup/"),
                ("content/pages/help/faq.md", "pages/help/faq/"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string())),
        )
    }

    const FROM: &str = "content/bulletins/2025/a.md";

    fn t(dest: &str) -> Target {
        index("/").target(Path::new(FROM), dest)
    }

    /// A target in one line: `kind path -> where`.
    fn show(t: Target) -> String {
        match t {
            Target::Outside => "outside".into(),
            Target::Source { path, page } => format!("source {path} -> {page:?}"),
            Target::File { path, published } => format!("file {path} -> {published:?}"),
            Target::Site { path, known } => format!("site {path} known={known}"),
        }
    }

    /// `dest | target`, written from `content/bulletins/2025/a.md` (page `bulletins/a/`).
    const TARGETS: &str = "
        ../2024/other.md | source content/bulletins/2024/other.md -> Some(\"bulletins/other-slug/\")
        ../2024/other.md#x | source content/bulletins/2024/other.md -> Some(\"bulletins/other-slug/\")
        ./../2024/./other.md | source content/bulletins/2024/other.md -> Some(\"bulletins/other-slug/\")
        %E5%AE%9C%E5%AE%BE.md | source content/bulletins/2025/宜宾.md -> Some(\"bulletins/yibin/\")
        ../2024/nope.md | source content/bulletins/2024/nope.md -> None
        ../../campaigns/ankang-cup.md | source content/campaigns/ankang-cup.md -> Some(\"campaigns/ankang-cup/\")
        img/a.png | file content/bulletins/2025/img/a.png -> Some(\"bulletins/2025/img/a.png\")
        ../../../static/logo.png | file static/logo.png -> Some(\"logo.png\")
        ../../../jianxun.yaml | file jianxun.yaml -> None
        ../../../../x.png | file ../../../../x.png -> None
        /bulletins/a/ | site bulletins/a/ known=true
        /bulletins/a/index.html | site bulletins/a/index.html known=true
        /bulletins/zz/ | site bulletins/zz/ known=false
        /campaigns/ankang-cup/page/2/ | site campaigns/ankang-cup/page/2/ known=true
        ../other-slug/ | site bulletins/other-slug/ known=true
        /pages/help/faq/ | site pages/help/faq/ known=true
        /stats/ | site stats/ known=false
        https://example.org/a.md | outside
        mailto:a@b.c | outside
        #top | outside
        //cdn.example/x.png | outside
        ?q=1 | outside
    ";

    #[test]
    fn targets() {
        for line in TARGETS.lines().filter(|l| !l.trim().is_empty()) {
            let (dest, want) = line.split_once('|').unwrap();
            assert_eq!(show(t(dest.trim())), want.trim(), "{dest}");
        }
        assert_eq!(t(""), Target::Outside);
        // A draft (not a page) cannot resolve page-relative links.
        let draft = Path::new("content/bulletins/draft.md");
        assert_eq!(index("/").target(draft, "../a/"), Target::Outside);
    }

    #[test]
    fn base_path_is_stripped_and_added() {
        let i = index("/sub/");
        let from = Path::new(FROM);
        assert_eq!(
            i.target(from, "/sub/bulletins/a/"),
            Target::Site {
                path: "bulletins/a/".into(),
                known: true
            }
        );
        assert_eq!(
            i.rewrite(from, "../2024/other.md"),
            Some("/sub/bulletins/other-slug/".into())
        );
        assert_eq!(
            i.rewrite(from, "../2024/other.md#更多"),
            Some("/sub/bulletins/other-slug/#更多".into())
        );
        assert_eq!(
            i.rewrite(from, "/bulletins/a/"),
            Some("/sub/bulletins/a/".into())
        );
        assert_eq!(i.rewrite(from, "/sub/bulletins/a/"), None);
        assert_eq!(
            i.rewrite(from, "img/图.png"),
            Some("/sub/bulletins/2025/img/%E5%9B%BE.png".into())
        );
        assert_eq!(i.rewrite(from, "../2024/nope.md"), None);
        assert_eq!(i.rewrite(from, "https://example.org/"), None);
        assert_eq!(index("/").rewrite(from, "/bulletins/a/"), None);
    }

    #[test]
    fn a_parsed_document_resolves_its_destinations() {
        let i = index("/sub/");
        let from = Path::new(FROM);
        let doc = Doc::new(
            "[另一篇](../2024/other.md#做法) [x](https://x.org/?a=1&b=2) ![图](img/a.png) [坏](../2024/nope.md) `[码](../2024/other.md)`",
        );
        let links = i.resolve(from, &doc);
        assert_eq!(
            links,
            Links::from([
                (
                    "../2024/other.md#做法".to_string(),
                    "/sub/bulletins/other-slug/#做法".to_string()
                ),
                (
                    "img/a.png".to_string(),
                    "/sub/bulletins/2025/img/a.png".to_string()
                ),
            ])
        );
        assert!(index("/").resolve(from, &Doc::new("无链接。")).is_empty());
        // Many links cost one lookup each.
        let n = 40_000;
        let page = "[另一篇](../2024/other.md)\n\n".repeat(n);
        assert_eq!(index("/").resolve(from, &Doc::new(&page)).len(), 1);
    }

    #[test]
    fn pages_of_site_paths() {
        assert_eq!(page_of("bulletins/a/"), Some("bulletins/a/".into()));
        assert_eq!(page_of("bulletins/a"), Some("bulletins/a/".into()));
        assert_eq!(page_of("campaigns/x/feed.xml"), Some("campaigns/x/".into()));
        assert_eq!(
            page_of("pages/help/faq/index.html"),
            Some("pages/help/faq/".into())
        );
        assert_eq!(page_of("bulletins/"), None);
        assert_eq!(page_of("stats/"), None);
    }
}
