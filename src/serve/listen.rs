//! The preview server's connections: a `std::net` listener, one thread per
//! connection, every resource bounded.
//!
//! Takes a listener and a handler (request head → [`Answer`]); gives back
//! only when the listener is dead. A connection has [`Limits::head_timeout`]
//! to send each request head whole (idle keep-alive connections and slow
//! senders are closed), at most [`wire::MAX_HEAD`] bytes for it, and
//! [`Limits::write_timeout`] for each answer. At most
//! [`Limits::max_connections`] are open at once, event streams included;
//! past that a new connection gets a 503 and is closed at once. Accept
//! errors that pass (no file descriptors left, a connection reset before it
//! was taken) are reported and retried with a back-off; an error that says
//! the listener is gone ends [`serve`].

use crate::messages::{Key, Lang, Msg, io_reason};
use crate::msg;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::wire::{self, Reply, Request};

/// Bounds on what clients may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once, event streams included.
    pub max_connections: usize,
    /// Time for a request head to arrive whole, counted from the previous
    /// answer (or the connection's start).
    pub head_timeout: Duration,
    /// Time for one write to make progress before the client is dropped.
    pub write_timeout: Duration,
    /// The language of the warnings printed.
    pub lang: Lang,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 512,
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            lang: Lang::default(),
        }
    }
}

/// Takes over a connection after its request head (an event stream).
pub type TakeOver = Box<dyn FnOnce(TcpStream) + Send>;

/// What the handler makes of a request.
pub enum Answer {
    /// Send this and go on with the connection.
    Reply(Reply),
    /// Hand the connection over; it is counted until the taker drops it.
    TakeOver(TakeOver),
}

/// The request handler.
pub type Handler = Arc<dyn Fn(&Request) -> Answer + Send + Sync>;

/// Why the server could not start listening.
#[derive(Debug)]
pub enum BindError {
    /// `--bind` is neither an IP address nor a name that resolves.
    Resolve(io::Error),
    /// The address resolved but could not be listened on.
    Listen(SocketAddr, io::Error),
}

/// Whether `name` could be a host name (letters, digits, `-`, `.`, `_`):
/// anything else fails here, without asking a name server.
fn is_host_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|l| !l.is_empty() && l.len() <= 63)
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
}

/// Resolves `bind` (an IP address, `[v6]`, or a host name) and listens on
/// the first address that accepts.
pub fn bind(bind: &str, port: u16) -> Result<TcpListener, BindError> {
    let unbracketed = bind
        .strip_prefix('[')
        .and_then(|b| b.strip_suffix(']'))
        .unwrap_or(bind);
    let addrs: Vec<SocketAddr> = match unbracketed.parse::<std::net::IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) if !is_host_name(bind) => {
            let why = "not an IP address or a host name";
            return Err(BindError::Resolve(io::Error::new(
                ErrorKind::InvalidInput,
                why,
            )));
        }
        Err(_) => (bind, port)
            .to_socket_addrs()
            .map_err(BindError::Resolve)?
            .collect(),
    };
    let mut last = None;
    for addr in addrs {
        match TcpListener::bind(addr) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(BindError::Listen(addr, e)),
        }
    }
    Err(last.unwrap_or_else(|| {
        let why = "the name has no address";
        BindError::Resolve(io::Error::new(ErrorKind::NotFound, why))
    }))
}

/// What to do after an accept error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptFailure {
    /// It passes (no descriptors or memory left, a connection that went
    /// away before it was taken): wait a little and accept again.
    Retry,
    /// The listener itself is gone.
    Dead,
}

/// Sorts an accept error; `listener_ok` tells whether the listener still
/// has an address (a closed or broken socket has none).
pub fn accept_failure(e: &io::Error, listener_ok: bool) -> AcceptFailure {
    let dead = matches!(
        e.kind(),
        ErrorKind::InvalidInput | ErrorKind::NotConnected | ErrorKind::Unsupported
    );
    if dead || !listener_ok {
        AcceptFailure::Dead
    } else {
        AcceptFailure::Retry
    }
}

/// One open connection, counted while this lives.
struct Permit(Arc<AtomicUsize>);

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections until the listener dies; returns its last error.
pub fn serve(listener: TcpListener, limits: Limits, handler: Handler) -> io::Error {
    let open = Arc::new(AtomicUsize::new(0));
    let mut backoff = Duration::ZERO;
    let mut warned: Option<Instant> = None;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                backoff = Duration::ZERO;
                admit(stream, &open, limits, &handler);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => match accept_failure(&e, listener.local_addr().is_ok()) {
                AcceptFailure::Dead => return e,
                AcceptFailure::Retry => {
                    // Say so, but not for every retry of a long shortage.
                    if warned.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                        let open = open.load(Ordering::Acquire);
                        let m = Msg::new(Key::ServeNewConnection)
                            .arg_msg(io_reason(&e))
                            .arg(open);
                        let label = msg!(LabelWarning).text(limits.lang);
                        eprintln!("{label}: {}", m.text(limits.lang));
                        warned = Some(Instant::now());
                    }
                    backoff =
                        (backoff * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                    std::thread::sleep(backoff);
                }
            },
        }
    }
}

/// Starts a thread for `stream`, or turns it away when too many are open.
fn admit(stream: TcpStream, open: &Arc<AtomicUsize>, limits: Limits, handler: &Handler) {
    if open.fetch_add(1, Ordering::AcqRel) >= limits.max_connections {
        open.fetch_sub(1, Ordering::AcqRel);
        return turn_away(stream, limits.lang);
    }
    let permit = Permit(Arc::clone(open));
    let handler = Arc::clone(handler);
    // A failed spawn drops the closure: the stream closes, the permit returns.
    let _ = std::thread::Builder::new()
        .name("jianxun-http".into())
        .stack_size(256 * 1024)
        .spawn(move || {
            let _permit = permit;
            connection(stream, limits, &handler);
        });
}

/// Answers 503 without a thread: whatever the client sent so far is read
/// first, so closing does not reset the connection before it reads the answer.
fn turn_away(mut stream: TcpStream, lang: Lang) {
    let _ = stream.set_nonblocking(true);
    let mut sink = [0u8; 4096];
    let _ = stream.read(&mut sink);
    let reply =
        Reply::text(503, &format!("{}\n", msg!(ServeBusy).text(lang))).with("Retry-After", "1");
    let _ = stream.write_all(&reply.head(true));
    let _ = stream.write_all(&reply.body);
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.read(&mut sink);
}

/// Serves requests on one connection until it closes, times out or is taken over.
fn connection(mut stream: TcpStream, limits: Limits, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let mut buf = Vec::new();
    loop {
        let deadline = Instant::now() + limits.head_timeout;
        let req = match wire::read_head(&mut stream, &mut buf, deadline) {
            Ok(r) => r,
            Err(e) => {
                if let Some(reply) = e.reply(limits.lang) {
                    let _ = reply.write_to(&mut stream, false, true);
                    linger(stream);
                }
                return;
            }
        };
        let keep = req.keep_alive();
        match handler(&req) {
            Answer::TakeOver(take) => return take(stream),
            Answer::Reply(reply) => {
                if reply.write_to(&mut stream, req.is_head(), !keep).is_err() {
                    return;
                }
                if !keep {
                    return linger(stream);
                }
            }
        }
    }
}

/// Closes after an answer while the client may still be sending (a body,
/// an oversized head): stop sending, read and drop what still comes for a
/// moment, then close. Closing with unread input would reset the
/// connection and could destroy the answer before the client reads it.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 16384];
    let mut left: usize = 4 * 1024 * 1024;
    while left > 0 {
        let wait = until.saturating_duration_since(Instant::now());
        if wait.is_zero() || stream.set_read_timeout(Some(wait)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_errors_that_pass_are_retried() {
        let emfile = io::Error::from_raw_os_error(24);
        assert_eq!(accept_failure(&emfile, true), AcceptFailure::Retry);
        let aborted = io::Error::from(ErrorKind::ConnectionAborted);
        assert_eq!(accept_failure(&aborted, true), AcceptFailure::Retry);
        let oom = io::Error::from(ErrorKind::OutOfMemory);
        assert_eq!(accept_failure(&oom, true), AcceptFailure::Retry);
    }

    #[test]
    fn a_listener_that_is_gone_is_dead() {
        let einval = io::Error::from(ErrorKind::InvalidInput);
        assert_eq!(accept_failure(&einval, true), AcceptFailure::Dead);
        let emfile = io::Error::from_raw_os_error(24);
        assert_eq!(accept_failure(&emfile, false), AcceptFailure::Dead);
    }

    #[test]
    fn bind_names_are_checked_before_any_lookup() {
        for bad in ["no such host", "", "a..b", "http://x", "x/y"] {
            assert!(
                matches!(bind(bad, 0), Err(BindError::Resolve(_))),
                "{bad:?}"
            );
        }
        let l = bind("127.0.0.1", 0).expect("loopback");
        assert!(l.local_addr().expect("addr").ip().is_loopback());
    }
}
