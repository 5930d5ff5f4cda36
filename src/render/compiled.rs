//! Render stage: the built-in theme's most frequent pages, compiled to Rust.
//!
//! Bulletin pages and the pages listing them (a tag's, a region's and a
//! campaign's, after their first page) are almost all of a site's pages,
//! and interpreting their templates was the largest single cost of a
//! build. When a site renders them with the built-in templates exactly as
//! shipped (the page's template, `base.html` and the partials it
//! includes), [`page`] writes the same bytes straight from the same
//! context Tera would be given. A site that changes any of those templates
//! is rendered by Tera as before.
//!
//! It writes only while the context has the shape the templates expect:
//! at the first field it does not find it gives up (returns `None`) and
//! Tera renders the page, so an odd context fails, or succeeds, exactly as
//! it does with the template. The tests in `tests/it/compiled.rs` render
//! every page both ways and compare the bytes.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Context, Value};

/// The page templates compiled here. A site renders one by [`page`] when
/// every template it reads is the built-in one as shipped.
pub const PAGES: [&str; 4] = ["bulletin.html", "tag.html", "region.html", "campaign.html"];

/// Writes the output of `{{ v }}` in an HTML template: escaped unless the
/// value is marked safe, as Tera does.
fn put(out: &mut Vec<u8>, v: &Value) {
    if v.is_safe() {
        out.extend_from_slice(v.to_string().as_bytes());
    } else if let Some(s) = v.as_str() {
        // Writing to a Vec cannot fail.
        let _ = tera::escape_html(s, out);
    } else {
        let _ = tera::escape_html(&v.to_string(), out);
    }
}

/// Writes the output of `{{ v | safe }}`.
fn put_raw(out: &mut Vec<u8>, v: &Value) {
    match v.as_str() {
        Some(s) => out.extend_from_slice(s.as_bytes()),
        None => out.extend_from_slice(v.to_string().as_bytes()),
    }
}

/// The field `name` of the map `v`; `None` when `v` is not a map or has no
/// such field (the template would stop there).
fn at<'v>(v: &'v Value, name: &'static str) -> Option<&'v Value> {
    v.as_map()?.get(&tera::value::Key::Str(name))
}

/// `a or b` where `b` is `""`: `a` when it is truthy, else the empty string.
fn put_or_empty(out: &mut Vec<u8>, v: &Value) {
    if v.is_truthy() {
        put(out, v);
    }
}

/// Renders the built-in template `template` for `ctx` into `out`; `None`,
/// with `out` left as it was, when it is not one compiled here or the
/// context is not what the template expects (Tera renders it then).
///
/// `cards`, when given, keeps each bulletin card written for a page, so
/// that the other lists showing the same bulletin copy it.
pub fn page(template: &str, ctx: &Context, out: &mut Vec<u8>, cards: Option<&Cards>) -> Option<()> {
    let start = out.len();
    let done = match template {
        "bulletin.html" => bulletin(ctx, out),
        "tag.html" => tag(ctx, out, cards),
        "region.html" => region(ctx, out, cards),
        "campaign.html" => campaign(ctx, out, cards),
        _ => None,
    };
    if done.is_none() {
        out.truncate(start);
    }
    done
}

fn bulletin(ctx: &Context, o: &mut Vec<u8>) -> Option<()> {
    let b = ctx.get("bulletin")?;
    if ctx.get("page_kind")?.as_str() != Some("bulletin") {
        return None;
    }
    base(ctx, o, Head::Bulletin(b), |o| content(o, b))
}

/// tag.html.
fn tag(ctx: &Context, o: &mut Vec<u8>, cards: Option<&Cards>) -> Option<()> {
    let (tag, paginator, site) = (ctx.get("tag")?, ctx.get("paginator")?, ctx.get("site")?);
    base(ctx, o, Head::Plain, |o| {
        lit(
            o,
            "\n<header class=\"page-header\">\n  <h1 class=\"page-title\"><span class=\"page-title-prefix\">标签：</span>",
        );
        put(o, at(tag, "name")?);
        lit(o, "</h1>\n  <p class=\"page-lead\">共 ");
        put(o, at(paginator, "total_items")?);
        lit(o, " 篇简讯");
        let (current, pages) = (at(paginator, "current")?, at(paginator, "total_pages")?);
        if pages.as_u64()? > 1 {
            lit(o, "，第 ");
            put(o, current);
            lit(o, " / ");
            put(o, pages);
            lit(o, " 页");
        }
        lit(o, "</p>\n</header>\n");
        bulletin_list(o, paginator, 2, cards)?;
        lit(o, "\n<p class=\"more-link\"><a href=\"");
        put(o, at(site, "base_path")?);
        lit(o, "tags/\">全部标签 →</a></p>\n");
        Some(())
    })
}

/// region.html, for every page but the first (which shows totals and charts).
fn region(ctx: &Context, o: &mut Vec<u8>, cards: Option<&Cards>) -> Option<()> {
    let (region, paginator) = (ctx.get("region")?, ctx.get("paginator")?);
    if at(paginator, "current")?.as_u64()? == 1 {
        return None;
    }
    base(ctx, o, Head::Plain, |o| {
        lit(
            o,
            "\n<header class=\"page-header\">\n  <h1 class=\"page-title\"><span class=\"nb\">",
        );
        put(o, at(region, "name")?);
        lit(o, "</span></h1>\n  <p class=\"page-lead\">共 ");
        put(o, at(region, "bulletin_count")?);
        lit(o, " 篇简讯");
        let children = at(region, "children")?;
        if children.is_truthy() {
            lit(o, "（含下级地区）");
        }
        let parent = at(region, "parent")?;
        if parent.is_truthy() {
            lit(
                o,
                "<span class=\"sep\" aria-hidden=\"true\"> · </span>上级地区：<a class=\"nb\" href=\"",
            );
            url_and_name(o, parent)?;
            lit(o, "</a>");
        }
        lit(o, "</p>\n</header>");
        if children.is_truthy() {
            lit(
                o,
                "\n<section class=\"subregions\" aria-labelledby=\"region-children\">\n  <h2 id=\"region-children\" class=\"section-title\">下级地区</h2>\n  <ul class=\"chip-list\">",
            );
            for ch in iter(children)? {
                lit(o, "\n    <li><a class=\"chip\" href=\"");
                url_and_name(o, ch)?;
                lit(o, " <span class=\"count\">");
                put(o, at(ch, "bulletin_count")?);
                lit(o, "</span></a></li>");
            }
            lit(o, "\n  </ul>\n</section>");
        }
        lit(
            o,
            "\n<section class=\"listing\" aria-labelledby=\"region-bulletins\">\n  <h2 id=\"region-bulletins\" class=\"section-title\">简讯",
        );
        section_note(o, paginator)?;
        lit(o, "</h2>\n  ");
        bulletin_list(o, paginator, 3, cards)?;
        lit(o, "\n</section>\n");
        Some(())
    })
}

/// campaign.html, for every page but the first (which shows the campaign's
/// introduction, totals and charts).
fn campaign(ctx: &Context, o: &mut Vec<u8>, cards: Option<&Cards>) -> Option<()> {
    let (c, paginator) = (ctx.get("campaign")?, ctx.get("paginator")?);
    if at(paginator, "current")?.as_u64()? == 1 {
        return None;
    }
    base(ctx, o, Head::Campaign(c), |o| {
        lit(
            o,
            "\n<header class=\"page-header campaign-header\">\n  <h1 class=\"page-title\"><span class=\"nb\">",
        );
        put(o, at(c, "name")?);
        lit(o, "</span>");
        let status = at(c, "status")?;
        if status.is_truthy() {
            lit(o, " <span class=\"status status-");
            put(o, at(c, "status_class")?);
            lit(o, "\">");
            put(o, status);
            lit(o, "</span>");
        }
        lit(o, "</h1>");
        let full_name = at(c, "full_name")?;
        if full_name.is_truthy() {
            lit(o, "\n  <p class=\"page-subtitle\">");
            put(o, full_name);
            lit(o, "</p>");
        }
        lit(o, "\n  <dl class=\"facts\">");
        if at(c, "organizer")?.is_truthy() {
            lit(o, "\n    <div><dt>主办单位</dt><dd>");
            let organizers = iter(at(c, "organizers")?)?;
            for (k, name) in organizers.iter().enumerate() {
                lit(o, "<span class=\"nb\">");
                put(o, name);
                lit(o, "</span>");
                if k + 1 < organizers.len() {
                    lit(o, "、");
                }
            }
            lit(o, "</dd></div>");
        }
        let (start, end) = (at(c, "start")?, at(c, "end")?);
        if start.is_truthy() || end.is_truthy() {
            lit(o, "\n    <div><dt>活动时间</dt><dd>");
            // partials/date_range.html
            let time = |o: &mut Vec<u8>, day: &Value, zh: &'static str| -> Option<()> {
                o.extend_from_slice(b"<time datetime=\"");
                put(o, day);
                o.extend_from_slice(b"\">");
                put(o, at(c, zh)?);
                o.extend_from_slice(b"</time>");
                Some(())
            };
            if start.is_truthy() && end.is_truthy() {
                time(o, start, "start_zh")?;
                lit(o, " 至 ");
                time(o, end, "end_zh")?;
            } else if start.is_truthy() {
                time(o, start, "start_zh")?;
                lit(o, " 起");
            } else {
                lit(o, "截至 ");
                time(o, end, "end_zh")?;
            }
            lit(o, "</dd></div>");
        }
        lit(o, "\n    <div><dt>简讯数量</dt><dd>");
        put(o, at(c, "bulletin_count")?);
        lit(
            o,
            " 篇</dd></div>\n  </dl>\n</header>\n<section class=\"listing\" aria-labelledby=\"campaign-bulletins\">\n  <h2 id=\"campaign-bulletins\" class=\"section-title\">活动简讯",
        );
        section_note(o, paginator)?;
        lit(o, "</h2>\n  ");
        bulletin_list(o, paginator, 3, cards)?;
        lit(o, "\n</section>\n");
        Some(())
    })
}

/// `（第 N 页）` after a list's heading, when the list has more than one page.
fn section_note(o: &mut Vec<u8>, paginator: &Value) -> Option<()> {
    if at(paginator, "total_pages")?.as_u64()? > 1 {
        o.extend_from_slice("<span class=\"section-note\">（第 ".as_bytes());
        put(o, at(paginator, "current")?);
        o.extend_from_slice(" 页）</span>".as_bytes());
    }
    Some(())
}

/// partials/bulletin_list.html with `hl` set: the cards, then the pagination.
fn bulletin_list(o: &mut Vec<u8>, paginator: &Value, hl: u8, cards: Option<&Cards>) -> Option<()> {
    lit(o, "<div class=\"bulletin-list\">");
    let items = iter(at(paginator, "items")?)?;
    if items.is_empty() {
        lit(o, "\n<p class=\"empty\">暂无简讯。</p>");
    }
    for b in items {
        lit(o, "\n");
        match cards {
            Some(cards) => cards.card(o, b, hl)?,
            None => card(o, b, hl)?,
        }
    }
    lit(o, "\n</div>\n");
    pagination(o, paginator)?;
    lit(o, "\n");
    Some(())
}

/// The bulletin cards already written, for one rendering of a site's
/// pages: a bulletin is listed by its region and each region above it,
/// its campaigns and its tags, and its card is the same in every list at
/// the same heading level.
#[derive(Default)]
pub struct Cards {
    /// By the address of the card's brief (a map value) and the heading
    /// level. The brief is kept with its card, so no other map can take
    /// that address while the card is kept.
    written: Mutex<Written>,
}

/// Cards by brief address and heading level, each with its brief.
type Written = HashMap<(usize, u8), (Value, Box<[u8]>)>;

impl Cards {
    fn lock(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the card of brief `b` at heading level `hl`, as [`card`] does.
    fn card(&self, o: &mut Vec<u8>, b: &Value, hl: u8) -> Option<()> {
        let key = (std::ptr::from_ref(b.as_map()?) as usize, hl);
        if let Some((_, bytes)) = self.lock().get(&key) {
            o.extend_from_slice(bytes);
            return Some(());
        }
        let start = o.len();
        card(o, b, hl)?;
        let bytes = o[start..].into();
        self.lock().insert(key, (b.clone(), bytes));
        Some(())
    }
}

/// partials/bulletin_card.html.
fn card(o: &mut Vec<u8>, b: &Value, hl: u8) -> Option<()> {
    let hl = [b'0' + hl];
    lit(o, "\n<article class=\"card bulletin-card\">\n  <h");
    o.extend_from_slice(&hl);
    lit(o, " class=\"card-title\"><a href=\"");
    put(o, at(b, "url")?);
    lit(o, "\">");
    put(o, at(b, "title")?);
    lit(o, "</a></h");
    o.extend_from_slice(&hl);
    lit(o, ">\n  <p class=\"card-meta\">\n    <time datetime=\"");
    put(o, at(b, "date")?);
    lit(o, "\">");
    put(o, at(b, "date_zh")?);
    lit(o, "</time>");
    let region = at(b, "region")?;
    if region.is_truthy() {
        lit(
            o,
            "\n    <span class=\"sep\" aria-hidden=\"true\">·</span>\n    <a class=\"card-region nb\" href=\"",
        );
        put(o, at(region, "url")?);
        lit(o, "\">");
        // `| replace(…)` of a string marked safe is not written out here.
        let path = at(region, "path")?;
        if path.is_safe() {
            return None;
        }
        let _ = tera::escape_html(&path.as_str()?.replace('/', " · "), o);
        lit(o, "</a>");
    }
    lit(o, "\n  </p>");
    badges(o, at(b, "campaigns")?, "\n  ")?;
    let summary = at(b, "summary")?;
    if summary.is_truthy() {
        lit(o, "\n  <div class=\"card-summary\">");
        put_raw(o, summary);
        lit(o, "</div>");
    }
    let metrics = at(b, "metrics")?;
    if metrics.is_truthy() {
        lit(o, "\n  <dl class=\"metric-chips\">");
        for m in iter(metrics)?.iter().take(3) {
            lit(o, "\n    <div><dt>");
            put(o, at(m, "label")?);
            lit(o, "</dt><dd>");
            put(o, at(m, "display")?);
            lit(o, "</dd></div>");
        }
        lit(o, "\n  </dl>");
    }
    lit(o, "\n</article>\n");
    Some(())
}

/// partials/pagination.html.
fn pagination(o: &mut Vec<u8>, p: &Value) -> Option<()> {
    let total = at(p, "total_pages")?;
    if total.as_u64()? <= 1 {
        // The partial's last line.
        o.push(b'\n');
        return Some(());
    }
    lit(
        o,
        "\n<nav class=\"pagination\" aria-label=\"分页\">\n  <ul>\n    <li class=\"page-prev\">",
    );
    let prev = at(p, "prev_url")?;
    if prev.is_truthy() {
        lit(o, "<a href=\"");
        put(o, prev);
        lit(o, "\" rel=\"prev\">上一页</a>");
    } else {
        lit(
            o,
            "<span class=\"disabled\" aria-disabled=\"true\">上一页</span>",
        );
    }
    lit(o, "</li>");
    for n in iter(at(p, "pages")?)? {
        if at(n, "gap_before")?.is_truthy() {
            lit(
                o,
                "\n    <li class=\"page-gap\" aria-hidden=\"true\">…</li>",
            );
        }
        lit(o, "\n    <li class=\"page-number\"><a href=\"");
        put(o, at(n, "url")?);
        lit(o, "\"");
        if at(n, "current")?.is_truthy() {
            lit(o, " aria-current=\"page\"");
        }
        lit(o, " aria-label=\"第 ");
        put(o, at(n, "number")?);
        lit(o, " 页\">");
        put(o, at(n, "number")?);
        lit(o, "</a></li>");
    }
    lit(o, "\n    <li class=\"page-next\">");
    let next = at(p, "next_url")?;
    if next.is_truthy() {
        lit(o, "<a href=\"");
        put(o, next);
        lit(o, "\" rel=\"next\">下一页</a>");
    } else {
        lit(
            o,
            "<span class=\"disabled\" aria-disabled=\"true\">下一页</span>",
        );
    }
    lit(o, "</li>\n  </ul>\n  <p class=\"page-status\">第 ");
    put(o, at(p, "current")?);
    lit(o, " / ");
    put(o, total);
    lit(o, " 页，共 ");
    put(o, at(p, "total_items")?);
    lit(o, " 篇</p>\n</nav>\n");
    Some(())
}

/// The page's own part of base.html's `<head>`: what a child template's
/// `description` and `head` blocks write.
enum Head<'a> {
    /// bulletin.html's blocks.
    Bulletin(&'a Value),
    /// campaign.html's head block (its feed).
    Campaign(&'a Value),
    /// base.html's own blocks.
    Plain,
}

/// base.html around `content`, for a page of kind `page_kind` that is not
/// the home page.
/// What base.html reads of every page.
struct Frame<'a> {
    ctx: &'a Context,
    site: &'a Value,
    page_kind: &'a Value,
    kind: &'a str,
    base_path: &'a Value,
    site_title: &'a Value,
    page_title: &'a Value,
    permalink: &'a Value,
    current_url: &'a Value,
    generator: &'a Value,
}

fn lit(o: &mut Vec<u8>, s: &str) {
    o.extend_from_slice(s.as_bytes());
}

/// base.html around `content`, for a page that is not the home page.
fn base(
    ctx: &Context,
    o: &mut Vec<u8>,
    head: Head,
    content: impl FnOnce(&mut Vec<u8>) -> Option<()>,
) -> Option<()> {
    let site = ctx.get("site")?;
    let page_kind = ctx.get("page_kind")?;
    let kind = page_kind.as_str()?;
    if kind == "home" {
        return None;
    }
    let f = Frame {
        ctx,
        site,
        page_kind,
        kind,
        base_path: at(site, "base_path")?,
        site_title: at(site, "title")?,
        page_title: ctx.get("page_title")?,
        permalink: ctx.get("permalink")?,
        current_url: ctx.get("current_url")?,
        generator: at(site, "generator")?,
    };
    html_head(o, &f, head)?;
    page_top(o, &f)?;
    breadcrumbs(o, &f)?;
    content(o)?;
    footer(o, &f)
}

/// base.html: from the start to the end of `<head>`.
fn html_head(o: &mut Vec<u8>, f: &Frame, head: Head) -> Option<()> {
    let Frame {
        ctx,
        site,
        base_path,
        site_title,
        page_title,
        permalink,
        generator,
        ..
    } = *f;
    lit(o, "<!DOCTYPE html>\n<html lang=\"");
    put(o, at(site, "language")?);
    lit(
        o,
        "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    put(o, page_title);
    lit(o, " - ");
    put(o, site_title);
    lit(o, "</title>");
    // Block description.
    let description = match head {
        Head::Bulletin(b) => at(b, "summary_text")?,
        _ => at(site, "description")?,
    };
    if description.is_truthy() || matches!(head, Head::Bulletin(_)) {
        lit(o, "\n<meta name=\"description\" content=\"");
        put(o, description);
        lit(o, "\">\n<meta property=\"og:description\" content=\"");
        put(o, description);
        lit(o, "\">");
    }
    lit(o, "\n<meta name=\"generator\" content=\"");
    put(o, generator);
    lit(
        o,
        "\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"canonical\" href=\"",
    );
    put(o, permalink);
    lit(o, "\">\n<link rel=\"icon\" href=\"");
    put(o, base_path);
    lit(
        o,
        "favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"",
    );
    put(o, ctx.get("style_url")?);
    lit(
        o,
        "\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"",
    );
    put(o, site_title);
    lit(o, "\" href=\"");
    put(o, base_path);
    lit(o, "feed.xml\">");
    head_blocks(o, f, head)
}

/// base.html: the Open Graph lines of a page that is not a bulletin, then
/// the page's head block.
fn head_blocks(o: &mut Vec<u8>, f: &Frame, head: Head) -> Option<()> {
    let Frame {
        site,
        kind,
        site_title,
        page_title,
        permalink,
        ..
    } = *f;
    if kind != "bulletin" {
        lit(
            o,
            "\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"",
        );
        put(o, page_title);
        lit(o, "\">\n<meta property=\"og:url\" content=\"");
        put(o, permalink);
        lit(o, "\">\n<meta property=\"og:site_name\" content=\"");
        put(o, site_title);
        lit(o, "\">");
        let share = at(site, "share_image")?;
        if share.is_truthy() {
            share_image(o, share)?;
        }
    }
    // Block head.
    match head {
        Head::Bulletin(b) => bulletin_head(o, site, b)?,
        Head::Campaign(c) => {
            lit(
                o,
                "\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"",
            );
            put(o, at(c, "name")?);
            lit(o, " - ");
            put(o, site_title);
            lit(o, "\" href=\"");
            put(o, at(c, "url")?);
            lit(o, "feed.xml\">\n");
        }
        Head::Plain => {}
    }
    Some(())
}

/// base.html: the site's header and main navigation.
fn page_top(o: &mut Vec<u8>, f: &Frame) -> Option<()> {
    let Frame {
        page_kind,
        kind,
        base_path,
        site_title,
        current_url,
        ..
    } = *f;
    lit(o, "\n</head>\n<body class=\"kind-");
    put(o, page_kind);
    lit(
        o,
        "\">\n<a class=\"skip-link\" href=\"#main\">跳到正文</a>\n<header class=\"site-header\">\n  <div class=\"wrap header-inner\">\n    <a class=\"site-title\" href=\"",
    );
    put(o, base_path);
    lit(o, "\">");
    put(o, site_title);
    lit(
        o,
        "</a>\n    <nav class=\"site-nav\" aria-label=\"主导航\">\n      <ul>\n        <li><a href=\"",
    );
    put(o, base_path);
    lit(o, "\">首页</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "campaigns/\"");
    match kind {
        "campaigns" => lit(o, " class=\"is-active\" aria-current=\"page\""),
        "campaign" => lit(o, " class=\"is-active\""),
        _ => {}
    }
    lit(o, ">活动</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "regions/\"");
    match kind {
        "regions" => lit(o, " class=\"is-active\" aria-current=\"page\""),
        "region" => lit(o, " class=\"is-active\""),
        _ => {}
    }
    lit(o, ">地区</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "archive/\"");
    if kind == "archive" {
        lit(o, " class=\"is-active\" aria-current=\"page\"");
    }
    lit(o, ">归档</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "pages/about/\"");
    let about = current_url.as_str()?.strip_prefix(base_path.as_str()?);
    if about == Some("pages/about/") {
        lit(o, " class=\"is-active\" aria-current=\"page\"");
    }
    lit(o, ">关于</a></li>\n        <li><a class=\"nav-search");
    if kind == "search" {
        lit(o, " is-active");
    }
    lit(o, "\" href=\"");
    put(o, base_path);
    lit(o, "search/\"");
    if kind == "search" {
        lit(o, " aria-current=\"page\"");
    }
    lit(
        o,
        "><svg class=\"nav-search-icon\" viewBox=\"0 0 16 16\" width=\"14\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"6.5\" cy=\"6.5\" r=\"4.75\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.75\"/><path d=\"M10 10l4.5 4.5\" stroke=\"currentColor\" stroke-width=\"1.75\" stroke-linecap=\"round\"/></svg>搜索</a></li>\n      </ul>\n    </nav>\n  </div>\n</header>",
    );
    Some(())
}

/// base.html: the breadcrumbs, up to the start of `<main>`.
fn breadcrumbs(o: &mut Vec<u8>, f: &Frame) -> Option<()> {
    let Frame {
        ctx,
        base_path,
        page_title,
        current_url,
        ..
    } = *f;
    lit(
        o,
        "\n<nav class=\"breadcrumbs\" aria-label=\"面包屑\">\n  <ol class=\"wrap\">\n    <li><a href=\"",
    );
    put(o, base_path);
    lit(o, "\">首页</a></li>");
    let crumbs = iter(ctx.get("breadcrumbs")?)?;
    if crumbs.is_empty() {
        lit(o, "\n    <li><span aria-current=\"page\">");
        put(o, page_title);
        lit(o, "</span></li>");
    }
    for (k, crumb) in crumbs.iter().enumerate() {
        let url = at(crumb, "url")?;
        if k == 0 && same(url, base_path) {
            continue;
        }
        lit(o, "\n    <li>");
        if k + 1 == crumbs.len() && same(url, current_url) {
            lit(o, "<span aria-current=\"page\">");
            put(o, at(crumb, "title")?);
            lit(o, "</span>");
        } else {
            lit(o, "<a href=\"");
            put(o, url);
            lit(o, "\">");
            put(o, at(crumb, "title")?);
            lit(o, "</a>");
        }
        lit(o, "</li>");
    }
    lit(
        o,
        "\n  </ol>\n</nav>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n",
    );
    Some(())
}

/// base.html: from the end of `<main>` to the end.
fn footer(o: &mut Vec<u8>, f: &Frame) -> Option<()> {
    let Frame {
        site,
        base_path,
        site_title,
        generator,
        ..
    } = *f;
    lit(
        o,
        "\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">",
    );
    let nav = at(site, "nav_campaigns")?;
    if nav.is_truthy() {
        let nav = iter(nav)?;
        lit(
            o,
            "\n    <nav class=\"footer-nav\" aria-label=\"活动\">\n      <h2 class=\"footer-heading\">活动</h2>\n      <ul>",
        );
        for c in nav {
            lit(o, "\n        <li><a href=\"");
            url_and_name(o, c)?;
            lit(o, "</a></li>");
        }
        let count = at(site, "campaign_count")?;
        if count.as_u64()? > nav.len() as u64 {
            lit(o, "\n        <li><a href=\"");
            put(o, base_path);
            lit(o, "campaigns/\">全部 ");
            put(o, count);
            lit(o, " 项活动</a></li>");
        }
        lit(o, "\n      </ul>\n    </nav>");
    }
    lit(
        o,
        "\n    <nav class=\"footer-nav\" aria-label=\"站点\">\n      <h2 class=\"footer-heading\">浏览</h2>\n      <ul>\n        <li><a href=\"",
    );
    put(o, base_path);
    lit(o, "archive/\">归档</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "regions/\">地区</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(o, "tags/\">标签</a></li>\n        <li><a href=\"");
    put(o, base_path);
    lit(
        o,
        "pages/about/\">关于</a></li>\n      </ul>\n    </nav>\n    <p class=\"footer-site\">",
    );
    put(o, site_title);
    let description = at(site, "description")?;
    if description.is_truthy() {
        lit(o, " · ");
        put(o, description);
    }
    lit(o, "</p>\n    <p class=\"footer-generator\">本站由 ");
    put(o, generator);
    lit(o, " 生成</p>\n  </div>\n</footer>\n</body>\n</html>\n");
    Some(())
}

/// Whether two values are equal as `==` in a template compares them.
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// partials/share_image.html for `share`.
fn share_image(o: &mut Vec<u8>, share: &Value) -> Option<()> {
    lit(o, "\n<meta property=\"og:image\" content=\"");
    put(o, at(share, "url")?);
    lit(o, "\">");
    if at(share, "width")?.is_truthy() {
        lit(o, "\n<meta property=\"og:image:width\" content=\"");
        put(o, at(share, "width")?);
        lit(o, "\">\n<meta property=\"og:image:height\" content=\"");
        put(o, at(share, "height")?);
        lit(o, "\">");
    }
    lit(
        o,
        "\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
    );
    Some(())
}

/// bulletin.html: block head.
fn bulletin_head(o: &mut Vec<u8>, site: &Value, b: &Value) -> Option<()> {
    lit(
        o,
        "\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"",
    );
    put(o, at(b, "title")?);
    lit(o, "\">\n<meta property=\"og:url\" content=\"");
    put(o, at(b, "permalink")?);
    lit(o, "\">\n<meta property=\"og:site_name\" content=\"");
    put(o, at(site, "title")?);
    lit(o, "\">");
    let share = at(b, "share_image")?;
    if share.is_truthy() {
        share_image(o, share)?;
    }
    lit(o, "\n<meta property=\"article:published_time\" content=\"");
    put(o, at(b, "date")?);
    lit(o, "\">");
    for t in iter(at(b, "tags")?)? {
        lit(o, "\n<meta property=\"article:tag\" content=\"");
        put(o, at(t, "name")?);
        lit(o, "\">");
    }
    let (prev, next) = (at(b, "prev")?, at(b, "next")?);
    if prev.is_truthy() {
        lit(o, "\n<link rel=\"prev\" href=\"");
        put(o, at(prev, "url")?);
        lit(o, "\">");
    }
    if next.is_truthy() {
        lit(o, "\n<link rel=\"next\" href=\"");
        put(o, at(next, "url")?);
        lit(o, "\">");
    }
    lit(o, "\n");
    Some(())
}

/// The list of a bulletin's campaigns as badges (in bulletin.html and
/// partials/bulletin_card.html, each line starting with `indent`).
fn badges(o: &mut Vec<u8>, campaigns: &Value, indent: &str) -> Option<()> {
    if !campaigns.is_truthy() {
        return Some(());
    }
    lit(o, indent);
    lit(o, "<ul class=\"badges\" aria-label=\"所属活动\">");
    for c in iter(campaigns)? {
        lit(o, indent);
        lit(o, "  <li><a class=\"badge nb\" href=\"");
        url_and_name(o, c)?;
        lit(o, "</a></li>");
    }
    lit(o, indent);
    lit(o, "</ul>");
    Some(())
}

/// `{{ x.url }}">{{ x.name }}`: the end of a link's start tag, and its text.
fn url_and_name(o: &mut Vec<u8>, x: &Value) -> Option<()> {
    put(o, at(x, "url")?);
    lit(o, "\">");
    put(o, at(x, "name")?);
    Some(())
}

/// The items of a list value; `None` when it is not a list.
fn iter(v: &Value) -> Option<&[Value]> {
    v.as_array()
}

/// bulletin.html: block content.
fn content(o: &mut Vec<u8>, b: &Value) -> Option<()> {
    let pr = at(b, "print")?;
    let print = pr.is_truthy();
    lit(o, "\n<article class=\"bulletin");
    if print {
        lit(o, " has-masthead");
    }
    lit(o, "\">");
    if print {
        masthead(o, pr)?;
    }
    bulletin_header(o, b, pr)?;
    bulletin_body(o, b)?;
    bulletin_footer(o, b, pr)?;
    post_nav(o, b)
}

/// bulletin.html: the masthead of a printed bulletin.
fn masthead(o: &mut Vec<u8>, pr: &Value) -> Option<()> {
    lit(
        o,
        "\n  <div class=\"masthead print-only\">\n    <p class=\"masthead-title\">",
    );
    put(o, at(pr, "series")?);
    lit(o, "</p>");
    let issue = at(pr, "issue")?;
    if issue.is_truthy() {
        lit(o, "\n    <p class=\"masthead-issue\">");
        put(o, issue);
        lit(o, "</p>");
    }
    lit(
        o,
        "\n    <p class=\"masthead-line\"><span class=\"masthead-issuer\">",
    );
    put_or_empty(o, at(pr, "issuer")?);
    lit(o, "</span><span class=\"masthead-date\">");
    put(o, at(pr, "printed_zh")?);
    lit(o, "</span></p>\n  </div>");
    Some(())
}

/// bulletin.html: the header, with the title and the facts.
fn bulletin_header(o: &mut Vec<u8>, b: &Value, pr: &Value) -> Option<()> {
    let print = pr.is_truthy();
    lit(o, "\n  <header class=\"bulletin-header\">");
    badges(o, at(b, "campaigns")?, "\n    ")?;
    let unpublished = at(b, "unpublished")?;
    if unpublished.is_truthy() {
        lit(o, "\n    <p class=\"status-badge\" role=\"note\"><strong>");
        put(o, unpublished);
        lit(o, "</strong> 这篇简讯还不会发布，只在预览里看得到</p>");
    }
    lit(o, "\n    <h1 class=\"bulletin-title\">");
    put(o, at(b, "title")?);
    lit(o, "</h1>\n    <dl class=\"bulletin-meta\">");
    if print {
        lit(
            o,
            "\n      <div>\n        <dt>简讯</dt>\n        <dd class=\"bulletin-series\"><a href=\"",
        );
        put(o, at(pr, "series_url")?);
        lit(o, "\">");
        put(o, at(pr, "series")?);
        lit(o, "</a>");
        let issue = at(pr, "issue")?;
        if issue.is_truthy() {
            lit(o, " · ");
            put(o, issue);
        }
        lit(o, "</dd>\n      </div>");
    }
    lit(
        o,
        "\n      <div>\n        <dt>日期</dt>\n        <dd><time datetime=\"",
    );
    put(o, at(b, "date")?);
    lit(o, "\">");
    put(o, at(b, "date_zh")?);
    lit(o, "</time></dd>\n      </div>");
    region_line(o, b)?;
    source(o, at(b, "source")?)?;
    lit(
        o,
        "\n    </dl>\n    <p class=\"bulletin-tools\"><button type=\"button\" class=\"print-button\" data-print hidden>打印</button></p>\n  </header>",
    );
    Some(())
}

/// bulletin.html: the metrics (partials/metrics.html) and the text.
fn bulletin_body(o: &mut Vec<u8>, b: &Value) -> Option<()> {
    // partials/metrics.html, with its title and id set by bulletin.html.
    lit(o, "\n  ");
    let metrics = at(b, "metrics")?;
    if metrics.is_truthy() {
        lit(
            o,
            "\n<section class=\"metrics\" aria-labelledby=\"bulletin-metrics-heading\">\n  <h2 id=\"bulletin-metrics-heading\" class=\"metrics-heading\">数据一览</h2>\n  <dl class=\"metric-grid\">",
        );
        for m in iter(metrics)? {
            lit(o, "\n    <div class=\"metric\">\n      <dt>");
            put(o, at(m, "label")?);
            lit(o, "</dt>\n      <dd><span class=\"metric-value\">");
            put(o, at(m, "display")?);
            lit(o, "</span></dd>\n    </div>");
        }
        lit(o, "\n  </dl>\n</section>");
    }
    lit(o, "\n\n  <div class=\"prose bulletin-content\">\n");
    put_raw(o, at(b, "content")?);
    lit(o, "\n  </div>");
    Some(())
}

/// bulletin.html: the distribution of a printed bulletin, the tags.
fn bulletin_footer(o: &mut Vec<u8>, b: &Value, pr: &Value) -> Option<()> {
    let print = pr.is_truthy();
    if print {
        lit(o, "\n  <div class=\"distribution print-only\">");
        for l in iter(at(pr, "distribution")?)? {
            lit(
                o,
                "\n    <p class=\"distribution-line\"><span class=\"distribution-label\">",
            );
            put(o, at(l, "label")?);
            lit(o, "：</span>");
            put(o, at(l, "names")?);
            lit(o, "</p>");
        }
        lit(o, "\n    <p class=\"printed-line\"><span>");
        put_or_empty(o, at(pr, "issuer")?);
        lit(o, "</span><span>");
        put(o, at(pr, "printed_zh")?);
        lit(o, "印发</span></p>\n  </div>");
    }
    let tags = at(b, "tags")?;
    if tags.is_truthy() {
        lit(
            o,
            "\n  <footer class=\"bulletin-footer\">\n    <h2 class=\"visually-hidden\">标签</h2>\n    <ul class=\"tag-list\">",
        );
        for t in iter(tags)? {
            lit(o, "\n      <li><a class=\"tag\" href=\"");
            url_and_name(o, t)?;
            lit(o, "</a></li>");
        }
        lit(o, "\n    </ul>\n  </footer>");
    }
    lit(o, "\n</article>");
    Some(())
}

/// bulletin.html: the links to the previous and next bulletins, the script.
fn post_nav(o: &mut Vec<u8>, b: &Value) -> Option<()> {
    let campaigns = at(b, "campaigns")?;
    let (prev, next) = (at(b, "prev")?, at(b, "next")?);
    if prev.is_truthy() || next.is_truthy() {
        lit(o, "\n<nav class=\"post-nav\" aria-label=\"");
        if campaigns.is_truthy() {
            put(o, at(iter(campaigns)?.first()?, "name")?);
            lit(o, "的");
        }
        lit(o, "上一篇与下一篇\">");
        for (n, class, rel, label) in [
            (prev, "prev", "prev", "← 上一篇"),
            (next, "next", "next", "下一篇 →"),
        ] {
            if !n.is_truthy() {
                continue;
            }
            lit(o, "\n  <a class=\"post-nav-link post-nav-");
            lit(o, class);
            lit(o, "\" href=\"");
            put(o, at(n, "url")?);
            lit(o, "\" rel=\"");
            lit(o, rel);
            lit(o, "\">\n    <span class=\"post-nav-label\">");
            lit(o, label);
            lit(o, "</span>\n    <span class=\"post-nav-title\">");
            put(o, at(n, "title")?);
            lit(o, "</span>\n    <time class=\"post-nav-date\" datetime=\"");
            put(o, at(n, "date")?);
            lit(o, "\">");
            put(o, at(n, "date_zh")?);
            lit(o, "</time>\n  </a>");
        }
        lit(o, "\n</nav>");
    }
    lit(
        o,
        "\n<script>\nfor (const b of document.querySelectorAll(\"[data-print]\")) {\n  b.hidden = false;\n  b.addEventListener(\"click\", () => window.print());\n}\n</script>\n",
    );
    Some(())
}

/// bulletin.html: the region, as its chain of regions when there is one.
fn region_line(o: &mut Vec<u8>, b: &Value) -> Option<()> {
    let region_crumbs = at(b, "region_crumbs")?;
    if region_crumbs.is_truthy() {
        lit(
            o,
            "\n      <div>\n        <dt>地区</dt>\n        <dd class=\"region-crumbs\">",
        );
        for (k, r) in iter(region_crumbs)?.iter().enumerate() {
            if k > 0 {
                lit(o, "<span class=\"sep\" aria-hidden=\"true\"> › </span>");
            }
            lit(o, "<a class=\"nb\" href=\"");
            url_and_name(o, r)?;
            lit(o, "</a>");
        }
        lit(o, "</dd>\n      </div>");
    } else {
        let region = at(b, "region")?;
        if region.is_truthy() {
            lit(
                o,
                "\n      <div>\n        <dt>地区</dt>\n        <dd><a class=\"nb\" href=\"",
            );
            url_and_name(o, region)?;
            lit(o, "</a></dd>\n      </div>");
        }
    }
    Some(())
}

/// bulletin.html: the source, publisher and author lines of the header.
fn source(o: &mut Vec<u8>, src: &Value) -> Option<()> {
    if !src.is_truthy() {
        return Some(());
    }
    let (publisher, issue, url) = (at(src, "publisher")?, at(src, "issue")?, at(src, "url")?);
    if publisher.is_truthy() || issue.is_truthy() {
        lit(o, "\n      <div>\n        <dt>来源</dt>\n        <dd>");
        if url.is_truthy() {
            lit(o, "<a href=\"");
            put(o, url);
            lit(o, "\" rel=\"external noopener\">");
        }
        put_or_empty(o, publisher);
        if publisher.is_truthy() && issue.is_truthy() {
            lit(o, " ");
        }
        put_or_empty(o, issue);
        if url.is_truthy() {
            lit(o, "</a>");
        }
        lit(o, "</dd>\n      </div>");
    } else if url.is_truthy() {
        lit(
            o,
            "\n      <div>\n        <dt>来源</dt>\n        <dd><a href=\"",
        );
        put(o, url);
        lit(
            o,
            "\" rel=\"external noopener\">查看原文</a></dd>\n      </div>",
        );
    }
    let author = at(src, "author")?;
    if author.is_truthy() {
        lit(o, "\n      <div>\n        <dt>作者</dt>\n        <dd>");
        put(o, author);
        lit(o, "</dd>\n      </div>");
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A context without a field the template reads, or a template that
    /// is not compiled, is left to Tera: nothing is written.
    #[test]
    fn what_it_cannot_render_it_leaves_untouched() {
        let mut ctx = Context::new();
        ctx.insert("page_kind", "bulletin");
        ctx.insert("page_title", "标题");
        ctx.insert("permalink", "https://example.org/b/");
        ctx.insert("current_url", "/b/");
        ctx.insert(
            "bulletin",
            &[("summary_text", "摘要")]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        );
        // No `language`: the page's first line is written before it is missed.
        let site: std::collections::BTreeMap<_, _> = [
            ("base_path", "/"),
            ("title", "站点"),
            ("generator", "jianxun"),
        ]
        .into_iter()
        .collect();
        ctx.insert("site", &site);
        let mut out = b"before".to_vec();
        assert_eq!(page("bulletin.html", &ctx, &mut out, None), None);
        assert_eq!(page("tag.html", &ctx, &mut out, None), None);
        assert_eq!(page("index.html", &ctx, &mut out, None), None);
        assert_eq!(out, b"before");
    }

    /// A card written once is copied for the same brief at the same
    /// heading level only; a card that cannot be written is not kept.
    #[test]
    fn a_card_is_copied_only_for_the_same_brief_and_level() {
        let brief = |title: &str| {
            Value::from_serializable(&serde_json::json!({
                "url": "/b/", "title": title, "date": "2024-01-02",
                "date_zh": "2024年1月2日", "region": null, "campaigns": [],
                "summary": "", "metrics": [],
            }))
        };
        let cards = Cards::default();
        let write = |v: &Value, hl| {
            let mut o = Vec::new();
            cards
                .card(&mut o, v, hl)
                .map(|()| String::from_utf8(o).unwrap())
        };
        let (a, b) = (brief("甲"), brief("乙"));
        let first = write(&a, 2).unwrap();
        let mut plain = Vec::new();
        card(&mut plain, &a, 2).unwrap();
        assert_eq!(first, String::from_utf8(plain).unwrap());
        assert!(first.contains("甲</a></h2>"));
        assert_eq!(write(&a.clone(), 2).unwrap(), first);
        assert!(write(&b, 2).unwrap().contains("乙</a></h2>"));
        assert!(write(&a, 3).unwrap().contains("甲</a></h3>"));
        let bad = Value::from_serializable(&serde_json::json!({ "url": "/c/" }));
        assert_eq!(write(&bad, 2), None);
        assert_eq!(cards.lock().len(), 3);
    }
}
