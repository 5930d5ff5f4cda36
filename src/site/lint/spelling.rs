//! A check only `jianxun check` makes: regions not written the canonical
//! way (`四川省/宜宾市` or `宜宾市` for `四川/宜宾`).
//!
//! Takes the published bulletins (their region as written and as
//! resolved); gives a warning at each such region naming the canonical
//! spelling. `build` puts them in the canonical region all the same. Pure.

use crate::msg;
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::config::Config;
use crate::content::bulletin::{Bulletin, split_region};
use crate::content::places::{NATIONWIDE, PLACES, PROVINCES};
use crate::diag::{Diagnostic, Severity};

/// A region written another way than its canonical path (`四川省/宜宾市`,
/// `宜宾市` for `四川/宜宾`): the build puts it in the same region, but the
/// files should agree. A warning at the region, naming the canonical
/// spelling, and saying so when other bulletins already write it that way.
pub fn region_spellings(bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let canonical = |b: &Bulletin| split_region(&b.region_written) == b.region;
    let written: BTreeSet<String> = (bulletins.iter())
        .filter(|b| canonical(b))
        .map(|b| b.region.join("/"))
        .collect();
    let mut out = Vec::new();
    for b in bulletins
        .iter()
        .filter(|b| !canonical(b) && !b.region.is_empty())
    {
        let path = b.region.join("/");
        let message = if written.contains(&path) {
            msg!(RegionSpellingElsewhere, &b.region_written, &path)
        } else {
            msg!(RegionSpelling, &b.region_written, &path)
        };
        let d = b.region_at.error(&b.path, "region-spelling", message);
        out.push(
            Diagnostic {
                severity: Severity::Warning,
                ..d
            }
            .with_hint(msg!(
                RegionSpellingHint,
                &path,
                b.region.last().map_or("", String::as_str)
            )),
        );
    }
    out
}

/// A place in a region that no table knows (the built-in gazetteer, the
/// site's `regions:`) but that sounds exactly like one that is known: a
/// homophone the input method chose (`四川/宜滨`) or pinyin typed for the
/// characters (`sichuan/宜宾`). A warning naming the known place; an
/// unknown place that sounds like none is left alone (many counties are in
/// no table).
pub fn unknown_places(config: &Config, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let mut known: Vec<&str> = vec![NATIONWIDE];
    known.extend(PROVINCES.iter().map(|(short, _)| *short));
    known.extend(PLACES.iter().map(|(short, _, _)| *short));
    for d in &config.regions {
        known.push(&d.name);
        known.extend(d.aliases.iter().map(String::as_str));
    }
    let mut out = Vec::new();
    for b in bulletins {
        for place in b.region.iter().filter(|p| !known.contains(&p.as_str())) {
            let bare = ["自治区", "省", "市", "县", "区"]
                .iter()
                .find_map(|s| place.strip_suffix(s))
                .unwrap_or(place);
            let Some(best) = crate::suggest::sounds_like(bare, known.iter().copied()) else {
                continue;
            };
            let d = b
                .region_at
                .error(&b.path, "region-unknown", msg!(RegionUnknown, place));
            out.push(
                Diagnostic {
                    severity: Severity::Warning,
                    ..d
                }
                .with_hint(msg!(RegionUnknownHint, best, place)),
            );
        }
    }
    out
}
