//! The preview server, started for real on a free loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Fixture;

/// A running `jianxun serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(f: &Fixture) -> Server {
        Server::start_with(f, &[])
    }

    pub fn start_with(f: &Fixture, env: &[(&str, &str)]) -> Server {
        Server::start_on(f, env, "0")
    }

    pub fn start_on(f: &Fixture, env: &[(&str, &str)], port: &str) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianxun"));
        cmd.args(["serve", "--port", port])
            .current_dir(f.root())
            .env("JIANXUN_LANG", "en");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Server::spawn(cmd)
    }

    /// Starts `cmd` (a `jianxun serve` that prints its URL first) with stdout piped.
    pub fn spawn(mut cmd: Command) -> Server {
        cmd.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = cmd.spawn().expect("start serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("serve prints its URL").expect("utf-8");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_else(|| panic!("no URL in {first}"))
            .to_string();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn raw(&self, request: &str) -> Response {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        Response::parse(&buf)
    }

    pub fn get(&self, path: &str) -> Response {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    pub fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.write_all(
            format!(
                "GET /__jianxun/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        Events {
            stream: s,
            buf: String::new(),
        }
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn parse(buf: &[u8]) -> Response {
        let text = String::from_utf8_lossy(buf).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            l.strip_prefix(&format!("{}: ", name.to_ascii_lowercase()))
                .map(str::to_string)
        })
    }
}

/// An open event stream.
pub struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    /// The next event (name, data) within `within`.
    pub fn next(&mut self, within: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + within;
        loop {
            while let Some(i) = self.buf.find("\n\n") {
                let frame: String = self.buf.drain(..i + 2).collect();
                let mut name = None;
                let mut data = String::new();
                for line in frame.lines() {
                    if let Some(n) = line.strip_prefix("event: ") {
                        name = Some(n.to_string());
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data.push_str(d);
                    }
                }
                if let Some(n) = name {
                    return Some((n, data));
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => self.buf.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {}
            }
        }
    }

    /// Every event within `within`.
    pub fn drain(&mut self, within: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + within;
        let mut all = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(e) => all.push(e),
                None => break,
            }
        }
        all
    }
}

pub fn site() -> Fixture {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "metrics:\n  参与企业: 411\n",
        "第一版正文。",
    );
    f.bulletin(
        "b",
        "厦门节日安全",
        "2026-01-12",
        "福建/厦门",
        "",
        "厦门正文。",
    );
    f
}

pub const WAIT: Duration = Duration::from_secs(10);

/// The preview runs without transparent huge pages, as every command does:
/// with them the kernel cleared 2 MiB at each first touch of memory, and
/// the first build of 10,000 bulletins took twice as long.
#[cfg(target_os = "linux")]
#[test]
fn the_preview_runs_without_huge_pages() {
    let f = site();
    let s = Server::start(&f);
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
    // `THP_enabled` is in the status of Linux 6.x (the machines tests run on).
    let line = status
        .lines()
        .find(|l| l.starts_with("THP_enabled:"))
        .expect("THP_enabled in /proc/<pid>/status");
    assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
}

#[test]
fn pages_are_served_with_the_right_types() {
    let f = site();
    let s = Server::start(&f);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("宜宾园区安全检查"));
    assert!(
        home.body.contains("/__jianxun/reload.js"),
        "reload script injected"
    );
    assert_eq!(
        s.get("/style.css").header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        s.get("/__jianxun/reload.js")
            .header("content-type")
            .as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    let redirect = s.get("/bulletins/a");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("location").as_deref(),
        Some("/bulletins/a/")
    );
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's 404 page");
    let head = s.raw(&format!(
        "HEAD / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.addr
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = s.raw(&format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        s.addr
    ));
    assert_eq!(post.status, 405);
    // Permalinks use the served address.
    assert!(
        s.get("/bulletins/a/")
            .body
            .contains(&format!("http://{}/bulletins/a/", s.addr))
    );
    assert!(
        !f.path("site").exists(),
        "serve never writes the output folder"
    );
}

#[test]
fn traversal_attempts_are_refused() {
    let f = site();
    f.write("secret.txt", "TOP-SECRET");
    let s = Server::start(&f);
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/bulletins/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/content/bulletins/a.md",
        "/jianxun.yaml",
        "/secret.txt",
        "/a%00.html",
        "/etc/passwd",
    ] {
        let r = s.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ));
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(
            !r.body.contains("TOP-SECRET") && !r.body.contains("root:"),
            "{target}"
        );
    }
}

#[test]
fn an_edit_reloads_and_a_bad_edit_shows_errors_until_fixed() {
    let f = site();
    let s = Server::start(&f);
    let mut ev = s.events();
    let (name, _) = ev.next(WAIT).expect("current state on connect");
    assert_eq!(name, "reload");
    // Another bulletin's page is open; saving `a` sends every page to it.
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "",
        "第二版正文。",
    );
    let (name, data) = ev.next(WAIT).expect("reload after save");
    assert_eq!(name, "reload");
    assert!(data.contains("\"path\":\"/bulletins/a/\""), "{data}");
    assert!(s.get("/bulletins/a/").body.contains("第二版正文"));

    f.write("content/bulletins/a.md", "---\ntitle: 坏\ndate: 2024-13-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n第三版<script>\n");
    let (name, data) = ev.next(WAIT).expect("errors after a bad save");
    assert_eq!(name, "errors");
    assert!(data.contains("content/bulletins/a.md:3:7"), "{data}");
    let page = s.get("/bulletins/a/");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.body.contains("第二版正文"));
    // A page opened now learns about the errors at once.
    let mut late = s.events();
    assert_eq!(late.next(WAIT).map(|e| e.0).as_deref(), Some("errors"));

    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "",
        "第四版正文。",
    );
    let (name, _) = ev.next(WAIT).expect("reload after the fix");
    assert_eq!(name, "reload");
    assert!(s.get("/bulletins/a/").body.contains("第四版正文"));
}

#[test]
fn a_css_change_swaps_styles_without_reload() {
    let f = site();
    f.write("static/style.css", "body { color: black }");
    let s = Server::start(&f);
    let mut ev = s.events();
    ev.next(WAIT).expect("hello");
    f.write("static/style.css", "body { color: red }");
    let (name, _) = ev.next(WAIT).expect("css event");
    assert_eq!(name, "css");
    assert_eq!(s.get("/style.css").body, "body { color: red }");
}

#[test]
fn an_atomic_rename_save_is_seen() {
    let f = site();
    let s = Server::start(&f);
    let mut ev = s.events();
    ev.next(WAIT).expect("hello");
    f.write("content/bulletins/.a.md.swp", "---\ntitle: 临时\n");
    f.write("content/bulletins/a.md.tmp", "---\ntitle: 宜宾园区安全检查\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n改名保存的正文。\n");
    std::fs::rename(
        f.path("content/bulletins/a.md.tmp"),
        f.path("content/bulletins/a.md"),
    )
    .unwrap();
    let (name, _) = ev.next(WAIT).expect("reload");
    assert_eq!(name, "reload");
    assert!(s.get("/bulletins/a/").body.contains("改名保存的正文"));
}

#[test]
fn a_burst_of_writes_is_one_rebuild() {
    let f = site();
    let s = Server::start_with(&f, &[("JIANXUN_QUIET_MS", "150")]);
    let mut ev = s.events();
    ev.next(WAIT).expect("hello");
    for i in 0..200 {
        f.bulletin(
            &format!("burst-{i:03}"),
            &format!("批量简讯{i}"),
            "2024-05-01",
            "山西/大同",
            "",
            "批量正文。",
        );
    }
    let events = ev.drain(Duration::from_secs(3));
    let reloads = events.iter().filter(|e| e.0 == "reload").count();
    assert_eq!(reloads, 1, "{events:?}");
    assert_eq!(s.get("/bulletins/burst-199/").status, 200);
}

#[test]
fn new_folders_deletes_and_renames_are_seen() {
    let f = site();
    let s = Server::start(&f);
    let mut ev = s.events();
    ev.next(WAIT).expect("hello");
    f.bulletin(
        "2030/deep/new",
        "新目录里的简讯",
        "2024-06-01",
        "山西/大同",
        "",
        "正文。",
    );
    ev.next(WAIT).expect("reload");
    assert_eq!(s.get("/bulletins/new/").status, 200);
    std::fs::rename(
        f.path("content/bulletins/b.md"),
        f.path("content/bulletins/c.md"),
    )
    .unwrap();
    ev.next(WAIT).expect("reload after rename");
    assert_eq!(s.get("/bulletins/b/").status, 404);
    assert_eq!(s.get("/bulletins/c/").status, 200);
    std::fs::remove_file(f.path("content/bulletins/c.md")).unwrap();
    ev.next(WAIT).expect("reload after delete");
    assert_eq!(s.get("/bulletins/c/").status, 404);
}

#[test]
fn many_open_event_streams_do_not_block_pages() {
    let f = site();
    let s = Server::start(&f);
    let mut streams: Vec<Events> = (0..60).map(|_| s.events()).collect();
    for e in streams.iter_mut() {
        assert!(
            e.next(WAIT).is_some(),
            "every stream gets the current state: {:?}",
            e.buf
        );
    }
    let t = Instant::now();
    for _ in 0..20 {
        assert_eq!(s.get("/").status, 200);
    }
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "pages still served with 60 streams open"
    );
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "",
        "广播。",
    );
    for e in streams.iter_mut() {
        assert_eq!(e.next(WAIT).map(|x| x.0).as_deref(), Some("reload"));
    }
}

#[test]
fn port_in_use_is_a_clear_error() {
    let f = site();
    let s = Server::start(&f);
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    let r = f.run(&["serve", "--port", &port]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot listen"), "{}", r.stderr);
}

/// The build version a page was served with (in its reload script URL).
fn page_version(html: &str) -> String {
    html.split("/__jianxun/reload.js?v=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_string()
}

fn event_version(data: &str) -> String {
    data.split("\"version\":")
        .nth(1)
        .map(|s| s.chars().take_while(char::is_ascii_digit).collect())
        .unwrap_or_default()
}

#[test]
fn a_restarted_server_tells_reconnecting_pages_to_reload() {
    let f = site();
    let first = Server::start(&f);
    let page = first.get("/bulletins/a/").body;
    let mut ev = first.events();
    let (_, data) = ev.next(WAIT).expect("hello");
    // A freshly served page and its event stream agree: no reload.
    assert_eq!(page_version(&page), event_version(&data));
    let port = first.addr.rsplit(':').next().unwrap().to_string();
    drop(first);
    // The browser's EventSource reconnects to the same address; the new
    // server announces a new build, which the page's script answers with a reload.
    let second = Server::start_on(&f, &[], &port);
    let mut ev2 = second.events();
    let (name, data2) = ev2.next(WAIT).expect("hello from the new server");
    assert_eq!(name, "reload");
    assert_ne!(
        event_version(&data2),
        page_version(&page),
        "a page from the old server sees a new version"
    );
}
