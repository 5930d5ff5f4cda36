//! Rebuilding unchanged inputs: the build stops early and writes nothing;
//! a file deleted or edited in the output folder is written again; the
//! hashes and fingerprint in the manifest are untrusted input.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::build_output::site;
use crate::support::{Fixture, files, snapshot};

/// Every file under `dir` (the manifest included) with its mtime.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    (files(dir).into_iter())
        .map(|(rel, path)| (rel, path.metadata().unwrap().modified().unwrap()))
        .collect()
}

/// The output folder's files but the manifest.
fn pages(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    pages_of(snapshot(&f.path("site")))
}

pub(crate) fn pages_of(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files.remove(".jianxun-manifest");
    files
}

#[test]
fn a_rebuild_of_unchanged_inputs_writes_nothing() {
    let f = site();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (before, times) = (snapshot(&f.path("site")), mtimes(&f.path("site")));
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Nothing changed"), "{}", r.stderr);
    assert_eq!(snapshot(&f.path("site")), before);
    assert_eq!(mtimes(&f.path("site")), times, "no file touched");
    // In Chinese too, through the catalogue.
    let r = crate::support::run_lang(f.root(), &["build"], None);
    assert!(r.stderr.contains("没有改动"), "{}", r.stderr);
    // Any change to the inputs or options builds again.
    let r = f.run(&["build", "--drafts"]);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    f.write(
        "jianxun.yaml",
        &format!("{}\n# a comment\n", f.read("jianxun.yaml")),
    );
    let r = f.run(&["build"]);
    assert!(r.stderr.contains("Built 2 bulletins"), "{}", r.stderr);
    f.write("static/extra.txt", "hello");
    let r = f.run(&["build"]);
    assert!(r.stderr.contains("1 files written"), "{}", r.stderr);
    assert_eq!(f.read("site/extra.txt"), "hello");
}

#[test]
fn a_file_deleted_or_edited_in_the_output_is_written_again() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    let good = snapshot(&f.path("site"));
    assert!(f.run(&["build"]).stderr.contains("Nothing changed"));
    std::fs::remove_file(f.path("site/bulletins/a/index.html")).unwrap();
    f.write("site/index.html", "defaced");
    // An edit that keeps the size: the mtime tells.
    let feed = f.path("site/feed.xml");
    let len = std::fs::metadata(&feed).unwrap().len() as usize;
    let old = SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::write(&feed, "x".repeat(len)).unwrap();
    crate::support::set_mtime(&feed, old);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("3 files written"), "{}", r.stderr);
    assert!(pages(&f) == pages_of(good), "the site is whole again");
}

#[test]
fn bad_hashes_and_fingerprints_in_the_manifest_are_ignored_safely() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    let good = snapshot(&f.path("site"));
    f.write("victim.txt", "keep me");
    let manifest = f.read("site/.jianxun-manifest");
    let bad_lines = [
        "#fingerprint\tzz",
        "#fingerprint\t",
        "index.html\t1\t2",
        "index.html\tx\ty\tz",
        "index.html\t99999999999999999999999\t-1\tffff",
        "index.html\t3\t4\t5\t6",
        "index.html\t\t\t",
        "feed.xml\t0\t0\t00000000000000000000000000000000",
    ];
    for bad in bad_lines {
        let mut text: Vec<String> = manifest.lines().map(str::to_string).collect();
        let key = bad.split('\t').next().unwrap();
        text.retain(|l| l.split('\t').next() != Some(key));
        text.push(bad.to_string());
        f.write("site/.jianxun-manifest", &(text.join("\n") + "\n"));
        let r = f.run(&["build"]);
        assert_eq!(r.code, 0, "{bad:?}: {}", r.stderr);
        assert!(pages(&f) == pages_of(good.clone()), "{bad:?}");
    }
    // A fingerprint that matches but a path that leaves the folder: refused,
    // nothing deleted, no early exit.
    let fp = manifest
        .lines()
        .find(|l| l.starts_with("#fingerprint"))
        .unwrap();
    for line in [
        "../victim.txt\t7\t0\t00",
        "/victim.txt",
        "a/../../victim.txt\t1\t1\t1",
    ] {
        f.write(
            "site/.jianxun-manifest",
            &format!("{fp}\nindex.html\n{line}\n"),
        );
        let r = f.run(&["build"]);
        assert_eq!(r.code, 1, "{line}: {}", r.stderr);
        assert!(r.stderr.contains(".jianxun-manifest:3:1"), "{}", r.stderr);
        assert_eq!(f.read("victim.txt"), "keep me");
    }
    // Binary junk: an error, never a panic.
    f.write_bytes(
        "site/.jianxun-manifest",
        b"#fingerprint\t\xff\xfe\nindex.html\t\x00\n",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(f.read("victim.txt"), "keep me");
}
