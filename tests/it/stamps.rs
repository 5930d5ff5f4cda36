//! A build takes a content file it finds as the last build recorded it
//! (size, modification and change times) as unchanged without reading it;
//! any other file is read, a file changed shortly before a build is never
//! recorded, and a build that goes on reads every text it skipped.

use std::path::Path;
use std::time::{Duration, SystemTime};

use jianxun::content::discover::{discover_known, slash};
use jianxun::output::write::recorded_sources;

use crate::build_output::site;
use crate::support::{Fixture, files, set_mtime, snapshot};

/// Sets every content file's modification time an hour back, then waits
/// until its change time (now) is [`SETTLED`] in the past too.
///
/// [`SETTLED`]: jianxun::content::stamp::SETTLED
fn settle(f: &Fixture) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for (_, path) in files(&f.path("content")) {
        set_mtime(&path, hour_ago);
    }
    std::thread::sleep(Duration::from_millis(2100));
}

/// The content files the output folder's manifest records, sorted.
fn recorded(f: &Fixture) -> Vec<String> {
    let mut paths: Vec<String> = recorded_sources(&f.path("site"))
        .unwrap_or_default()
        .into_keys()
        .collect();
    paths.sort();
    paths
}

/// The site's content files, as the manifest names them.
fn content(f: &Fixture) -> Vec<String> {
    let mut paths: Vec<String> = (files(&f.path("content")).into_iter())
        .map(|(rel, _)| format!("content/{rel}"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "{paths:?}");
    paths
}

/// The output folder's files but the manifest.
fn pages(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    crate::noop::pages_of(snapshot(dir))
}

/// The two-bulletin site, its files settled and built once: the manifest
/// records every content file.
fn settled_site() -> Fixture {
    let f = site();
    settle(&f);
    assert_eq!(f.run(&["build"]).code, 0);
    assert_eq!(recorded(&f), content(&f));
    f
}

#[test]
fn unchanged_content_files_are_not_read_again() {
    let f = site();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Written a moment ago: a change within the clock step could hide.
    assert!(recorded(&f).is_empty(), "{:?}", recorded(&f));
    settle(&f);
    let r = f.run(&["build"]);
    assert!(r.stderr.contains("Nothing changed"), "{}", r.stderr);
    assert!(
        recorded(&f).is_empty(),
        "a build that stops early writes nothing"
    );
    // Other options: a build that goes on, and records the settled files.
    let r = f.run(&["build", "--drafts"]);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    assert_eq!(recorded(&f), content(&f));
    // The next build finds both as recorded and reads neither.
    let known = recorded_sources(&f.path("site")).unwrap();
    let sources = discover_known(f.root(), &known).unwrap();
    assert_eq!(sources.files.len(), 3);
    for (file, seen) in sources.files.iter().zip(&sources.seen) {
        let seen = seen.expect("looked at");
        assert!(
            !seen.read && file.text.is_empty(),
            "{}",
            file.path.display()
        );
        assert_eq!(seen.stamp.hash, known[&slash(&file.path)].hash);
    }
    let r = f.run(&["build", "--drafts"]);
    assert!(r.stderr.contains("Nothing changed"), "{}", r.stderr);
}

#[test]
fn an_edit_that_keeps_the_size_and_the_modification_time_is_built() {
    let f = settled_site();
    // Same length in bytes, the old modification time put back.
    let path = f.path("content/bulletins/a.md");
    let mtime = path.metadata().unwrap().modified().unwrap();
    f.write(
        "content/bulletins/a.md",
        &f.read("content/bulletins/a.md").replace("正文一", "正文甲"),
    );
    set_mtime(&path, mtime);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    assert!(f.read("site/bulletins/a/index.html").contains("正文甲"));
}

#[test]
fn a_build_that_goes_on_reads_every_text_it_skipped() {
    let f = settled_site();
    // Something other than the content changes: the texts are read after all.
    let config = f.read("jianxun.yaml").replacen("title:", "title: 新", 1);
    f.write("jianxun.yaml", &config);
    let r = f.run(&["build"]);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    let r = f.run(&["build", "--output", "clean"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(pages(&f.path("site")), pages(&f.path("clean")));
    assert!(f.read("site/bulletins/a/index.html").contains("正文一"));
}

#[test]
fn recorded_sources_in_the_manifest_are_untrusted() {
    let f = settled_site();
    let good = pages(&f.path("site"));
    let manifest = f.read("site/.jianxun-manifest");
    // A wrong hash for a file found as recorded: the fingerprint no longer
    // matches, so the build reads everything and writes the same site.
    let forged: String = manifest
        .lines()
        .map(
            |l| match l.strip_prefix("#source\tcontent/bulletins/a.md\t") {
                Some(rest) => {
                    let (times, _) = rest.rsplit_once('\t').unwrap();
                    format!("#source\tcontent/bulletins/a.md\t{times}\t{:032x}\n", 7)
                }
                None => format!("{l}\n"),
            },
        )
        .collect();
    assert_ne!(forged, manifest);
    f.write("site/.jianxun-manifest", &forged);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    assert_eq!(pages(&f.path("site")), good);
    // Lines that do not read are left out (put among the recorded ones).
    let manifest = f.read("site/.jianxun-manifest");
    let bad = "#source\tcontent/bulletins/a.md\tx\t1\t2\tzz\n#source\t\n#source\n";
    let (header, rest) = manifest.split_once('\n').unwrap();
    f.write("site/.jianxun-manifest", &format!("{header}\n{bad}{rest}"));
    assert_eq!(recorded(&f), content(&f));
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(pages(&f.path("site")), good);
}

#[test]
fn a_file_gone_before_its_text_is_read_is_reported() {
    let f = settled_site();
    let known = recorded_sources(&f.path("site")).unwrap();
    let mut sources = discover_known(f.root(), &known).unwrap();
    assert!(sources.has_unread());
    std::fs::remove_file(f.path("content/bulletins/a.md")).unwrap();
    sources.read_unread();
    assert!(!sources.has_unread());
    let names: Vec<String> = sources.files.iter().map(|f| slash(&f.path)).collect();
    assert!(
        !names.contains(&"content/bulletins/a.md".to_string()),
        "{names:?}"
    );
    assert_eq!(sources.files.len(), sources.seen.len());
    let [d] = &sources.diagnostics[..] else {
        panic!("{:?}", sources.diagnostics);
    };
    assert_eq!(
        (d.code, slash(&d.path)),
        ("io", "content/bulletins/a.md".into())
    );
    assert!(d.message.zh().contains("不存在"), "{}", d.message.zh());
    assert!(sources.files.iter().all(|f| !f.text.is_empty()));
}

#[test]
fn a_site_with_a_problem_reads_every_text() {
    let f = settled_site();
    let known = recorded_sources(&f.path("site")).unwrap();
    // A Markdown file where no content belongs: a diagnostic of discovery,
    // which may need the texts to be placed.
    f.write("content/stray.md", "不该放在这里。\n");
    let sources = discover_known(f.root(), &known).unwrap();
    assert!(!sources.diagnostics.is_empty());
    assert!(!sources.has_unread());
    assert!(sources.files.iter().all(|f| !f.text.is_empty()));
}

#[test]
fn equal_builds_look_equal_however_long_after_the_files_were_written() {
    // Tests compare output folders of builds run at different moments (a
    // killed build against a clean one, incremental against full): the
    // stamps a manifest keeps depend on the moment, the site does not.
    let fresh = site();
    assert_eq!(fresh.run(&["build"]).code, 0);
    assert!(recorded(&fresh).is_empty(), "{:?}", recorded(&fresh));
    let old = settled_site();
    assert_eq!(snapshot(&fresh.path("site")), snapshot(&old.path("site")));
}
