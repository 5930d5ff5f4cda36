//! Totals after an in-place edit of some bulletins' numbers, recomputed
//! from the edited months, campaigns and regions only, equal the totals
//! of a full aggregation — for random edits of the example site's numbers.

use std::path::Path;
use std::sync::Arc;

use jianxun::content::bulletin::Bulletin;
use jianxun::content::number;
use jianxun::site::{Site, statistics};
use jianxun::{BuildOptions, load};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

/// Values as bulletins write them: exact, about, at least, with 万 and 余.
const WRITTEN: &[&str] = &[
    "411",
    "1292",
    "0",
    "12万余",
    "30余万",
    "约300",
    "20以上",
    "7.2万",
    "近百",
    "80左右",
    "600余万",
    "3.5",
    "12345",
    "1亿3千余万",
];

fn example_site() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = BuildOptions {
        base_url: None,
        drafts: false,
    };
    load(root, &opts).expect("the example site loads").site
}

/// Bulletin `i` with metric `m` (by position among the ones it reports,
/// or a declared one added) now written `raw`.
fn with_value(site: &Site, i: usize, m: usize, raw: &str) -> Arc<Bulletin> {
    let mut b = (*site.items[i].bulletin).clone();
    let metrics = &site.config.metrics;
    let decl = &metrics[m % metrics.len()];
    let quantity = number::parse(raw, &decl.unit, false).expect("a value bulletins write");
    let at = b.metrics.iter().position(|e| e.key == decl.key);
    match at {
        Some(k) => {
            b.metrics[k].raw = raw.to_string();
            b.metrics[k].quantity = quantity;
        }
        None if m.is_multiple_of(3) && !b.metrics.is_empty() => {
            // Now and then a metric is dropped instead.
            let k = m % b.metrics.len();
            b.metrics.remove(k);
        }
        None => {
            let mut e = (site.items.iter())
                .find_map(|it| it.bulletin.metrics.first().cloned())
                .expect("the example bulletins report numbers");
            e.key = decl.key.clone();
            e.raw = raw.to_string();
            e.quantity = quantity;
            b.metrics.push(e);
        }
    }
    Arc::new(b)
}

#[test]
fn totals_after_an_edit_equal_a_full_aggregation() {
    let start = example_site();
    let n = start.items.len();
    let edit = (0..n, 0..16usize, 0..WRITTEN.len());
    let steps = proptest::collection::vec(proptest::collection::vec(edit, 1..4), 1..8);
    let config = Config {
        cases: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    runner
        .run(&steps, |steps| {
            let mut site = start.clone();
            for edits in steps {
                let pairs: Vec<_> = (edits.iter())
                    .map(|&(i, m, v)| {
                        (
                            Arc::clone(&site.items[i].bulletin),
                            with_value(&site, i, m, WRITTEN[v]),
                        )
                    })
                    .collect();
                let (next, _) = site.with_bulletins(&pairs).expect("numbers move nothing");
                site = next;
                let full = statistics(&site);
                prop_assert!(
                    *site.stats == full,
                    "totals after {edits:?} differ from a full aggregation"
                );
            }
            Ok(())
        })
        .unwrap();
}
