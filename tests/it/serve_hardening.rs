//! The preview server under strain, started for real on a free loopback
//! port: pages that stop reading their event stream, idle, trickling and
//! oversized connections, more connections than it keeps, running out of
//! file descriptors, foreign `Host` and `Origin` headers, odd request
//! lines, and folders moved into, out of and within `content/`.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::serve::{Response, Server, site};

const WAIT: Duration = Duration::from_secs(10);

/// Reads what the server sends on `s` until it closes the connection or
/// `within` passes; `true` when it was closed.
fn read_until_closed(s: &mut TcpStream, within: Duration) -> (Vec<u8>, bool) {
    let deadline = Instant::now() + within;
    let mut buf = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (buf, false);
        }
        let _ = s.set_read_timeout(Some(left.min(Duration::from_millis(200))));
        let mut chunk = [0u8; 16384];
        match s.read(&mut chunk) {
            Ok(0) => return (buf, true),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return (buf, true),
        }
    }
}

/// Sends `raw` on a new connection; the response and whether the server
/// closed the connection within `within`.
fn exchange(addr: &str, raw: &[u8], within: Duration) -> (Response, bool) {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (Response::parse(b""), true);
    };
    let _ = s.set_write_timeout(Some(within));
    let _ = s.write_all(raw);
    let (buf, closed) = read_until_closed(&mut s, within);
    (Response::parse(&buf), closed)
}

fn get_with_host(addr: &str, path: &str, host: &str) -> Response {
    let raw = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    exchange(addr, raw.as_bytes(), WAIT).0
}

fn port_of(s: &Server) -> String {
    s.addr.rsplit(':').next().unwrap_or("").to_string()
}

/// Waits until `GET /` answers 200, for at most `within`.
fn answers_again(s: &Server, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let raw = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.addr
    );
    while Instant::now() < deadline {
        if exchange(&s.addr, raw.as_bytes(), Duration::from_secs(2))
            .0
            .status
            == 200
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[test]
fn a_page_that_stops_reading_its_event_stream_holds_up_no_one() {
    let f = site();
    let s = Server::start(&f);
    let mut reader = s.events();
    reader.next(WAIT).expect("hello");
    // Asks for the event stream and never reads a byte of it.
    let mut stuck = TcpStream::connect(&s.addr).expect("connect");
    stuck
        .write_all(
            format!(
                "GET /__jianxun/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
                s.addr
            )
            .as_bytes(),
        )
        .expect("ask for events");
    // Each broken save sends every page an error event of about 1 MB (the
    // unknown campaign's name is quoted), far more than a socket buffers.
    let long = "长".repeat(300_000);
    for i in 0..12 {
        f.write(
            "content/bulletins/big.md",
            &format!(
                "---\ntitle: 大事件\ndate: 2024-01-01\ncampaign: {long}{i}\nregion: 山西/大同\n---\n正文。\n"
            ),
        );
        let (name, data) = reader
            .next(WAIT)
            .unwrap_or_else(|| panic!("save {i}: the page that reads heard nothing"));
        assert_eq!(name, "errors");
        assert!(data.contains(&format!("长{i}`")), "save {i}: a stale event");
    }
    // A page opened now learns the state at once, and pages are served.
    let mut late = s.events();
    assert_eq!(late.next(WAIT).map(|e| e.0).as_deref(), Some("errors"));
    assert_eq!(s.get("/").status, 200);
    std::fs::remove_file(f.path("content/bulletins/big.md")).expect("remove");
    assert_eq!(reader.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    drop(stuck);
}

#[test]
fn idle_and_trickling_connections_are_closed() {
    let f = site();
    let s = Server::start(&f);
    let mut idle: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(&s.addr).expect("connect"))
        .collect();
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).expect("connect");
            c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .expect("start a request");
            c
        })
        .collect();
    assert_eq!(s.get("/").status, 200, "pages are served meanwhile");
    // One byte a second: a request head must arrive whole within a time limit.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(16) {
        std::thread::sleep(Duration::from_secs(1));
        for c in slow.iter_mut() {
            let _ = c.write_all(b"x");
        }
    }
    for (i, c) in idle.iter_mut().chain(slow.iter_mut()).enumerate() {
        let (_, closed) = read_until_closed(c, Duration::from_secs(4));
        assert!(closed, "connection {i} is still open after 20 s");
    }
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn an_oversized_request_head_is_refused() {
    let f = site();
    let s = Server::start(&f);
    let mut head = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Filler: ", s.addr).into_bytes();
    head.resize(1024 * 1024, b'a');
    let (r, closed) = exchange(&s.addr, &head, WAIT);
    assert_eq!(r.status, 431, "{}", r.head);
    assert!(closed, "the connection is closed");
    let mut long_target = b"GET /".to_vec();
    long_target.resize(200 * 1024, b'a');
    let (r, closed) = exchange(&s.addr, &long_target, WAIT);
    assert!(r.status == 414 || r.status == 431, "{}", r.head);
    assert!(closed);
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn connections_beyond_the_limit_are_turned_away_at_once() {
    let f = site();
    let s = Server::start(&f);
    let held: Vec<TcpStream> = (0..600)
        .map(|_| TcpStream::connect(&s.addr).expect("connect"))
        .collect();
    let raw = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.addr
    );
    let (r, closed) = exchange(&s.addr, raw.as_bytes(), WAIT);
    assert_eq!(r.status, 503, "a full server says so: {}", r.head);
    assert!(closed);
    drop(held);
    assert!(
        answers_again(&s, WAIT),
        "served again once connections close"
    );
}

#[cfg(unix)]
#[test]
fn running_out_of_file_descriptors_does_not_stop_the_server() {
    let f = site();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -n 64 && exec \"$0\" serve --port 0")
        .arg(env!("CARGO_BIN_EXE_jianxun"))
        .current_dir(f.root());
    let s = Server::spawn(cmd);
    assert_eq!(s.get("/").status, 200);
    // More connections than the process may have descriptors.
    let flood: Vec<TcpStream> = (0..200)
        .filter_map(|_| TcpStream::connect(&s.addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    drop(flood);
    assert!(
        answers_again(&s, Duration::from_secs(15)),
        "the server stopped answering after it ran out of descriptors"
    );
}

#[test]
fn only_loopback_hosts_are_served() {
    let f = site();
    let s = Server::start(&f);
    let port = port_of(&s);
    for host in [
        s.addr.clone(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_with_host(&s.addr, "/", &host).status, 200, "{host}");
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.example:{port}"),
        format!("127.0.0.1:{port}@evil.example"),
    ] {
        for path in ["/", "/bulletins/a/", "/__jianxun/events"] {
            let r = get_with_host(&s.addr, path, &host);
            assert_eq!(r.status, 403, "{host} {path}");
            assert!(!r.body.contains("宜宾"), "{host} {path}");
        }
    }
    let no_host = exchange(
        &s.addr,
        b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        WAIT,
    )
    .0;
    assert_eq!(no_host.status, 400, "HTTP/1.1 needs a Host");
    // The event stream also checks Origin, when there is one.
    let events = |origin: &str| {
        let raw = format!(
            "GET /__jianxun/events HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\n\r\n",
            s.addr
        );
        let (r, _) = exchange(&s.addr, raw.as_bytes(), Duration::from_secs(2));
        r.status
    };
    assert_eq!(events(&format!("http://evil.example:{port}")), 403);
    assert_eq!(events("null"), 403);
    assert_eq!(events(&format!("http://localhost:{port}")), 200);
    assert_eq!(events(&format!("http://{}", s.addr)), 200);
}

#[test]
fn odd_request_lines_are_answered_never_left_hanging() {
    let f = site();
    let s = Server::start(&f);
    let host = &s.addr;
    let cases: Vec<(Vec<u8>, &[u16])> = vec![
        (
            format!("GET / HTTP/2.0\r\nHost: {host}\r\n\r\n").into_bytes(),
            &[505],
        ),
        (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(), &[400, 505]),
        (
            format!("GET / HTTP/1.1\nHost: {host}\nConnection: close\n\n").into_bytes(),
            &[200],
        ),
        (b"GET /\r\n\r\n".to_vec(), &[400]),
        (
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
            &[400],
        ),
        (
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nBroken header line\r\n\r\n").into_bytes(),
            &[400],
        ),
    ];
    for (raw, want) in cases {
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let (r, closed) = exchange(&s.addr, &raw, Duration::from_secs(5));
        assert!(want.contains(&r.status), "{shown:?}: {}", r.status);
        assert!(closed, "{shown:?}: the connection is left open");
    }
}

#[test]
fn a_bind_name_that_does_not_resolve_says_so() {
    let f = site();
    let r = f.run(&["serve", "--bind", "no such host", "--port", "0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot resolve"), "{}", r.stderr);
    assert!(!r.stderr.contains("another program"), "{}", r.stderr);
}

#[test]
fn folders_moved_out_of_into_and_within_content_are_seen() {
    let f = site();
    f.bulletin(
        "2031/x",
        "二〇三一年的简讯",
        "2024-03-01",
        "山西/大同",
        "",
        "正文。",
    );
    f.write(
        "content/bulletins/broken/y.md",
        "---\ntitle: 坏\ndate: 2024-13-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n坏。\n",
    );
    std::fs::create_dir_all(f.path("attic")).expect("mkdir");
    let s = Server::start(&f);
    let mut ev = s.events();
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("errors"));
    // The broken file leaves with its folder: the errors clear.
    std::fs::rename(f.path("content/bulletins/broken"), f.path("attic/broken")).expect("move out");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 200);
    // A bulletin leaves with its folder: its page goes.
    std::fs::rename(f.path("content/bulletins/2031"), f.path("attic/2031")).expect("move out");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 404);
    // Back in under another name, then renamed in place: served once, no duplicate.
    std::fs::rename(f.path("attic/2031"), f.path("content/bulletins/back")).expect("move in");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 200);
    std::fs::rename(
        f.path("content/bulletins/back"),
        f.path("content/bulletins/2032"),
    )
    .expect("rename");
    let (name, data) = ev.next(WAIT).expect("an event after the rename");
    assert_eq!(name, "reload", "{data}");
    assert_eq!(s.get("/bulletins/x/").status, 200);
}

#[test]
fn refusals_are_told_in_chinese() {
    let f = site();
    let s = Server::start_with(&f, &[("JIANXUN_LANG", "zh")]);
    let post = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
        s.addr
    );
    let (r, _) = exchange(&s.addr, post.as_bytes(), WAIT);
    assert_eq!(r.status, 405, "{}", r.head);
    assert!(r.body.contains("只接受 GET 和 HEAD"), "{}", r.body);
    let mut long_target = b"GET /".to_vec();
    long_target.resize(200 * 1024, b'a');
    let (r, _) = exchange(&s.addr, &long_target, WAIT);
    assert!(
        r.body.contains("太长") || r.body.contains("太大"),
        "{}",
        r.body
    );
    let no_host = b"GET / HTTP/1.1\r\n\r\n";
    let (r, _) = exchange(&s.addr, no_host, WAIT);
    assert_eq!(r.status, 400, "{}", r.head);
    assert!(r.body.contains("Host"), "{}", r.body);
    assert!(!r.body.is_ascii(), "{}", r.body);
}
