//! Render stage: inline SVG charts and their data tables, built at build time
//! so the statistics read without JavaScript.
//!
//! Takes display strings already formatted the way the bulletins write them
//! (`1.2万家`) with the exact [`Decimal`] behind each; gives markup as a
//! `String` (empty when there is nothing to draw). Pure and deterministic:
//! every length is computed in decimals and printed with at most one decimal.
//!
//! Charts are drawn in a 320-unit-wide `viewBox` with `width="100%"` and a
//! `max-width` of 320 px: one unit is at most one CSS pixel, so labels of
//! 13 units stay at least 12 px wherever the chart gets 296 px or more
//! (a 360 px phone leaves it about 300), and never grow on a desktop. Labels use `currentColor` so dark mode works; bars
//! carry the class `chart-bar` (theme CSS) with a red fill as fallback.

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// One bar or column: a label, the exact value it is scaled by, the value as
/// shown, and an optional link (the region's or campaign's page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// What the bar is: `宜宾`, `安康杯竞赛`, `2024年3月`.
    pub label: String,
    /// The exact amount; the bar's length is proportional to it. Negative
    /// amounts draw as empty bars.
    pub value: Decimal,
    /// The amount as shown: `1.2万家`.
    pub display: String,
    /// A page the bar links to.
    pub href: Option<String>,
}

/// How a value is drawn. Sums are bars (their lengths add up); a mean or a
/// rate does not add up, so it is a point on a scale (and, over time, a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A bar or column from zero.
    Bar,
    /// A point at the value.
    Point,
}

/// Radius of a point in a bar chart and in a timeline.
const DOT: i64 = 5;
const DOT_T: i64 = 4;

/// Width of the `viewBox` in user units.
const WIDTH: i64 = 320;
/// Font size of every label and value: 13 units, at least 12 px on a phone.
const FONT: i64 = 13;
/// The most a bar chart's labels and values may take, in ems.
const LABEL_EMS: i64 = 6;
const VALUE_EMS: i64 = 7;
/// Height of one bar chart row and of its bar.
const ROW: i64 = 26;
const BAR: i64 = 16;
/// Outer padding and the gap between a label, its bar and its value.
const PAD: i64 = 4;
const GAP: i64 = 6;
/// Fallback fill when the theme does not style `.chart-bar`.
const FILL: &str = "#b3261e";
/// Timeline geometry: top of the plot area, baseline, total height.
const PLOT_TOP: i64 = 20;
const BASE: i64 = 128;
const T_HEIGHT: i64 = 150;
/// The class of a month's label on a timeline.
const MONTH: &str = "class=\"chart-month\"";
/// Label steps that keep months in step with the calendar.
const STEPS: [usize; 6] = [1, 2, 3, 4, 6, 12];

/// A horizontal bar chart: one row per bar in the order given, the label on
/// the left (truncated with `…` beyond six characters, the full label kept
/// in the tooltip), the bar, and the displayed value at its end. `id` makes
/// the `<title>` and `<desc>` ids unique on the page.
pub fn bar_chart(title: &str, bars: &[Bar], id: &str, mark: Mark) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let font = d(FONT);
    let label_w = widest(bars.iter().map(|b| b.label.as_str()), font).min(font * d(LABEL_EMS));
    let value_w = widest(bars.iter().map(|b| b.display.as_str()), font).min(font * d(VALUE_EMS));
    let bar_x = d(PAD) + label_w + d(GAP);
    let span = d(WIDTH - PAD - GAP - PAD) - bar_x - value_w;
    let max = bars.iter().map(|b| b.value).max().unwrap_or_default();
    let height = d(ROW) * d(bars.len() as i64) + d(2 * PAD);
    let mut out = open("chart-bars", title, bars, id, height);
    for (i, b) in bars.iter().enumerate() {
        let top = d(PAD) + d(ROW) * d(i as i64);
        let mid = top + d(ROW) / d(2);
        let w = scale(b.value, max, span);
        let tip = tooltip(b);
        item_open(&mut out, b, &tip);
        rect(&mut out, [Decimal::ZERO, top, d(WIDTH), d(ROW)], None);
        let (label, cut) = fit(&b.label, label_w, font);
        let full = cut.then_some(b.label.as_str());
        let end = "dy=\"0.35em\" text-anchor=\"end\"";
        text(&mut out, [d(PAD) + label_w, mid], end, &label, full);
        let after = match mark {
            Mark::Bar => {
                rect(
                    &mut out,
                    [bar_x, mid - d(BAR) / d(2), w, d(BAR)],
                    Some(&tip),
                );
                bar_x + w + d(GAP)
            }
            Mark::Point => {
                track(&mut out, [bar_x, mid, bar_x + span, mid]);
                dot(&mut out, [bar_x + w, mid], d(DOT), &tip);
                bar_x + w + d(DOT) + d(GAP)
            }
        };
        text(&mut out, [after, mid], "dy=\"0.35em\"", &b.display, None);
        item_close(&mut out, b);
    }
    out.push_str("</svg>");
    out
}

/// One month of a timeline: its label (`2024年3月`), whether a year
/// starts there, and its column — none for a month without a value, which
/// stays an empty slot so the axis keeps time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// `2024年3月`.
    pub label: String,
    /// Whether this is the first month of a year (a line marks it).
    pub year_start: bool,
    /// The column, if the month has a value.
    pub bar: Option<Bar>,
}

/// A timeline of vertical columns, one slot per month in the order given:
/// a month without a value is an empty slot, so the axis is proportional
/// to time, and a dashed line marks where each year starts. When labels
/// would collide only every Nth is shown (N from 1, 2, 3, 4, 6, 12, then
/// multiples of 12), and a last label that would have to move in from the
/// right edge over its neighbour is dropped. Values show above the columns
/// when they fit, else above the highest only; every column's tooltip
/// gives its label and value.
pub fn timeline(title: &str, slots: &[Slot], id: &str, mark: Mark) -> String {
    let points: Vec<&Bar> = slots.iter().filter_map(|s| s.bar.as_ref()).collect();
    if points.is_empty() {
        return String::new();
    }
    let font = d(FONT);
    let slot = d(WIDTH - 2 * PAD) / d(slots.len() as i64);
    let col_w = (slot * Decimal::new(7, 1)).min(d(48)).max(Decimal::ONE);
    let max = points.iter().map(|p| p.value).max().unwrap_or_default();
    let highest = slots
        .iter()
        .position(|s| s.bar.as_ref().is_some_and(|p| p.value == max) && max > Decimal::ZERO);
    let label_w = widest(slots.iter().map(|p| p.label.as_str()), font);
    let step = label_step(((label_w + d(GAP)) / slot).ceil());
    let all_values = widest(points.iter().map(|p| p.display.as_str()), font) + d(2) <= slot;
    // Where the last label shown ends, so one pushed in from the right edge
    // never overlaps it.
    let mut label_end: Option<Decimal> = None;
    let owned: Vec<Bar> = points.iter().map(|b| (*b).clone()).collect();
    let mut out = open("chart-timeline", title, &owned, id, d(T_HEIGHT));
    let _ = write!(
        out,
        "<line x1=\"{PAD}\" y1=\"{BASE}\" x2=\"{}\" y2=\"{BASE}\" stroke=\"currentColor\" stroke-opacity=\"0.3\"/>",
        WIDTH - PAD
    );
    if mark == Mark::Point {
        connect(&mut out, slots, slot, max);
    }
    for (i, s) in slots.iter().enumerate() {
        let left = d(PAD) + slot * d(i as i64);
        let center = left + slot / d(2);
        if s.year_start && i > 0 {
            year_line(&mut out, left);
        }
        if let Some(p) = &s.bar {
            let h = scale(p.value, max, d(BASE - PLOT_TOP));
            let tip = tooltip(p);
            item_open(&mut out, p, &tip);
            rect(&mut out, [left, Decimal::ZERO, slot, d(T_HEIGHT)], None);
            let top = d(BASE) - h;
            let top = match mark {
                Mark::Bar => {
                    rect(&mut out, [center - col_w / d(2), top, col_w, h], Some(&tip));
                    top
                }
                Mark::Point => {
                    dot(&mut out, [center, top], d(DOT_T), &tip);
                    top - d(DOT_T)
                }
            };
            if all_values || highest == Some(i) {
                let half = text_width(&p.display, font) / d(2);
                let x = center.max(d(PAD) + half).min(d(WIDTH - PAD) - half);
                let attrs = "text-anchor=\"middle\"";
                text(&mut out, [x, top - d(4)], attrs, &p.display, None);
            }
            item_close(&mut out, p);
        }
        // Centred under its slot when it fits there, else starting at it.
        let lw = text_width(&s.label, font);
        let start = if lw <= slot {
            center - lw / d(2)
        } else {
            center - col_w / d(2)
        };
        let start = start.min(d(WIDTH - PAD) - lw).max(d(PAD));
        if i % step == 0 && label_end.is_none_or(|end| start >= end + d(GAP)) {
            label_end = Some(start + lw);
            text(&mut out, [start, d(BASE + 16)], MONTH, &s.label, None);
        }
    }
    out.push_str("</svg>");
    out
}

/// An accessible HTML table: a caption, column headers with
/// `scope="col"`, the first cell of each row as a `scope="row"` header;
/// cells that start with a digit or `约` get `class="num"` for right
/// alignment. All text is escaped; no rows gives an empty string.
pub fn table(caption: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("<table class=\"chart-table\">");
    if !caption.is_empty() {
        let _ = write!(out, "<caption>{}</caption>", esc(caption));
    }
    if !headers.is_empty() {
        out.push_str("<thead><tr>");
        for h in headers {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (j, cell) in row.iter().enumerate() {
            let numeric = cell.starts_with(|c: char| c.is_ascii_digit() || c == '约');
            let _ = match (j, numeric) {
                (0, _) => write!(out, "<th scope=\"row\">{}</th>", esc(cell)),
                (_, true) => write!(out, "<td class=\"num\">{}</td>", esc(cell)),
                (_, false) => write!(out, "<td>{}</td>", esc(cell)),
            };
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

pub use crate::width::char_cells;

/// The `<svg>` start tag with its accessible name and description.
fn open(class: &str, title: &str, bars: &[Bar], id: &str, height: Decimal) -> String {
    let desc: Vec<String> = bars.iter().map(tooltip).collect();
    let id = esc(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {WIDTH} {}\" \
         width=\"100%\" style=\"max-width:{WIDTH}px\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-size=\"{FONT}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        num(height),
        esc(title),
        esc(&desc.join("；"))
    )
}

/// Opens a bar's group (a link when it has one) with the group's tooltip.
fn item_open(out: &mut String, bar: &Bar, tip: &str) {
    match &bar.href {
        Some(href) => {
            let _ = write!(out, "<a href=\"{}\">", esc(href));
        }
        None => out.push_str("<g>"),
    }
    let _ = write!(out, "<title>{}</title>", esc(tip));
}

fn item_close(out: &mut String, bar: &Bar) {
    out.push_str(if bar.href.is_some() { "</a>" } else { "</g>" });
}

/// `宜宾：411家`
fn tooltip(bar: &Bar) -> String {
    format!("{}：{}", bar.label, bar.display)
}

/// The length of `value` on a scale where `max` fills `span`; at least 1 for
/// any positive value so it stays visible, 0 for zero or negative.
fn scale(value: Decimal, max: Decimal, span: Decimal) -> Decimal {
    if value <= Decimal::ZERO || max <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let len = value.checked_div(max).and_then(|r| r.checked_mul(span));
    round1(len.unwrap_or(span).min(span)).max(Decimal::ONE)
}

/// Estimated width of `text` at `font`: CJK and general punctuation (`“”…`,
/// full width in CJK fonts) take 1 em, other characters 0.6 em.
fn text_width(text: &str, font: Decimal) -> Decimal {
    text.chars().map(|c| em(c) * font).sum()
}

fn em(c: char) -> Decimal {
    match (char_cells(c), c) {
        (0, _) => Decimal::ZERO,
        (2, _) | (_, '\u{2010}'..='\u{206F}') => Decimal::ONE,
        _ => Decimal::new(6, 1),
    }
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>, font: Decimal) -> Decimal {
    texts.map(|t| text_width(t, font)).max().unwrap_or_default()
}

/// `text` cut to fit `max` with a trailing `…`, and whether it was cut.
fn fit(text: &str, max: Decimal, font: Decimal) -> (String, bool) {
    if text_width(text, font) <= max {
        return (text.to_string(), false);
    }
    let mut room = max - font; // the ellipsis takes 1 em
    let mut out = String::new();
    for c in text.chars() {
        room -= em(c) * font;
        if room < Decimal::ZERO {
            break;
        }
        out.push(c);
    }
    out.push('…');
    (out, true)
}

/// A bar with its tooltip, or without one a transparent area that makes
/// the whole row or column a hover and tap target.
/// A line through the points of consecutive months of a timeline; a
/// month without a value breaks it.
fn connect(out: &mut String, slots: &[Slot], slot: Decimal, max: Decimal) {
    let x = |k: usize| d(PAD) + slot * d(k as i64) + slot / d(2);
    let y = |v: Decimal| d(BASE) - scale(v, max, d(BASE - PLOT_TOP));
    for (i, pair) in slots.windows(2).enumerate() {
        if let (Some(a), Some(b)) = (&pair[0].bar, &pair[1].bar) {
            track(out, [x(i), y(a.value), x(i + 1), y(b.value)]);
        }
    }
}

/// The dashed line at `x` where a year starts on a timeline.
fn year_line(out: &mut String, x: Decimal) {
    let _ = write!(
        out,
        "<line class=\"chart-year\" x1=\"{x}\" y1=\"{PLOT_TOP}\" x2=\"{x}\" y2=\"{BASE}\" \
         stroke=\"currentColor\" stroke-opacity=\"0.35\" stroke-dasharray=\"2 3\"/>",
        x = num(x)
    );
}

/// A point at `[x, y]` with its tooltip.
fn dot(out: &mut String, [x, y]: [Decimal; 2], r: Decimal, tip: &str) {
    let _ = write!(
        out,
        "<circle class=\"chart-point\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{FILL}\"><title>{}</title></circle>",
        num(x),
        num(y),
        num(r),
        esc(tip)
    );
}

/// A faint line: a point's scale, or the line between two points.
fn track(out: &mut String, [x1, y1, x2, y2]: [Decimal; 4]) {
    let _ = write!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"currentColor\" stroke-opacity=\"0.3\"/>",
        num(x1),
        num(y1),
        num(x2),
        num(y2)
    );
}

fn rect(out: &mut String, [x, y, w, h]: [Decimal; 4], tip: Option<&str>) {
    let (x, y, w, h) = (num(x), num(y), num(w), num(h));
    let _ = match tip {
        Some(t) => write!(
            out,
            "<rect class=\"chart-bar\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{FILL}\"><title>{}</title></rect>",
            esc(t)
        ),
        None => write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"transparent\"/>"
        ),
    };
}

/// Text in the page's colour; `full` is the uncut text for a tooltip.
fn text(out: &mut String, [x, y]: [Decimal; 2], attrs: &str, body: &str, full: Option<&str>) {
    let tip = full.map_or_else(String::new, |f| format!("<title>{}</title>", esc(f)));
    let (x, y, body) = (num(x), num(y), esc(body));
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{y}\" {attrs} fill=\"currentColor\">{body}{tip}</text>"
    );
}

/// The smallest calendar-friendly label step at least `need`.
fn label_step(need: Decimal) -> usize {
    let need = need.to_usize().unwrap_or(1).max(1);
    STEPS
        .into_iter()
        .find(|&s| s >= need)
        .unwrap_or(need.div_ceil(12) * 12)
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn round1(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// A length with at most one decimal and no trailing zero: `12`, `12.5`.
fn num(v: Decimal) -> String {
    let v = round1(v).normalize();
    if v.is_zero() {
        "0".to_string()
    } else {
        v.to_string()
    }
}

/// Escapes text for XML and HTML alike; drops control characters that XML
/// forbids.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64, display: &str) -> Bar {
        let href = None;
        Bar {
            label: label.into(),
            value: d(value),
            display: display.into(),
            href,
        }
    }

    /// Tags balance and every `&` starts one of the entities `esc` writes.
    fn well_formed(xml: &str) -> bool {
        let mut stack = Vec::new();
        let mut rest = xml;
        while let Some(i) = rest.find(['<', '&']) {
            let after = &rest[i..];
            if let Some(entity) = after.strip_prefix('&') {
                let known = ["amp;", "lt;", "gt;", "quot;", "#39;"];
                if !known.iter().any(|e| entity.starts_with(e)) {
                    return false;
                }
                rest = entity;
                continue;
            }
            let Some(j) = after.find('>') else {
                return false;
            };
            let tag = &after[1..j];
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap_or("");
            if tag.starts_with('/') {
                if stack.pop() != Some(name) {
                    return false;
                }
            } else if !tag.ends_with('/') {
                stack.push(name);
            }
            rest = &after[j + 1..];
        }
        stack.is_empty()
    }

    /// Every value of the attribute `name`.
    fn attrs<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let key = format!(" {name}=\"");
        svg.split(key.as_str())
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect()
    }

    fn lengths_are_tidy(svg: &str) -> bool {
        ["x", "y", "width", "height", "x1", "x2", "y1", "y2"]
            .iter()
            .flat_map(|a| attrs(svg, a))
            .filter(|v| *v != "100%")
            .all(|v| {
                let (int, frac) = v.split_once('.').unwrap_or((v, ""));
                !int.is_empty()
                    && int.chars().all(|c| c.is_ascii_digit())
                    && frac.len() <= 1
                    && frac.chars().all(|c| c.is_ascii_digit() && c != '0')
            })
    }

    #[test]
    fn empty_input_draws_nothing() {
        assert_eq!(bar_chart("t", &[], "x", Mark::Bar), "");
        assert_eq!(timeline("t", &[], "x", Mark::Bar), "");
        assert_eq!(table("t", &["a"], &[]), "");
    }

    #[test]
    fn bar_chart_is_accessible_valid_svg() {
        let bars = [bar("宜宾", 411, "411家"), bar("厦门", 1292, "1,292家")];
        let svg = bar_chart("参与企业（家）", &bars, "ankang-firms", Mark::Bar);
        assert!(well_formed(&svg), "{svg}");
        assert!(lengths_are_tidy(&svg), "{svg}");
        for part in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"",
            "viewBox=\"0 0 320 60\"",
            "width=\"100%\"",
            "role=\"img\"",
            "aria-labelledby=\"ankang-firms-title ankang-firms-desc\"",
            "<title id=\"ankang-firms-title\">参与企业（家）</title>",
            "<desc id=\"ankang-firms-desc\">宜宾：411家；厦门：1,292家</desc>",
            "fill=\"currentColor\">宜宾</text>",
            "class=\"chart-bar\"",
            "<title>厦门：1,292家</title></rect>",
        ] {
            assert!(svg.contains(part), "missing {part} in {svg}");
        }
        assert_eq!(svg.matches("class=\"chart-bar\"").count(), 2);
        assert_eq!(
            bar_chart("参与企业（家）", &bars, "ankang-firms", Mark::Bar),
            svg
        );
    }

    #[test]
    fn bar_lengths() {
        // (values, expected widths of the bars)
        let table: [(&[i64], &[&str]); 5] = [
            (&[411, 1292], &["69.3", "218"]),
            (&[5], &["218"]),
            (&[0, 0], &["0", "0"]),
            (&[7, 7, 0], &["218", "218", "0"]),
            (&[1, 10_000_000], &["1", "218"]),
        ];
        for (values, widths) in table {
            let bars: Vec<Bar> = values.iter().map(|&v| bar("宜宾", v, "1,292家")).collect();
            let svg = bar_chart("t", &bars, "c", Mark::Bar);
            assert!(lengths_are_tidy(&svg), "{svg}");
            let got: Vec<&str> = attrs(&svg, "width")
                .into_iter()
                .skip(2)
                .step_by(2)
                .collect();
            assert_eq!(got, widths, "{values:?}");
        }
    }

    #[test]
    fn long_labels_are_cut_and_kept_in_the_tooltip() {
        let long = "全国“安康杯”竞赛四川省宜宾市分赛区";
        let svg = bar_chart("t", &[bar(long, 1, "1家")], "c", Mark::Bar);
        assert!(well_formed(&svg));
        assert!(
            svg.contains("…<title>全国“安康杯”竞赛四川省宜宾市分赛区</title></text>"),
            "{svg}"
        );
        assert!(svg.contains("<title>全国“安康杯”竞赛四川省宜宾市分赛区：1家</title></rect>"));
    }

    #[test]
    fn text_and_links_are_escaped() {
        let mut b = bar("A&B <i>\"x\"\u{1}", 3, "3'");
        b.href = Some("/regions/a?b=1&c=2".into());
        let svg = bar_chart("<t>", &[b], "c", Mark::Bar);
        assert!(well_formed(&svg), "{svg}");
        assert!(svg.contains("<a href=\"/regions/a?b=1&amp;c=2\"><title>A&amp;B"));
        assert!(svg.contains("&lt;t&gt;") && svg.contains("3&#39;") && !svg.contains('\u{1}'));
    }

    #[test]
    fn forty_bars() {
        let bars: Vec<Bar> = (0..40)
            .map(|i| bar(&format!("地区{i}"), i, &format!("{i}家")))
            .collect();
        let svg = bar_chart("t", &bars, "c", Mark::Bar);
        assert!(well_formed(&svg) && lengths_are_tidy(&svg));
        assert!(svg.contains("viewBox=\"0 0 320 1048\""));
        assert_eq!(svg.matches("<rect class=\"chart-bar\"").count(), 40);
    }

    #[test]
    fn timeline_labels_thin_out_when_crowded() {
        // (months, labels shown)
        for (n, shown) in [(1, 1), (4, 4), (12, 3), (24, 2), (40, 3)] {
            let points: Vec<Slot> = (0..n)
                .map(|i| {
                    let label = format!("{}年{}月", 2022 + i / 12, i % 12 + 1);
                    Slot {
                        bar: Some(bar(&label, i * 3, "9家")),
                        year_start: i % 12 == 0,
                        label,
                    }
                })
                .collect();
            let svg = timeline("按月", &points, "m", Mark::Bar);
            assert!(well_formed(&svg) && lengths_are_tidy(&svg), "{svg}");
            assert!(svg.contains("<desc id=\"m-desc\">2022年1月：9家"));
            assert_eq!(
                svg.matches("class=\"chart-month\"").count(),
                shown,
                "{n} months"
            );
            assert_eq!(svg.matches("<rect class=\"chart-bar\"").count(), n as usize);
        }
    }

    #[test]
    fn months_without_values_are_gaps_and_years_are_marked() {
        // 2022年11月 and 2023年2月 with three empty months between them.
        let months = [
            (2022, 11, Some(5)),
            (2022, 12, None),
            (2023, 1, None),
            (2023, 2, Some(7)),
        ];
        let slots: Vec<Slot> = (months.iter())
            .map(|&(y, m, v)| {
                let label = format!("{y}年{m}月");
                Slot {
                    bar: v.map(|v| bar(&label, v, &format!("{v}家"))),
                    year_start: m == 1,
                    label,
                }
            })
            .collect();
        let svg = timeline("按月", &slots, "g", Mark::Bar);
        assert!(well_formed(&svg) && lengths_are_tidy(&svg), "{svg}");
        // Two columns in four slots: the second sits three slots right of the first.
        assert_eq!(svg.matches("<rect class=\"chart-bar\"").count(), 2);
        let xs: Vec<Decimal> = (svg.split("<rect class=\"chart-bar\" x=\"").skip(1))
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(xs[1] - xs[0], d(3 * 78));
        // One dashed line where 2023 starts; the description lists only months with values.
        assert_eq!(svg.matches("class=\"chart-year\"").count(), 1);
        assert!(svg.contains("<desc id=\"g-desc\">2022年11月：5家；2023年2月：7家</desc>"));
    }

    #[test]
    fn means_are_points_not_bars() {
        let bars = [bar("宜宾", 80, "80%"), bar("泸州", 60, "60%")];
        let svg = bar_chart("采纳率", &bars, "p", Mark::Point);
        assert!(well_formed(&svg) && lengths_are_tidy(&svg), "{svg}");
        assert_eq!(svg.matches("<rect class=\"chart-bar\"").count(), 0);
        assert_eq!(svg.matches("<circle class=\"chart-point\"").count(), 2);
        let slots: Vec<Slot> = [(1, Some(50)), (2, None), (3, Some(70)), (4, Some(65))]
            .iter()
            .map(|&(m, v)| {
                let label = format!("2024年{m}月");
                Slot {
                    bar: v.map(|v| bar(&label, v, &format!("{v}%"))),
                    year_start: m == 1,
                    label,
                }
            })
            .collect();
        let svg = timeline("采纳率", &slots, "q", Mark::Point);
        assert!(well_formed(&svg) && lengths_are_tidy(&svg), "{svg}");
        assert_eq!(svg.matches("<rect class=\"chart-bar\"").count(), 0);
        assert_eq!(svg.matches("<circle class=\"chart-point\"").count(), 3);
        // One segment joins March and April; the gap in February breaks the line.
        let segments = svg.matches("stroke-opacity=\"0.3\"/>").count() - 1;
        assert_eq!(segments, 1, "{svg}");
    }

    #[test]
    fn label_steps() {
        for (need, step) in [(0, 1), (1, 1), (5, 6), (7, 12), (13, 24), (25, 36)] {
            assert_eq!(label_step(d(need)), step, "{need}");
        }
    }

    #[test]
    fn data_table() {
        let rows = vec![
            vec!["宜宾".to_string(), "411家".to_string(), "约55%".to_string()],
            vec!["A<B".to_string(), "—".to_string(), String::new()],
        ];
        let html = table("参与企业", &["地区", "企业", "采纳率"], &rows);
        assert!(well_formed(&html), "{html}");
        for part in [
            "<caption>参与企业</caption>",
            "<th scope=\"col\">地区</th>",
            "<th scope=\"row\">宜宾</th><td class=\"num\">411家</td><td class=\"num\">约55%</td>",
            "<th scope=\"row\">A&lt;B</th><td>—</td><td></td>",
        ] {
            assert!(html.contains(part), "missing {part} in {html}");
        }
    }

    #[test]
    fn cells() {
        for (c, n) in [
            ('a', 1),
            ('1', 1),
            ('宜', 2),
            ('，', 2),
            ('１', 2),
            ('\u{301}', 0),
            ('“', 1),
        ] {
            assert_eq!(char_cells(c), n, "{c:?}");
        }
    }
}
