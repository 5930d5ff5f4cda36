//! Headless-Chromium checks, driven by the Node scripts in `tests/browser/`.
//!
//! Ignored in a plain `cargo test` because they need Chromium and Node with
//! `npm ci --ignore-scripts` run in `tests/browser`; `.ci/run` installs both
//! and runs them with `cargo test -- --ignored`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::support::{Fixture, repo};

/// One browser test at a time: two Chromiums on a small machine make both slow.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

fn one_browser() -> MutexGuard<'static, ()> {
    ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner())
}

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// Fails with the set-up steps when Node or the npm packages are missing.
fn require_node() {
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "browser tests need Node.js (`node` on PATH) and Chromium; see README.md, \"Browser tests\""
    );
    assert!(
        browser_dir()
            .join("node_modules/playwright-core/package.json")
            .exists(),
        "browser tests need their npm packages: run `npm ci --ignore-scripts` in tests/browser \
         (and `apt-get install -y chromium chromium-driver`); see README.md, \"Browser tests\""
    );
}

/// A running `jianxun serve --port 0`, killed when dropped.
struct Serve {
    child: Child,
    url: String,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    fn start(dir: &Path, args: &[&str]) -> Serve {
        Serve::start_in(dir, args, "en")
    }

    /// [`Serve::start`], speaking `lang`.
    fn start_in(dir: &Path, args: &[&str], lang: &str) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianxun"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("JIANXUN_LANG", lang)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start jianxun serve");
        let stderr = drain(child.stderr.take().expect("stderr"));
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = match lines.next() {
            Some(Ok(line)) => line,
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "expected `jianxun serve` to print its URL; stderr:\n{}",
                    stderr.lock().unwrap()
                );
            }
        };
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| {
                panic!("expected \"Serving <root> at http://127.0.0.1:PORT/ (…)\", got {first}")
            })
            .to_string();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Serve { child, url, stderr }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe to the end on a thread.
fn drain(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    text
}

/// Runs `node tests/browser/<script> args…`; panics with its output (and the
/// server's stderr) unless it exits 0 within `limit`. Returns its stdout.
fn node(script: &str, args: &[&str], server: &Serve, limit: Duration) -> String {
    require_node();
    let mut child = Command::new("node")
        .arg(browser_dir().join(script))
        .args(args)
        .current_dir(repo())
        .env("JIANXUN_BIN", env!("CARGO_BIN_EXE_jianxun"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    let out = drain(child.stdout.take().expect("stdout"));
    let err = drain(child.stderr.take().expect("stderr"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    // Let the reader threads catch up with the last output.
    std::thread::sleep(Duration::from_millis(100));
    let stdout = out.lock().unwrap().clone();
    let stderr = err.lock().unwrap().clone();
    println!("{stdout}");
    let ok = status.is_some_and(|s| s.success());
    assert!(
        ok,
        "expected `node tests/browser/{script}` to pass within {} s, but it {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- jianxun serve stderr\n{}",
        limit.as_secs(),
        match status {
            Some(s) => format!("exited with {s}"),
            None => "timed out and was killed".to_string(),
        },
        server.stderr.lock().unwrap()
    );
    stdout
}

#[test]
#[ignore = "needs Chromium and Node: see README.md, Browser tests"]
fn live_reload_in_chromium() {
    let _one = one_browser();
    let f = Fixture::new();
    f.bulletin(
        "live",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "metrics:\n  参与企业: 411\n",
        "第一版正文。",
    );
    f.bulletin(
        "other",
        "厦门节日安全",
        "2026-01-12",
        "福建/厦门",
        "",
        "厦门正文。",
    );
    // The editor's own copy of the theme's stylesheet, which the test edits.
    let css = std::fs::read_to_string(repo().join("themes/default/static/style.css"))
        .expect("the default theme's style.css");
    f.write("static/style.css", &css);
    assert!(
        f.read("content/bulletins/live.md")
            .lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("date: ")),
        "the fixture's date is on line 3, so a bad date is reported at :3:7"
    );

    let server = Serve::start(f.root(), &[]);
    let site = f.root().to_str().expect("UTF-8 temp path");
    let stdout = node(
        "live_reload.mjs",
        &[
            &server.url,
            site,
            "content/bulletins/live.md",
            "/bulletins/live/",
        ],
        &server,
        Duration::from_secs(180),
    );
    assert!(
        stdout.contains("live reload: all checks passed"),
        "{stdout}"
    );
}

#[test]
#[ignore = "needs Chromium and Node: see README.md, Browser tests"]
fn error_overlay_like_the_terminal_on_a_phone() {
    let _one = one_browser();
    let f = Fixture::new();
    f.bulletin(
        "live",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "metrics:\n  参与企业: 411\n",
        "正文。",
    );
    let line = f
        .read("content/bulletins/live.md")
        .lines()
        .position(|l| l == "  参与企业: 411")
        .expect("the metric line")
        + 1;
    let server = Serve::start_in(f.root(), &[], "zh");
    let site = f.root().to_str().expect("UTF-8 temp path");
    let stdout = node(
        "overlay.mjs",
        &[
            &server.url,
            site,
            "content/bulletins/live.md",
            "/bulletins/live/",
            &line.to_string(),
        ],
        &server,
        Duration::from_secs(180),
    );
    assert!(stdout.contains("overlay: all checks passed"), "{stdout}");
}

#[test]
#[ignore = "needs Chromium and Node: see README.md, Browser tests"]
fn reader_pages_in_chromium() {
    let _one = one_browser();
    // `serve` never writes, so the example site in the repository is served as it is.
    let server = Serve::start(&repo(), &["--root", "."]);
    let stdout = node(
        "reader.mjs",
        &[&server.url],
        &server,
        Duration::from_secs(300),
    );
    assert!(
        stdout.contains("reader pages: all checks passed"),
        "{stdout}"
    );
}

#[test]
#[ignore = "needs Chromium and Node: see README.md, Browser tests"]
fn reader_layout_at_phone_and_desktop_widths() {
    let _one = one_browser();
    let server = Serve::start(&repo(), &["--root", "."]);
    let stdout = node(
        "layout.mjs",
        &[&server.url],
        &server,
        Duration::from_secs(300),
    );
    assert!(stdout.contains("layout: all checks passed"), "{stdout}");
}

#[test]
#[ignore = "needs Chromium and Node: see README.md, Browser tests"]
fn a_bulletin_prints_as_a_jianxun_in_chromium() {
    let _one = one_browser();
    // The example site declares series; its newest issue is printed.
    let server = Serve::start(&repo(), &["--root", "."]);
    let stdout = node(
        "print.mjs",
        &[&server.url],
        &server,
        Duration::from_secs(180),
    );
    assert!(stdout.contains("print: all checks passed"), "{stdout}");
}
