//! Live reload: Server-Sent Events to every open page, and the small script
//! that listens to them (reloads, swaps stylesheets, shows the error overlay).
//!
//! An event stream takes over its connection after the request head,
//! writes its own response head and is kept in the [`Hub`] to broadcast to.

use std::io::Write;
use std::sync::Mutex;

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
}

impl ErrorItem {
    /// From a diagnostic.
    pub fn from(d: &Diagnostic) -> ErrorItem {
        let path = d.path.display().to_string().replace('\\', "/");
        let location = if d.line > 0 {
            format!("{path}:{}:{}", d.line, d.col)
        } else {
            path
        };
        ErrorItem {
            location,
            message: d.message.clone(),
            hint: d.hint.clone().unwrap_or_default(),
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

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
}

/// Headers that open an event stream on a raw connection.
pub const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nX-Content-Type-Options: nosniff\r\n\r\n";

impl Hub {
    /// Adds a client after sending it the stream head and `first` (the current state).
    pub fn join(&self, mut writer: Box<dyn Write + Send>, first: &Event) {
        let ok = writer.write_all(STREAM_HEAD.as_bytes()).is_ok()
            && writer.write_all(b"retry: 500\n\n").is_ok()
            && writer.write_all(first.frame().as_bytes()).is_ok()
            && writer.flush().is_ok();
        if ok {
            self.lock().push(writer);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Box<dyn Write + Send>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `event` to every client, dropping those that went away.
    pub fn broadcast(&self, event: &Event) {
        self.send_raw(event.frame().as_bytes());
    }

    /// Sends a comment to detect closed connections.
    pub fn ping(&self) {
        self.send_raw(b": ping\n\n");
    }

    fn send_raw(&self, bytes: &[u8]) {
        self.lock()
            .retain_mut(|w| w.write_all(bytes).is_ok() && w.flush().is_ok());
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
/// nothing in a message can become markup.
pub const CLIENT_JS: &str = include_str!("reload.js");

#[cfg(test)]
mod tests {
    use super::*;

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
            }],
        };
        let f = e.frame();
        assert_eq!(f.matches('\n').count(), 3, "{f}");
        assert!(f.contains("\\n"));
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7)).unwrap();
        assert!(
            out.ends_with("<script src=\"/__jianxun/reload.js?v=7\" defer></script></body></html>")
        );
    }
}
