//! `jianxun build --watch`, run for real: every save is written into the
//! output folder, which then holds exactly what a fresh `jianxun build`
//! writes; a broken save writes nothing, and a file jianxun did not write
//! is never replaced.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

use crate::serve::site;
use crate::support::{Fixture, files, snapshot};

/// A running `jianxun build --watch` (in English), killed when dropped.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long a step may take: a debug build on a busy machine.
const WAIT: Duration = Duration::from_secs(30);

impl Watching {
    /// Starts watching the fixture and waits until it watches.
    fn start(f: &Fixture) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianxun"))
            .args(["build", "--watch"])
            .current_dir(f.root())
            .env("JIANXUN_LANG", "en")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start build --watch");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let w = Watching { child, lines };
        w.until("Watching ");
        w
    }

    /// The lines printed until one holding `start` (that one last).
    fn until(&self, start: &str) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let done = line.contains(start);
                    seen.push(line);
                    if done {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with {start:?}; printed: {seen:#?}");
    }
}

/// The files of an output folder, the manifest left out (it records
/// bookkeeping that differs between two equal builds).
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(dir);
    all.remove(".jianxun-manifest");
    all
}

/// What a fresh `jianxun build` of the fixture writes, into a folder of
/// its own beside the fixture.
fn fresh_build(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("site");
    let run = f.run(&["build", "--output", &target.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    published(&target)
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    (files(dir).into_iter())
        .map(|(rel, p)| {
            (
                rel,
                std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .expect("mtime"),
            )
        })
        .collect()
}

/// The same site as a fresh build, file for file, after every kind of
/// save; a file whose bytes did not change keeps its mtime.
#[test]
fn every_save_leaves_the_output_folder_as_a_fresh_build_writes_it() {
    let f = site();
    let w = Watching::start(&f);
    let out = f.path("site");
    assert_eq!(published(&out), fresh_build(&f), "the first build");

    // An in-place save of a figure.
    let (before, times) = (published(&out), mtimes(&out));
    let a = f
        .read("content/bulletins/a.md")
        .replace("参与企业: 411", "参与企业: 412");
    f.write("content/bulletins/a.md", &a);
    let told = w.until("Updated ");
    let after = published(&out);
    assert_eq!(after, fresh_build(&f), "after an edit; printed {told:?}");
    assert!(String::from_utf8_lossy(&after["bulletins/a/index.html"]).contains("412"));
    let times_after = mtimes(&out);
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    let touched: Vec<&String> = (after.keys())
        .filter(|k| *k != ".jianxun-manifest" && times.get(*k) != times_after.get(*k))
        .collect();
    assert_eq!(
        touched, changed,
        "exactly the files whose bytes changed were written"
    );
    assert!(changed.len() < after.len() / 2, "{changed:?}");

    // A new bulletin, then one deleted.
    f.bulletin(
        "c",
        "宜宾新春走访",
        "2025-02-01",
        "四川/宜宾",
        "metrics:\n  参与企业: 30\n",
        "走访正文。",
    );
    w.until("Updated ");
    assert_eq!(published(&out), fresh_build(&f), "after a new bulletin");
    std::fs::remove_file(f.path("content/bulletins/b.md")).expect("delete b");
    w.until("Updated ");
    let after = published(&out);
    assert_eq!(after, fresh_build(&f), "after a deletion");
    assert!(!after.contains_key("bulletins/b/index.html"));

    // A broken save writes nothing and names the place; the fix is written.
    let kept = published(&out);
    f.write(
        "content/bulletins/a.md",
        "---\ntitle: 坏\ndate: 2024-13-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文\n",
    );
    let told = w.until("site is unchanged").join("\n");
    assert!(told.contains("content/bulletins/a.md:3:7"), "{told}");
    assert_eq!(published(&out), kept, "the last good site stays");
    f.write(
        "content/bulletins/a.md",
        &a.replace("第一版正文", "修好后的正文"),
    );
    w.until("Updated ");
    let after = published(&out);
    assert_eq!(after, fresh_build(&f), "after the fix");
    assert!(String::from_utf8_lossy(&after["bulletins/a/index.html"]).contains("修好后的正文"));

    // A configuration change renders every page and is written as a build
    // writes: refused while the folder holds a file jianxun did not write
    // (kept), written whole once it is moved away.
    f.write("site/notes.txt", "编辑自己的笔记");
    let config = f.read("jianxun.yaml").replace("测试简讯", "测试简讯（新）");
    f.write("jianxun.yaml", &config);
    let told = w.until("site is unchanged").join("\n");
    assert!(told.contains("notes.txt"), "{told}");
    assert_eq!(f.read("site/notes.txt"), "编辑自己的笔记");
    std::fs::remove_file(out.join("notes.txt")).expect("moved away");
    f.write("jianxun.yaml", &config);
    w.until("Updated ");
    assert_eq!(
        published(&out),
        fresh_build(&f),
        "after a configuration change"
    );
}

/// Saves a new bulletin, `c`.
fn save_c(f: &Fixture) {
    f.bulletin(
        "c",
        "宜宾新春走访",
        "2025-02-01",
        "四川/宜宾",
        "",
        "走访正文。",
    );
}

/// A page that would land on a file jianxun did not write is refused, the
/// file is kept, and once it is moved away the next save writes the site
/// whole again.
#[test]
fn a_save_never_writes_over_a_file_jianxun_did_not_write() {
    let f = site();
    let w = Watching::start(&f);
    let out = f.path("site");
    f.write("site/bulletins/c/index.html", "编辑放在这里的页面");
    save_c(&f);
    let told = w.until("site is unchanged").join("\n");
    assert!(told.contains("bulletins/c/index.html"), "{told}");
    assert_eq!(f.read("site/bulletins/c/index.html"), "编辑放在这里的页面");
    assert!(
        !out.join(".jianxun-staging").exists(),
        "no staging folder left"
    );

    std::fs::remove_file(out.join("bulletins/c/index.html")).expect("moved away");
    save_c(&f);
    w.until("Updated ");
    assert_eq!(published(&out), fresh_build(&f));
}

/// An output folder a build refuses is refused before anything is watched.
#[test]
fn a_refused_output_folder_stops_the_watch_at_once() {
    let f = site();
    f.write("site/index.html", "别人的网站");
    let run = f.run(&["build", "--watch"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert!(!run.stderr.contains("Watching"), "{}", run.stderr);
    assert_eq!(f.read("site/index.html"), "别人的网站");
}
