//! The preview server's wire format: HTTP/1.1 request heads in, responses out.
//!
//! A previewing browser sends a request line and headers, never a body we
//! need. [`read_head`] reads one head within a size limit ([`MAX_HEAD`]) and
//! a deadline, so a client can neither make the server keep megabytes nor
//! hold a thread by sending slowly; [`parse_head`] is pure. Lines may end in
//! CRLF or a bare LF. [`Reply`] is a complete response with its length, so
//! a connection can carry the next request after it.

use crate::messages::{Key, Lang, Msg};
use std::io::{self, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

/// The most a request line and its headers may take, blank line included.
pub const MAX_HEAD: usize = 16 * 1024;

/// A request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, … as sent.
    pub method: String,
    /// The request target as sent, e.g. `/bulletins/a/?x=1`.
    pub target: String,
    /// The minor version: HTTP/1.0 or HTTP/1.1.
    pub minor: u8,
    /// Header fields in order, names as sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first header field called `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many header fields are called `name`.
    pub fn count(&self, name: &str) -> usize {
        let named = |(n, _): &&(String, String)| n.eq_ignore_ascii_case(name);
        self.headers.iter().filter(named).count()
    }

    /// Whether the connection may carry another request after this one.
    /// HTTP/1.0 connections close; so does any request with a body, which
    /// is never read.
    pub fn keep_alive(&self) -> bool {
        let close = self
            .header("Connection")
            .is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")));
        let body = self.header("Transfer-Encoding").is_some()
            || self
                .header("Content-Length")
                .is_some_and(|v| v.trim() != "0");
        self.minor == 1 && !close && !body
    }

    /// Whether this is a HEAD request (headers only in the answer).
    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }
}

/// Why no request could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadError {
    /// The connection closed (or failed) before a request began.
    Closed,
    /// The deadline passed; `partial` when part of a head had arrived.
    TimedOut {
        /// Part of a head had arrived.
        partial: bool,
    },
    /// The head is longer than [`MAX_HEAD`]; `line` when the request line alone is.
    TooLarge {
        /// The request line alone is too long.
        line: bool,
    },
    /// Not an HTTP/1.x request head.
    Malformed(&'static str),
    /// A version other than HTTP/1.0 and HTTP/1.1.
    Version,
}

impl HeadError {
    /// The answer to send before closing, if any, in `lang`.
    pub fn reply(&self, lang: Lang) -> Option<Reply> {
        let say = |status: u16, key: Key| {
            Some(Reply::text(
                status,
                &format!("{}\n", Msg::new(key).text(lang)),
            ))
        };
        match self {
            HeadError::Closed | HeadError::TimedOut { partial: false } => None,
            HeadError::TimedOut { partial: true } => say(408, Key::HttpTimeout),
            HeadError::TooLarge { line: true } => say(414, Key::HttpUriTooLong),
            HeadError::TooLarge { line: false } => say(431, Key::HttpHeadersTooLarge),
            HeadError::Malformed(_) => say(400, Key::HttpBadRequest),
            HeadError::Version => say(505, Key::HttpVersion),
        }
    }
}

/// Where the head in `buf` ends: just after the first empty line (a line
/// end followed by CRLF or LF).
pub fn head_end(buf: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = buf[from..].iter().position(|&b| b == b'\n') {
        let at = from + i + 1;
        match buf.get(at..) {
            Some([b'\n', ..]) => return Some(at + 1),
            Some([b'\r', b'\n', ..]) => return Some(at + 2),
            _ => from = at,
        }
    }
    None
}

/// Empty lines before a request line are allowed (RFC 9112 §2.2).
fn skip_blank_lines(buf: &mut Vec<u8>) {
    let n = buf
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    buf.drain(..n);
}

/// Reads one request head from `stream`, keeping any bytes after it in
/// `buf` for the next request. Gives up at `deadline` or past [`MAX_HEAD`].
pub fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<Request, HeadError> {
    let mut chunk = [0u8; 4096];
    loop {
        skip_blank_lines(buf);
        if let Some(end) = head_end(buf) {
            let head: Vec<u8> = buf.drain(..end).collect();
            return parse_head(&head);
        }
        if buf.len() >= MAX_HEAD {
            let line = !buf.contains(&b'\n');
            return Err(HeadError::TooLarge { line });
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut {
                partial: !buf.is_empty(),
            });
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(HeadError::Closed);
        }
        let room = (MAX_HEAD - buf.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]) {
            Ok(0) if buf.is_empty() => return Err(HeadError::Closed),
            Ok(0) => return Err(HeadError::Malformed("the request head ends early")),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(HeadError::Closed),
        }
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The minor version of `HTTP/1.x`; other versions are [`HeadError::Version`].
fn version(v: &str) -> Result<u8, HeadError> {
    let Some(num) = v.strip_prefix("HTTP/") else {
        return Err(HeadError::Malformed("no HTTP version in the request line"));
    };
    match num {
        "1.1" => Ok(1),
        "1.0" => Ok(0),
        n if n.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !n.is_empty() => {
            Err(HeadError::Version)
        }
        _ => Err(HeadError::Malformed("bad HTTP version")),
    }
}

/// Parses a complete head (request line, header lines, empty line).
pub fn parse_head(head: &[u8]) -> Result<Request, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed("not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or("");
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, ver] = parts[..] else {
        return Err(HeadError::Malformed(
            "the request line is not METHOD TARGET VERSION",
        ));
    };
    let minor = version(ver)?;
    if !is_token(method) {
        return Err(HeadError::Malformed("bad method"));
    }
    if target.is_empty() || target.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(HeadError::Malformed("bad request target"));
    }
    let mut headers = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        if line.starts_with([' ', '\t']) {
            return Err(HeadError::Malformed("folded header line"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(HeadError::Malformed("a header line without a colon"));
        };
        if !is_token(name) || value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(HeadError::Malformed("bad header line"));
        }
        headers.push((
            name.to_string(),
            value.trim_matches([' ', '\t']).to_string(),
        ));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        minor,
        headers,
    })
}

/// A complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Header fields besides the standard ones [`Reply::write_to`] adds.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for HEAD).
    pub body: Vec<u8>,
}

impl Reply {
    /// A response with a body of the given type.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    /// Adds a header field.
    pub fn with(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The bytes of the status line and headers.
    pub fn head(&self, close: bool) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        if let Ok(date) = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&jiff::Timestamp::now())
        {
            h.push_str(&format!("Date: {date}\r\n"));
        }
        for (k, v) in &self.headers {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        h.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
            self.body.len(),
            if close { "close" } else { "keep-alive" }
        ));
        h.into_bytes()
    }

    /// Writes the response; without the body for a HEAD request.
    pub fn write_to(&self, w: &mut impl Write, head_only: bool, close: bool) -> io::Result<()> {
        let mut bytes = self.head(close);
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        w.write_all(&bytes)?;
        w.flush()
    }
}

/// The reason phrase of the statuses the server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_end_at_the_first_empty_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"), Some(27));
        assert_eq!(head_end(b"GET / HTTP/1.1\nHost: a\n\nrest"), Some(24));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\n\r\n"), Some(26));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
        assert_eq!(head_end(b""), None);
    }

    #[test]
    fn parses_crlf_and_bare_lf_heads() {
        for raw in [
            &b"GET /a?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nAccept:  text/html \r\n\r\n"[..],
            &b"GET /a?x=1 HTTP/1.1\nHost: 127.0.0.1:1111\nAccept: text/html\n\n"[..],
        ] {
            let r = parse_head(raw).unwrap();
            assert_eq!(
                (r.method.as_str(), r.target.as_str(), r.minor),
                ("GET", "/a?x=1", 1)
            );
            assert_eq!(r.header("host"), Some("127.0.0.1:1111"));
            assert_eq!(r.header("ACCEPT"), Some("text/html"));
            assert!(r.keep_alive());
        }
    }

    #[test]
    fn refuses_what_is_not_http_1() {
        let table: &[(&[u8], HeadError)] = &[
            (b"GET / HTTP/2.0\r\n\r\n", HeadError::Version),
            (b"PRI * HTTP/2.0\r\n\r\n", HeadError::Version),
            (b"GET / HTTP/0.9\r\n\r\n", HeadError::Version),
            (
                b"GET /\r\n\r\n",
                HeadError::Malformed("the request line is not METHOD TARGET VERSION"),
            ),
            (
                b"GET  / HTTP/1.1\r\n\r\n",
                HeadError::Malformed("the request line is not METHOD TARGET VERSION"),
            ),
            (
                b"GET / FTP/1.1\r\n\r\n",
                HeadError::Malformed("no HTTP version in the request line"),
            ),
            (
                b"G(T / HTTP/1.1\r\n\r\n",
                HeadError::Malformed("bad method"),
            ),
            (
                b"GET / HTTP/1.1\r\nHost a\r\n\r\n",
                HeadError::Malformed("a header line without a colon"),
            ),
            (
                b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
                HeadError::Malformed("bad header line"),
            ),
            (
                b"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",
                HeadError::Malformed("folded header line"),
            ),
            (
                b"GET /\xff HTTP/1.1\r\n\r\n",
                HeadError::Malformed("not UTF-8"),
            ),
        ];
        for (raw, want) in table {
            assert_eq!(
                parse_head(raw).as_ref(),
                Err(want),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn connections_close_after_http_1_0_bodies_and_close() {
        let r = |raw: &[u8]| parse_head(raw).unwrap().keep_alive();
        assert!(!r(b"GET / HTTP/1.0\r\n\r\n"));
        assert!(!r(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n"));
        assert!(!r(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"));
        assert!(!r(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        assert!(r(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    }

    #[test]
    fn replies_carry_their_length() {
        let r = Reply::text(404, "404\n").with("X-A", "b");
        let mut out = Vec::new();
        r.write_to(&mut out, false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("\r\nContent-Length: 4\r\n"));
        assert!(text.contains("\r\nX-A: b\r\n"));
        assert!(text.contains("\r\nConnection: close\r\n"));
        assert!(text.ends_with("\r\n\r\n404\n"));
        let mut head = Vec::new();
        r.write_to(&mut head, true, false).unwrap();
        assert!(
            String::from_utf8(head)
                .unwrap()
                .ends_with("keep-alive\r\n\r\n")
        );
    }
}
