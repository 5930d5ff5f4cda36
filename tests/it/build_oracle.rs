//! The build's oracle: random editing sessions (those of the preview's
//! oracle), each edit followed by `jianxun build` over the previous output
//! — which skips unchanged files by the hashes in its manifest and stops
//! early when no input changed — and by a clean build into an empty
//! folder. Both must succeed or fail together, and give the same files
//! byte for byte. Between builds the output folder is sometimes tampered
//! with (a file deleted, a file edited), which the next build must mend.
//!
//! `JIANXUN_BUILD_ORACLE_CASES` sets the number of sessions (default 6).

use std::collections::BTreeMap;
use std::process::Command;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

use crate::oracle::{Edit, Session, edit};
use crate::support::snapshot;

fn build(root: &std::path::Path, out: &std::path::Path) -> bool {
    let r = Command::new(env!("CARGO_BIN_EXE_jianxun"))
        .args(["build", "--output"])
        .arg(out)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run jianxun");
    r.status.success()
}

/// The output folder's files, the manifest left out.
fn files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut s = snapshot(dir);
    s.remove(".jianxun-manifest");
    s
}

/// Deletes or edits one output file, chosen by `v` (0: leave it alone).
fn tamper(out: &std::path::Path, v: u8) {
    let all: Vec<String> = files(out).into_keys().collect();
    if v.is_multiple_of(3) || all.is_empty() {
        return;
    }
    let victim = out.join(&all[usize::from(v) % all.len()]);
    if v % 3 == 1 {
        std::fs::remove_file(&victim).expect("delete");
    } else {
        std::fs::write(&victim, "tampered").expect("edit");
    }
}

fn session(edits: &[(Option<Edit>, u8)]) -> Result<(), TestCaseError> {
    let mut s = Session::new(false);
    let root = s.f.root().to_path_buf();
    let out = s.f.path("site");
    let clean_dir = tempfile::tempdir().expect("temp dir");
    prop_assert!(build(&root, &out), "the first build");
    for (n, (e, t)) in edits.iter().enumerate() {
        // No edit at all: the build must stop early and still be right.
        if let Some(e) = e {
            s.apply(e);
        }
        tamper(&out, *t);
        let clean = clean_dir.path().join(format!("clean-{n}"));
        let (a, b) = (build(&root, &out), build(&root, &clean));
        prop_assert_eq!(a, b, "step {} ({:?}): one build failed", n, e);
        if a {
            prop_assert!(
                files(&out) == files(&clean),
                "step {} ({:?}): differs from a clean build",
                n,
                e
            );
        }
    }
    Ok(())
}

#[test]
fn builds_over_a_previous_output_equal_clean_builds() {
    let cases = crate::support::cases("JIANXUN_BUILD_ORACLE_CASES", 6);
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..Config::default()
    };
    let step = (proptest::option::weighted(0.8, edit()), any::<u8>());
    let result = TestRunner::new(config).run(&proptest::collection::vec(step, 12), |edits| {
        session(&edits)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
