//! Live reload: Server-Sent Events to every open page, and the small script
//! that listens to them (reloads, swaps stylesheets, shows the error overlay).
//!
//! An event stream takes over its connection after the request head,
//! writes its own response head and is kept in the [`Hub`] to broadcast to.

use crate::messages::Lang;
use std::io::Write;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::diag::Diagnostic;

/// The reserved URL prefix of the preview server.
pub const PREFIX: &str = "/__jianxun/";
/// The event stream.
pub const EVENTS: &str = "/__jianxun/events";
/// The client script.
pub const SCRIPT: &str = "/__jianxun/reload.js";

/// What a browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Reload; navigate to `path` first when given (the bulletin just saved).
    Reload {
        /// The new build.
        version: u64,
        /// Where to go.
        path: Option<String>,
    },
    /// Only stylesheets changed: swap them without a reload.
    Css {
        /// The new build.
        version: u64,
    },
    /// The last save broke the build: show these errors over the page.
    Errors {
        /// The build still served.
        version: u64,
        /// What is wrong.
        errors: Vec<ErrorItem>,
    },
}

/// One error as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    /// `path:line:column`.
    pub location: String,
    /// The message.
    pub message: String,
    /// The hint, or empty.
    pub hint: String,
    /// The offending line, cut where the underline starts and ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceLine>,
}

/// A source line as the overlay shows it: the browser underlines `marked`
/// by laying an invisible copy of `before` under it, so the underline sits
/// under the right characters whatever widths the font gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// The line number.
    pub number: usize,
    /// The text before the underlined characters.
    pub before: String,
    /// The underlined characters (one space at the end of a line).
    pub marked: String,
    /// The rest of the line.
    pub after: String,
    /// The underline as the terminal draws it: spaces, then `^` under each
    /// display cell of `marked` (a Chinese character takes two).
    pub carets: String,
}

impl SourceLine {
    /// Line `d.line` of the diagnostic, cut at its column and length, as
    /// [`Diagnostic::render`] underlines it.
    fn of(d: &Diagnostic) -> Option<SourceLine> {
        let src = d.source_line.as_deref().filter(|_| d.line > 0)?;
        let chars: Vec<char> = src.chars().collect();
        let start = d.col.saturating_sub(1).min(chars.len());
        let end = (start + d.len.max(1)).min(chars.len());
        // Tabs as the terminal shows them; control characters escaped.
        let piece = |cs: &[char]| {
            let s: String = cs.iter().collect();
            crate::diag::escape_controls(&s.replace('\t', "    ")).into_owned()
        };
        let marked = match piece(&chars[start..end]) {
            m if m.is_empty() => " ".to_string(),
            m => m,
        };
        let before = piece(&chars[..start]);
        let cells = |s: &str| s.chars().map(crate::width::char_cells).sum::<usize>();
        let carets = format!(
            "{}{}",
            " ".repeat(cells(&before)),
            "^".repeat(cells(&marked).max(1))
        );
        Some(SourceLine {
            number: d.line,
            before,
            marked,
            after: piece(&chars[end..]),
            carets,
        })
    }
}

impl ErrorItem {
    /// From a diagnostic, in `lang`.
    pub fn from(d: &Diagnostic, lang: Lang) -> ErrorItem {
        let path = d.path.display().to_string().replace('\\', "/");
        let location = if d.line > 0 {
            format!("{path}:{}:{}", d.line, d.col)
        } else {
            path
        };
        ErrorItem {
            location,
            message: format!(
                "{}[{}]: {}",
                d.severity.label().text(lang),
                d.id(),
                d.message.text(lang)
            ),
            hint: d.hint.as_ref().map(|h| h.text(lang)).unwrap_or_default(),
            source: SourceLine::of(d),
        }
    }
}

impl Event {
    /// The SSE frame.
    pub fn frame(&self) -> String {
        #[derive(Serialize)]
        struct Data<'a> {
            version: u64,
            #[serde(skip_serializing_if = "Option::is_none")]
            path: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            errors: Option<&'a [ErrorItem]>,
        }
        let (name, data) = match self {
            Event::Reload { version, path } => (
                "reload",
                Data {
                    version: *version,
                    path: path.as_deref(),
                    errors: None,
                },
            ),
            Event::Css { version } => (
                "css",
                Data {
                    version: *version,
                    path: None,
                    errors: None,
                },
            ),
            Event::Errors { version, errors } => (
                "errors",
                Data {
                    version: *version,
                    path: None,
                    errors: Some(errors),
                },
            ),
        };
        let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
        format!("event: {name}\ndata: {json}\n\n")
    }
}

/// Frames that may wait for one page. A page that falls this far behind
/// has stopped reading: it is dropped rather than waited for.
pub const QUEUE: usize = 32;

/// A frame, shared by every page it goes to.
type Frame = Arc<[u8]>;

/// The open event streams. Each stream has its own writer (the thread of
/// its connection) and a bounded queue: broadcasting only queues, never
/// writes, so a page that stops reading holds up no one. A writer ends when
/// a write fails or makes no progress within the connection's write
/// timeout; a page whose queue is full is dropped at once.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<SyncSender<Frame>>>,
}

/// Headers that open an event stream on a raw connection.
pub const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nX-Content-Type-Options: nosniff\r\n\r\n";

impl Hub {
    /// Serves one event stream on `out` until the page goes away or stops
    /// reading. The stream head and `first()` (the current state) are
    /// queued first, under the same lock as broadcasts, so a page never
    /// misses an event nor hears an older one after a newer one.
    pub fn serve(&self, mut out: impl Write, first: impl FnOnce() -> Event) {
        let (tx, rx) = sync_channel::<Frame>(QUEUE);
        {
            let mut clients = self.lock();
            let hello = format!("{STREAM_HEAD}retry: 500\n\n{}", first().frame());
            if tx.try_send(Frame::from(hello.into_bytes())).is_err() {
                return;
            }
            clients.push(tx);
        }
        // Ends when the hub drops this page (its sender goes) or a write fails.
        for frame in rx {
            if out.write_all(&frame).and_then(|()| out.flush()).is_err() {
                break;
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<SyncSender<Frame>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `event` for every page, dropping those that went away or fell behind.
    pub fn broadcast(&self, event: &Event) {
        self.send(Frame::from(event.frame().into_bytes()));
    }

    /// Sends a comment, so pages that went away are noticed.
    pub fn ping(&self) {
        self.send(Frame::from(&b": ping\n\n"[..]));
    }

    fn send(&self, frame: Frame) {
        self.lock()
            .retain(|tx| tx.try_send(Arc::clone(&frame)).is_ok());
    }

    /// How many pages are listening.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no page is listening.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Inserts the reload script into an HTML page (before `</body>`, else at
/// the end). `version` is the build the page comes from, so the script can
/// tell when the page is already stale.
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}?v={version}\" defer></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The client: listens for events; errors are shown with `textContent`, so
/// nothing in a message can become markup. Its own words are filled in by
/// [`client_js`].
pub const CLIENT_JS: &str = include_str!("reload.js");

/// The client with the overlay's words in `lang` (as JSON strings, so no
/// text can end the string early).
pub fn client_js(lang: Lang) -> String {
    let js_string = |m: crate::messages::Msg| {
        let quoted = serde_json::to_string(&m.text(lang)).unwrap_or_default();
        quoted.trim_matches('"').to_string()
    };
    CLIENT_JS
        .replace(
            "__JIANXUN_HEADING__",
            &js_string(crate::msg!(OverlayHeading, "{0}")),
        )
        .replace("__JIANXUN_HINT__", &js_string(crate::msg!(OverlayHint)))
        .replace("__JIANXUN_CLOSE__", &js_string(crate::msg!(OverlayClose)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_speaks_the_chosen_language() {
        let zh = client_js(Lang::Zh);
        assert!(
            zh.contains("\"构建失败：{0} 个错误（保存修正后自动刷新）\""),
            "{zh}"
        );
        assert!(zh.contains("var HINT = \"提示：\";"));
        let en = client_js(Lang::En);
        assert!(en.contains("\"Build failed: {0} error(s)"), "{en}");
        assert!(!en.contains("__JIANXUN_") && !zh.contains("__JIANXUN_"));
        assert!(zh.contains("var CLOSE = \"关闭\";"));
        let item = ErrorItem::from(
            &Diagnostic::error("a.md", 3, 7, "date-invalid", crate::msg!(DateNotReal, "x")),
            Lang::Zh,
        );
        assert_eq!(item.message, "错误[E012]: 日期 `x` 不存在");
        assert_eq!(item.location, "a.md:3:7");
        assert_eq!(item.source, None);
    }

    #[test]
    fn the_source_line_is_cut_where_the_terminal_underlines_it() {
        let d = Diagnostic::error("a.md", 7, 5, "metric-value", crate::msg!(DateNotReal, "x"))
            .with_len(5)
            .with_source(&format!("{}投入: 7.2万人\n", "\n".repeat(6)));
        let s = ErrorItem::from(&d, Lang::Zh).source.unwrap();
        assert_eq!(
            (
                s.number,
                s.before.as_str(),
                s.marked.as_str(),
                s.after.as_str()
            ),
            (7, "投入: ", "7.2万人", "")
        );
        // As the terminal draws it: `投入: ` is six cells, `7.2万人` seven.
        assert_eq!(s.carets, "      ^^^^^^^");
        let rendered = d.render(crate::diag::Paint::Plain, Lang::Zh);
        let terminal = rendered.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            terminal.trim_start_matches([' ', '|']).trim_end(),
            s.carets.trim_start()
        );
        // At the end of the line: one space to underline.
        let end = Diagnostic::error("a.md", 1, 9, "x", crate::msg!(DateNotReal, "x"))
            .with_source("title: \t");
        let s = ErrorItem::from(&end, Lang::Zh).source.unwrap();
        assert_eq!((s.before.as_str(), s.marked.as_str()), ("title:     ", " "));
    }

    #[test]
    fn frames_are_single_line_json() {
        let f = Event::Reload {
            version: 3,
            path: Some("/bulletins/a/".into()),
        }
        .frame();
        assert_eq!(
            f,
            "event: reload\ndata: {\"version\":3,\"path\":\"/bulletins/a/\"}\n\n"
        );
        let e = Event::Errors {
            version: 4,
            errors: vec![ErrorItem {
                location: "a.md:1:2".into(),
                message: "<b>\n坏</b>".into(),
                hint: String::new(),
                source: None,
            }],
        };
        let f = e.frame();
        assert_eq!(f.matches('\n').count(), 3, "{f}");
        assert!(f.contains("\\n"));
    }

    /// A page's connection that takes `room` bytes, then fails (as a write
    /// that made no progress within the write timeout does); with `hold`,
    /// every write first waits until `hold` is closed (a page that stopped reading).
    struct Page {
        got: Arc<Mutex<Vec<u8>>>,
        room: usize,
        hold: Option<std::sync::mpsc::Receiver<()>>,
    }

    impl Write for Page {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if let Some(hold) = &self.hold {
                let _ = hold.recv();
            }
            let mut got = self.got.lock().unwrap();
            if got.len() + b.len() > self.room {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            got.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn reload(version: u64) -> Event {
        Event::Reload {
            version,
            path: None,
        }
    }

    type Opened = (Arc<Mutex<Vec<u8>>>, std::thread::JoinHandle<()>);

    fn open(hub: &Arc<Hub>, room: usize, hold: Option<std::sync::mpsc::Receiver<()>>) -> Opened {
        let got = Arc::new(Mutex::new(Vec::new()));
        let page = Page {
            got: Arc::clone(&got),
            room,
            hold,
        };
        let hub = Arc::clone(hub);
        let writer = std::thread::spawn(move || hub.serve(page, || reload(1)));
        (got, writer)
    }

    fn wait_for(hub: &Hub, n: usize) {
        while hub.len() < n {
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_page_whose_writes_fail_is_dropped_and_the_others_hear_everything() {
        let hub = Arc::new(Hub::default());
        let (stuck, stuck_writer) = open(&hub, STREAM_HEAD.len() + 100, None);
        let (reader, _reader_writer) = open(&hub, usize::MAX, None);
        wait_for(&hub, 2);
        let last = QUEUE as u64 / 2;
        for v in 2..=last {
            hub.broadcast(&reload(v));
        }
        stuck_writer.join().unwrap();
        hub.ping();
        assert_eq!(hub.len(), 1, "the page whose writes fail is dropped");
        let want = format!("\"version\":{last}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !String::from_utf8_lossy(&reader.lock().unwrap()).contains(&want) {
            assert!(
                std::time::Instant::now() < deadline,
                "the reading page heard every event"
            );
            std::thread::yield_now();
        }
        assert!(stuck.lock().unwrap().len() <= STREAM_HEAD.len() + 100);
    }

    #[test]
    fn a_page_that_falls_behind_is_dropped_without_waiting() {
        let hub = Arc::new(Hub::default());
        let (release, hold) = std::sync::mpsc::channel();
        let (_, writer) = open(&hub, usize::MAX, Some(hold));
        wait_for(&hub, 1);
        let t = std::time::Instant::now();
        for v in 2..(QUEUE as u64 + 5) {
            hub.broadcast(&reload(v));
        }
        assert!(
            t.elapsed() < std::time::Duration::from_secs(1),
            "broadcasts never wait"
        );
        assert_eq!(hub.len(), 0, "a page with a full queue is dropped");
        drop(release);
        writer.join().unwrap();
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7)).unwrap();
        assert!(
            out.ends_with("<script src=\"/__jianxun/reload.js?v=7\" defer></script></body></html>")
        );
    }
}
