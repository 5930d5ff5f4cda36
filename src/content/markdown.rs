//! Parse stage: Markdown bodies, read the way Chinese editors write them.
//!
//! Takes a body as written; gives a [`Doc`] (the text, and every link and
//! image destination in it, for the resolve stage) and its plain texts
//! (for search and automatic summaries). [`Doc::with_events`] gives the
//! events every later stage sees: beyond CommonMark, emphasis next to
//! Chinese punctuation works (`**注意：**正文`), a line break between two
//! Chinese characters adds no space, headings get ids that keep Chinese
//! text, and unsafe link schemes are dropped. Quotes and dashes stay as
//! typed. The render stage turns the events into HTML
//! (`render::markdown`) with the links the resolve stage found.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Marks where emphasis delimiters were nudged; removed from the output.
const NUDGE: char = '\u{E000}';
const MORE: &str = "<!-- more -->";

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Wide (East Asian) characters: ideographs, kana, hangul and full-width punctuation.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0xFE30..=0xFE4F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_cjk_punct(c)
        || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Inserts [`NUDGE`] beside `*` runs that CommonMark's flanking rules would
/// leave literal only because of adjacent Chinese punctuation, so
/// `**注意：**正文` and `正文**“六个一”**活动` become emphasis. Code is left alone.
fn nudge_emphasis(md: &str) -> Option<String> {
    if memchr::memchr(b'*', md.as_bytes()).is_none() || !md.chars().any(is_cjk_punct) {
        return None;
    }
    let code: Vec<std::ops::Range<usize>> = if may_hold_code(md) {
        code_ranges(md)
    } else {
        Vec::new()
    };
    // Code blocks: the Start event's range covers the whole block.
    let in_code = |i: usize| code.iter().any(|r| r.contains(&i));
    nudge_outside(md, in_code)
}

/// Whether `md` could hold code or raw HTML at all: a backtick, a tilde
/// fence, a `<`, or a line indented by a tab or four spaces. When it
/// cannot, finding the code needs no parse.
fn may_hold_code(md: &str) -> bool {
    // By bytes: the marks are ASCII, which no other character's UTF-8
    // contains, and a search for several characters decodes every one.
    let bytes = md.as_bytes();
    memchr::memchr3(b'`', b'~', b'<', bytes).is_some()
        || memchr::memchr(b'\t', bytes).is_some()
        || md.contains("\n    ")
        || md.starts_with("    ")
}

/// The byte ranges of code spans, code blocks and raw HTML in `md`.
fn code_ranges(md: &str) -> Vec<std::ops::Range<usize>> {
    Parser::new_ext(md, options())
        .into_offset_iter()
        .filter(|(e, _)| {
            matches!(
                e,
                Event::Code(_)
                    | Event::Start(Tag::CodeBlock(_))
                    | Event::Html(_)
                    | Event::InlineHtml(_)
            )
        })
        .map(|(_, r)| r)
        .collect()
}

/// [`nudge_emphasis`] with the code already found. Copies `md` only once
/// a run of `*` needs a nudge.
fn nudge_outside(md: &str, in_code: impl Fn(usize) -> bool) -> Option<String> {
    let bytes = md.as_bytes();
    let cjk = |p: char, o: char| is_cjk_punct(p) || is_wide(o);
    let (mut out, mut copied, mut i) = (None::<String>, 0, 0);
    while let Some(off) = memchr::memchr(b'*', &bytes[i..]) {
        let start = i + off;
        let mut end = start;
        while end < bytes.len() && bytes[end] == b'*' {
            end += 1;
        }
        i = end;
        if in_code(start) {
            continue;
        }
        let prev = md[..start].chars().next_back();
        let next = md[end..].chars().next();
        let at = match (prev, next) {
            // Closing after punctuation, before a letter: `：**正`.
            (Some(p), Some(n))
                if is_punct(p) && !n.is_whitespace() && !is_punct(n) && cjk(p, n) =>
            {
                start
            }
            // Opening after a letter, before punctuation: `文**“`.
            (Some(p), Some(n))
                if is_punct(n) && !p.is_whitespace() && !is_punct(p) && cjk(n, p) =>
            {
                end
            }
            _ => continue,
        };
        let o = out.get_or_insert_with(|| String::with_capacity(md.len() + 16));
        o.push_str(&md[copied..at]);
        o.push(NUDGE);
        copied = at;
    }
    out.map(|mut o| {
        o.push_str(&md[copied..]);
        o
    })
}

/// Makes a heading id that keeps Chinese text: `一、压实责任` → `一压实责任`.
fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            matches!(&lower[..i], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// A Markdown document as written. It is parsed again into [`Events`]
/// whenever a later stage needs them: the text is smaller to keep than its
/// events, and parsing is cheap.
///
/// A large site keeps its bulletins' texts compressed (LZ4, see
/// [`Doc::pack`]): a build holds every bulletin's text from parse to
/// render, and at 100,000 bulletins the texts were a third of its memory.
/// Unpacking one costs about as much as copying it; packing costs more,
/// so a smaller site keeps its texts as written. A packed text keeps its
/// plain text in the same compressed block, after it: those words are
/// mostly the text's own, which LZ4 stores as short references back, so
/// the search index need not parse the text again for them.
#[derive(Clone)]
pub struct Doc {
    text: Text,
    /// The text's length in bytes.
    len: usize,
    /// [`Doc::digest`], worked out once from the text as written.
    digest: u128,
    dests: Vec<String>,
    /// The first [`KEPT_CHARS`] characters of its plain text, when
    /// [`parse`] worked them out (it reads every event anyway) and the text
    /// is not packed (a packed text holds them itself): the search index
    /// asks for them again.
    kept: Option<Box<str>>,
}

/// How many characters of its plain text a parsed document keeps, so that
/// [`plain_text`] up to that many need not read the events again: the
/// search index's share of a bulletin's text.
pub const KEPT_CHARS: usize = 1000;

/// A document's text, as written or compressed.
#[derive(Clone)]
enum Text {
    Plain(Box<str>),
    /// The text, then the `kept` bytes of its kept plain text when it had
    /// one, compressed together. The same text packs to the same bytes
    /// whenever both times it had a kept plain text, or neither time.
    Packed {
        bytes: Box<[u8]>,
        kept: Option<u32>,
    },
}

impl Default for Text {
    fn default() -> Text {
        Text::Plain(Box::default())
    }
}

/// Two documents are equal when their texts and destinations are, however
/// each keeps its text (and whether or not it kept its plain text, which
/// is the text's).
impl PartialEq for Doc {
    fn eq(&self, other: &Doc) -> bool {
        // The cheap comparisons first: a text is unpacked only to compare
        // it with one kept as written.
        self.len == other.len
            && self.digest == other.digest
            && self.dests == other.dests
            && match (&self.text, &other.text) {
                (Text::Plain(a), Text::Plain(b)) => a == b,
                // Packed alike: the same bytes exactly when the same text.
                (Text::Packed { bytes: a, kept: k }, Text::Packed { bytes: b, kept: l })
                    if k.is_some() == l.is_some() =>
                {
                    a == b
                }
                _ => self.src() == other.src(),
            }
    }
}

/// The empty document, equal to `Doc::new("")`.
impl Default for Doc {
    fn default() -> Doc {
        Doc::packing("", Vec::new())
    }
}

impl Eq for Doc {}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Doc")
            .field("src", &self.src())
            .field("dests", &self.dests)
            .finish()
    }
}

/// Where the links and images of one document lead once every page's URL
/// is known: the destination as written → its URL, for those that change.
/// Drawn up by the resolve stage from [`Doc::dests`].
pub type Links = BTreeMap<String, String>;

/// A document and what its text gives the parse stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The document.
    pub doc: Doc,
    /// The text without markup, for search.
    pub text: String,
    /// The text of paragraphs only (no headings, tables or code), for summaries.
    pub lead: String,
    /// The text before a `<!-- more -->` marker, if there is one.
    pub before_more: Option<String>,
}

/// The events of a document as every later stage sees them: emphasis next
/// to Chinese punctuation made to work, line breaks between Chinese
/// characters and the `<!-- more -->` marker dropped, headings given ids,
/// unsafe link schemes replaced by `#`.
pub struct Events<'a> {
    /// The events, in order.
    pub events: Vec<Event<'a>>,
    /// Where the `<!-- more -->` marker was: the events before it are the summary.
    pub more_at: Option<usize>,
    /// Whether the document has raw HTML in it.
    pub raw_html: bool,
}

impl Doc {
    /// The document written as `src`.
    pub fn new(src: &str) -> Doc {
        Doc::packing(src, events_of(src, |ev| dests_of(&ev.events)))
    }

    fn packing(src: &str, dests: Vec<String>) -> Doc {
        Doc {
            text: Text::Plain(src.into()),
            len: src.len(),
            digest: xxhash_rust::xxh3::xxh3_128(src.as_bytes()),
            dests,
            kept: None,
        }
    }

    /// Keeps the text compressed from now on, with the plain text it kept
    /// (unchanged if it already is): a large site cannot spare the memory
    /// of either as written.
    pub fn pack(&mut self) {
        if let Text::Plain(t) = &self.text {
            let kept = self.kept.take();
            let mut all = Vec::with_capacity(t.len() + kept.as_ref().map_or(0, |k| k.len()));
            all.extend_from_slice(t.as_bytes());
            all.extend_from_slice(kept.as_deref().unwrap_or_default().as_bytes());
            self.text = Text::Packed {
                bytes: lz4_flex::block::compress(&all).into_boxed_slice(),
                kept: kept.map(|k| k.len() as u32),
            };
        }
    }

    /// Whether the text is kept compressed.
    pub fn is_packed(&self) -> bool {
        matches!(self.text, Text::Packed { .. })
    }

    /// The Markdown as written.
    pub fn src(&self) -> std::borrow::Cow<'_, str> {
        match &self.text {
            Text::Plain(t) => std::borrow::Cow::Borrowed(t),
            Text::Packed { .. } => {
                let mut all = self.unpacked().unwrap_or_default();
                all.truncate(self.len);
                // At 100,000 bulletins the standard check took 1% of a build.
                (super::encoding::utf8(all).unwrap_or_default()).into()
            }
        }
    }

    /// The packed text and the plain text packed after it, as the bytes
    /// of one string (the text is its first [`Doc::len`] bytes); `None`
    /// when the text is not packed. The bytes were packed from two `str`s
    /// by [`Doc::pack`]: unpacking gives them back.
    fn unpacked(&self) -> Option<Vec<u8>> {
        let Text::Packed { bytes, kept } = &self.text else {
            return None;
        };
        let all = self.len + kept.unwrap_or(0) as usize;
        lz4_flex::block::decompress(bytes, all).ok()
    }

    /// The start of the plain text that a packed document keeps, up to
    /// [`KEPT_CHARS`] characters; `None` when it keeps none.
    fn packed_kept(&self) -> Option<String> {
        let Text::Packed { kept: Some(_), .. } = &self.text else {
            return None;
        };
        let all = self.unpacked()?;
        // Only the kept part is checked: the search index reads it for
        // every bulletin, and the text before it may be long.
        let kept = simdutf8::basic::from_utf8(all.get(self.len..)?).ok()?;
        Some(kept.to_owned())
    }

    /// A digest of the text, worked out when the document was made: two
    /// documents have the same digest when their texts are the same.
    pub fn digest(&self) -> u128 {
        self.digest
    }

    /// The length of the Markdown as written, in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the document is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every link and image destination, as parsed (sorted, once each).
    pub fn dests(&self) -> &[String] {
        &self.dests
    }

    /// Calls `f` with the document's events.
    pub fn with_events<R>(&self, f: impl FnOnce(Events<'_>) -> R) -> R {
        events_of(&self.src(), f)
    }
}

/// Calls `f` with the events of the Markdown `src`.
fn events_of<R>(src: &str, f: impl FnOnce(Events<'_>) -> R) -> R {
    let nudged = nudge_emphasis(src);
    let src = nudged.as_deref().unwrap_or(src);
    f(prepare(src, nudged.is_some()))
}

/// The plain text of `doc` (what [`parse`] gives as `text`), its first
/// `max` characters.
///
/// The search index asks this of every bulletin, so it reads the events
/// as the parser gives them and stops once it has `max` characters,
/// mending only what changes the text: line breaks between Chinese
/// characters dropped (judged by the events beside them as parsed, as
/// [`prepare`] does) and the emphasis nudges taken out.
pub fn plain_text(doc: &Doc, max: usize) -> String {
    if max <= KEPT_CHARS {
        if let Some(kept) = doc.kept.as_deref() {
            return first_chars(kept, max).to_string();
        }
        if let Some(mut kept) = doc.packed_kept() {
            let cut = first_chars(&kept, max).len();
            kept.truncate(cut);
            return kept;
        }
    }
    let own = doc.src();
    let nudged = nudge_emphasis(&own);
    let src = nudged.as_deref().unwrap_or(&own);
    let mut text = String::new();
    let mut chars = 0;
    let mut before: Option<char> = None;
    let mut events = Parser::new_ext(src, options()).peekable();
    // Enough once a character other than a space stands at `max` or after
    // in the text without its leading spaces: what follows can only be
    // cut off (the events' text is trimmed, then cut to `max`).
    let enough = |text: &str| (text.trim_start().chars().skip(max)).any(|c| !c.is_whitespace());
    while let Some(e) = events.next() {
        if chars > max && enough(&text) {
            break;
        }
        let last = last_char(std::slice::from_ref(&e));
        match &e {
            Event::SoftBreak => {
                let after = events
                    .peek()
                    .and_then(|n| first_char(std::slice::from_ref(n)));
                if !joins_wide(before, after) {
                    text.push(' ');
                    chars += 1;
                }
            }
            Event::Text(t) if nudged.is_some() && t.contains(NUDGE) => {
                let t = t.replace(NUDGE, "");
                chars += t.chars().count();
                text.push_str(&t);
            }
            Event::Text(t) | Event::Code(t) => {
                chars += t.chars().count();
                text.push_str(t);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => chars += usize::from(end_block(&mut text)),
            _ => {}
        }
        before = last;
    }
    // Kept for the whole search build, one per bulletin: no slack.
    first_chars(text.trim(), max).to_string()
}

/// The first `max` characters of `text`.
///
/// Counted by bytes, not decoded: every byte of a character but its first
/// is a continuation byte (`0b10xxxxxx`), and whole blocks of bytes that
/// end before the cut are counted at once. Search and summaries ask
/// this of every bulletin.
fn first_chars(text: &str, max: usize) -> &str {
    // A character is at least a byte: a text no longer than `max` bytes is whole.
    if text.len() <= max {
        return text;
    }
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let starts = |b: &[u8]| b.iter().filter(|&&c| (c as i8) >= -0x40).count();
    let (mut seen, mut at) = (0, 0);
    while at + BLOCK <= bytes.len() {
        let n = starts(&bytes[at..at + BLOCK]);
        if seen + n > max {
            break;
        }
        seen += n;
        at += BLOCK;
    }
    for (i, &c) in bytes.iter().enumerate().skip(at) {
        if (c as i8) >= -0x40 {
            if seen == max {
                return &text[..i];
            }
            seen += 1;
        }
    }
    text
}

/// Every link and image destination of `events` (sorted, once each).
fn dests_of(events: &[Event]) -> Vec<String> {
    let set: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect();
    set.into_iter().collect()
}

/// Parses a Markdown body: the document and its plain texts, from one
/// pass over its events.
pub fn parse(md: &str) -> Parsed {
    let (dests, text, lead, before_more) = events_of(md, |ev| {
        let (text, lead) = texts(&ev.events);
        let before = ev.more_at.map(|m| {
            let (t, _) = texts(&ev.events[..m]);
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        });
        (dests_of(&ev.events), text, lead, before)
    });
    let mut doc = Doc::packing(md, dests);
    doc.kept = Some(first_chars(&text, KEPT_CHARS).into());
    Parsed {
        doc,
        text,
        lead,
        before_more,
    }
}

/// The events of `src` (with [`NUDGE`]s in it when `nudged`), prepared.
fn prepare(src: &str, nudged: bool) -> Events<'_> {
    // One vector, mended in place: each kept event moves down over the
    // dropped ones. What an event decides from its neighbours it reads
    // from them as parsed: the one before it (remembered before it was
    // mended) and those after it (not reached yet).
    let mut events: Vec<Event> = Parser::new_ext(src, options()).collect();
    let (mut more_at, mut raw_html) = (None, false);
    let mut ids: HashSet<String> = HashSet::new();
    let mut kept = 0;
    let mut before: Option<char> = None;
    for i in 0..events.len() {
        let (head, rest) = events.split_at_mut(i + 1);
        let e = &mut head[i];
        let last = last_char(std::slice::from_ref(e));
        let keep = match e {
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == MORE => {
                more_at.get_or_insert(kept);
                false
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                true
            }
            Event::SoftBreak => !joins_wide(before, first_char(rest)),
            Event::Start(Tag::Heading { id, .. }) => {
                match id {
                    Some(id) => {
                        ids.insert(id.to_string());
                    }
                    None => *id = Some(CowStr::from(unique_id(rest, &mut ids))),
                }
                true
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_url(dest_url) =>
            {
                *dest_url = CowStr::from("#");
                true
            }
            Event::Text(t) if nudged && t.contains(NUDGE) => {
                *t = CowStr::from(t.replace(NUDGE, ""));
                true
            }
            _ => true,
        };
        before = last;
        if keep {
            events.swap(kept, i);
            kept += 1;
        }
    }
    events.truncate(kept);
    Events {
        events,
        more_at,
        raw_html,
    }
}

/// An id for the heading whose events follow, unique among `ids`.
fn unique_id(rest: &[Event], ids: &mut HashSet<String>) -> String {
    let mut title = String::new();
    for e in rest {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            _ => {}
        }
    }
    let base = heading_id(&title.replace(NUDGE, ""));
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The plain text of `events` (for search) and the text of their
/// paragraphs only (for summaries).
fn texts(events: &[Event]) -> (String, String) {
    let (mut text, mut lead) = (String::new(), String::new());
    let (mut depth_para, mut depth_skip) = (0usize, 0usize);
    for e in events {
        let in_lead = depth_para > 0 && depth_skip == 0;
        match e {
            Event::SoftBreak => {
                text.push(' ');
                if in_lead {
                    lead.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if in_lead {
                    lead.push_str(t);
                }
            }
            Event::Start(Tag::Paragraph) => depth_para += 1,
            Event::Start(
                Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. },
            ) => depth_skip += 1,
            Event::End(TagEnd::Table | TagEnd::FootnoteDefinition | TagEnd::CodeBlock) => {
                depth_skip = depth_skip.saturating_sub(1)
            }
            Event::End(
                e @ (TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell),
            ) => {
                end_block(&mut text);
                match e {
                    TagEnd::Paragraph => depth_para = depth_para.saturating_sub(1),
                    TagEnd::Heading(_) => depth_skip = depth_skip.saturating_sub(1),
                    _ => {}
                }
                // Chinese paragraphs join without a space; others with one.
                if depth_skip == 0
                    && !lead.is_empty()
                    && !lead.ends_with(' ')
                    && !lead.chars().last().is_some_and(is_wide)
                {
                    lead.push(' ');
                }
            }
            _ => {}
        }
    }
    (text.trim().to_string(), lead.trim().to_string())
}

/// Whether a line break between `before` and `after` is dropped: it
/// joins two Chinese (wide) characters, where a space would not belong.
fn joins_wide(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(b), Some(a)) if is_wide(b) && is_wide(a))
}

/// Ends a block (paragraph, heading, list item, table cell) in plain
/// `text` with a space, unless it has one or is empty; whether it added one.
fn end_block(text: &mut String) -> bool {
    let add = !text.ends_with(' ') && !text.is_empty();
    if add {
        text.push(' ');
    }
    add
}

fn last_char(events: &[Event]) -> Option<char> {
    match events.last()? {
        Event::Text(t) | Event::Code(t) => t.chars().rev().find(|c| *c != NUDGE),
        _ => None,
    }
}

fn first_char(events: &[Event]) -> Option<char> {
    match events.first()? {
        Event::Text(t) | Event::Code(t) => t.chars().find(|c| *c != NUDGE),
        _ => None,
    }
}

/// The first `max` characters of `text`, with `…` when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match first_chars(text, max) {
        cut if cut.len() < text.len() => format!("{}…", cut.trim_end()),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting by bytes cuts where decoding the characters does: any
        /// mix of one- to four-byte characters, any length, any limit.
        #[test]
        fn first_chars_cuts_after_max_characters(
            text in "[a-z 1。安康杯éß𠀀\\u{FF10}]{0,120}",
            max in 0usize..130,
        ) {
            let want = match text.char_indices().nth(max) {
                Some((cut, _)) => &text[..cut],
                None => text.as_str(),
            };
            proptest::prop_assert_eq!(first_chars(&text, max), want);
        }
    }

    /// What [`plain_text`] gave when it went through [`Doc::with_events`].
    fn plain_text_by_events(doc: &Doc, max: usize) -> String {
        doc.with_events(|ev| {
            let (mut text, _) = texts(&ev.events);
            if let Some((cut, _)) = text.char_indices().nth(max) {
                text.truncate(cut);
            }
            text
        })
    }

    const SAMPLES: [&str; 12] = [
        "## 安全生产\n\n**注意：**正文a安b",
        "第一行\n第二行\nEnglish line\nnext 中文\n\n- 一项\n- 两项：**加粗**。\n",
        "开头<!-- more -->\n结尾\n\n<div>原样</div>\n\n段落\n<!-- more -->\n续",
        "| 项目 | 数字 |\n|---|---|\n| 企业 | 411家 |\n\n表后。",
        "```\n代码 *不* 改\n```\n\n`行内*代码*`与**强调**，*斜体*。",
        "脚注[^1]。\n\n[^1]: 脚注的话。\n\n# 标题 {#id}\n\n## 标题\n\n## 标题",
        "[链接](javascript:alert(1))和![图](a.jpg \"（张三 摄）\")\n\n> 引用\n> 第二行",
        "中文\n\n\n中文  \n硬换行\\\n再换",
        "**职工**：12万余名；**奖金**：7.2万元。**“安康杯”**竞赛",
        "",
        "   \n\n  ",
        "1. 一\n2. 二\n   - 嵌套，*强调*。\n\n最后一段没有换行",
    ];

    #[test]
    fn plain_text_reads_the_events_as_the_pages_do() {
        for md in SAMPLES {
            let doc = Doc::new(md);
            for max in [0, 1, 2, 5, 9, 30, 1000] {
                assert_eq!(
                    plain_text(&doc, max),
                    plain_text_by_events(&doc, max),
                    "{md:?} at {max}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn plain_text_is_the_text_of_the_events(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "安全", "生产", "，", "。", "：", "“", "”", "（", "）", "**", "*", "_", "`",
                "\n", "\n\n", "  \n", "- ", "1. ", "# ", "> ", "| a | b |\n|---|---|\n",
                "<!-- more -->", "<b>", "a", "B 1", " ", "\t", "[x](y)", "![x](y.jpg)",
                "[^1]", "\n[^1]: 注", "```\n", "~~",
            ]), 0..40),
            max in 0usize..60,
        ) {
            let md: String = parts.concat();
            let doc = Doc::new(&md);
            proptest::prop_assert_eq!(plain_text(&doc, max), plain_text_by_events(&doc, max));
            // A parsed document answers from the plain text it kept.
            let parsed = parse(&md).doc;
            proptest::prop_assert!(parsed.kept.is_some());
            proptest::prop_assert_eq!(plain_text(&parsed, max), plain_text(&doc, max));
        }
    }

    /// The plain text a parsed document keeps is its first [`KEPT_CHARS`]
    /// characters: asked for more, it reads the events again; packed, it
    /// keeps them in the packed block.
    #[test]
    fn a_parsed_document_keeps_the_start_of_its_plain_text() {
        let md = "第一段 **加粗**，职工12万余名。\n\n## 小标题\n\n- 一项\n".repeat(60);
        let made = Doc::new(&md);
        let mut parsed = parse(&md).doc;
        let kept = parsed.kept.clone().expect("kept");
        assert_eq!(kept.chars().count(), KEPT_CHARS);
        for max in [0, 7, KEPT_CHARS - 1, KEPT_CHARS, KEPT_CHARS + 1, 5000] {
            assert_eq!(plain_text(&parsed, max), plain_text(&made, max), "{max}");
        }
        assert_eq!(plain_text(&parsed, KEPT_CHARS), *kept);
        assert_eq!(parsed, made);
        parsed.pack();
        assert!(parsed.kept.is_none() && parsed.packed_kept().as_deref() == Some(&*kept));
        for max in [0, 7, KEPT_CHARS - 1, KEPT_CHARS, KEPT_CHARS + 1, 5000] {
            assert_eq!(plain_text(&parsed, max), plain_text(&made, max), "{max}");
        }
        assert_eq!(parsed.src(), md);
        assert_eq!(parsed, made);
        // Packed with or without its plain text, it is the same document.
        let mut packed = made.clone();
        packed.pack();
        assert!(packed.packed_kept().is_none());
        assert_eq!(parsed, packed);
        assert_eq!(packed, parsed);
        assert_eq!(plain_text(&packed, KEPT_CHARS), *kept);
    }

    /// The plain text packed after the text costs little room: its words
    /// are the text's own. (A bulletin body of the kind an editor writes.)
    #[test]
    fn a_packed_plain_text_costs_little_room() {
        let md = "9月以来，宜宾市总工会联合市应急管理局开展“安康杯”竞赛，\n\
                  **参与企业411家**、职工12万余名。\n\n\
                  ## 主要做法\n\n\
                  - 组织隐患排查2132项，整改率98%；\n\
                  - 举办培训30场，发放奖金7.2万元。\n\n\
                  下一步，市总工会将把竞赛与[职工书屋](/pages/shuwu/)结合起来。\n";
        let size = |d: &Doc| match &d.text {
            Text::Packed { bytes, .. } => bytes.len(),
            Text::Plain(_) => unreachable!(),
        };
        let mut with = parse(md).doc;
        let kept = with.kept.clone().expect("kept");
        with.pack();
        let mut without = Doc::new(md);
        without.pack();
        assert!(kept.len() > md.len() / 2, "{kept}");
        let (with, without) = (size(&with), size(&without));
        assert!(
            with < without + kept.len() / 4,
            "{with} {without} {}",
            kept.len()
        );
    }

    /// A document gives back exactly what was written, packed or not, is
    /// equal to another exactly when their texts are (however each keeps
    /// it), and parsing gives the same document as making one.
    #[test]
    fn a_document_gives_back_its_text_packed_or_not() {
        let long = "各级工会组织扎实推进“安康杯”竞赛，职工12万余名参与。\n\n".repeat(200);
        for md in SAMPLES.iter().copied().chain([long.as_str()]) {
            let doc = Doc::new(md);
            let mut packed = doc.clone();
            packed.pack();
            assert!(!doc.is_packed() && packed.is_packed());
            for d in [&doc, &packed] {
                assert_eq!(d.src(), md);
                assert_eq!(d.len(), md.len());
                assert_eq!(d.is_empty(), md.is_empty());
                assert_eq!(&parse(md).doc, d, "{md:?}");
                assert_eq!(d.digest(), doc.digest());
                assert!(format!("{d:?}").contains(&format!("{md:?}")));
            }
        }
        // Repeated text packs small: what a large site holds is the packed text.
        let mut big = Doc::new(&long);
        big.pack();
        assert!(matches!(&big.text, Text::Packed { bytes, .. } if bytes.len() < long.len() / 4));
        assert_ne!(Doc::new("安康杯"), Doc::new("安康杯。"));
        assert_eq!(Doc::new(&long).digest(), parse(&long).doc.digest());
        assert_ne!(Doc::new("安康杯").digest(), Doc::new("安康杯。").digest());
        assert_eq!(Doc::default().src(), "");
        assert_eq!(Doc::default(), Doc::new(""));
        assert_eq!(Doc::default().digest(), Doc::new("").digest());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn packing_keeps_the_text_and_its_identity(
            a in "\\PC{0,300}",
            b in "\\PC{0,300}",
            pack_a: bool,
            pack_b: bool,
            parsed_a: bool,
            parsed_b: bool,
        ) {
            // Parsed, a document keeps its plain text; made, it does not.
            let doc = |md: &str, parsed: bool| if parsed { parse(md).doc } else { Doc::new(md) };
            let (mut x, mut y) = (doc(&a, parsed_a), doc(&b, parsed_b));
            if pack_a {
                x.pack();
            }
            if pack_b {
                y.pack();
            }
            proptest::prop_assert_eq!(x.src(), a.clone());
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x.digest() == y.digest(), a == b);
            proptest::prop_assert!(Doc::new(&a) == x);
            for max in [0, 1, 40, KEPT_CHARS] {
                proptest::prop_assert_eq!(plain_text(&x, max), plain_text(&Doc::new(&a), max));
            }
        }
    }

    #[test]
    fn plain_text_counts_characters() {
        let doc = parse("## 安全生产\n\n**注意：**正文a安b").doc;
        let whole = plain_text(&doc, usize::MAX);
        assert!(
            whole.starts_with("安全生产") && whole.ends_with("注意：正文a安b"),
            "{whole}"
        );
        assert_eq!(plain_text(&doc, 2), "安全");
        assert_eq!(parse("").text, plain_text(&parse("").doc, 9));
        let cut = plain_text(&doc, whole.chars().count() - 1);
        assert!(cut.ends_with("a安"), "{cut}");
    }

    #[test]
    fn more_marker_splits_summary() {
        let p = parse("第一段。\n\n<!-- more -->\n\n第二段。\n");
        assert_eq!(p.before_more.as_deref(), Some("第一段。"));
        assert_eq!(p.text, "第一段。 第二段。");
        assert_eq!(p.lead, "第一段。第二段。");
        assert_eq!(parse("无分隔。").before_more, None);
    }

    #[test]
    fn lead_skips_headings_tables_and_footnotes() {
        let p = parse("## 标题\n\n导语。\n\n|a|b|\n|-|-|\n|1|2|\n\n后文[^1]。\n\n[^1]: 注\n");
        assert_eq!(p.lead, "导语。后文。");
    }

    #[test]
    fn destinations_are_the_parsed_ones() {
        let p = parse(
            "[a](../2024/x.md) ![b](img/图.png) [c][r] `[d](no.md)` [a](../2024/x.md)\n\n[r]: /bulletins/y/\n",
        );
        assert_eq!(
            p.doc.dests(),
            ["../2024/x.md", "/bulletins/y/", "img/图.png"]
        );
        // An unsafe scheme is no destination: it is dropped before resolving.
        assert_eq!(parse("[x](javascript:alert(1))").doc.dests(), ["#"]);
    }

    #[test]
    fn emphasis_nudges_leave_no_trace_in_texts() {
        let p = parse("**注意：**正文");
        assert_eq!(p.text, "注意：正文");
        assert!(!p.text.contains(NUDGE));
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_chars("安全生产月", 2), "安全…");
        assert_eq!(truncate_chars("安全", 2), "安全");
    }
}
