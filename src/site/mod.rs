//! Resolve and aggregate stages: the immutable [`Site`] model.
//!
//! [`resolve`] turns parsed items into the site (see `resolve.rs`);
//! [`statistics`] adds up its metrics; [`Site::with_bulletins`] gives the
//! site after bulletins were edited in place (see `edit.rs`). Pure: no I/O.

pub mod aggregate;
pub mod caliber;
pub mod edit;
pub mod links;
pub mod lint;
pub mod region;
mod resolve;
mod restat;
pub mod series;
pub mod span;
pub use restat::statistics_after;

pub use resolve::resolve;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::bulletin::Bulletin;
use crate::content::campaign::Campaign;
use crate::content::markdown::Links;
use crate::content::page::Page;
use aggregate::{Observation, Stats, aggregate};
use region::RegionTree;

/// A bulletin with its references resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The parsed bulletin.
    pub bulletin: Arc<Bulletin>,
    /// Indices into [`Site::campaigns`], in the order written.
    pub campaigns: Vec<usize>,
    /// Index into the region tree.
    pub region: usize,
    /// Where the body's links lead.
    pub links: Links,
}

/// A tag and the bulletins carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As written (first spelling seen).
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Bulletins, in site order.
    pub bulletins: Vec<usize>,
}

/// The whole site model.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Campaigns, by slug.
    pub campaigns: Vec<Campaign>,
    /// Bulletins, newest first (ties by slug). Shared, so a later state of
    /// the site that changes a few bulletins shares the rest.
    pub items: Vec<Arc<Item>>,
    /// Plain pages, by slug.
    pub pages: Vec<Page>,
    /// Regions.
    pub regions: Arc<RegionTree>,
    /// Tags by slug.
    pub tags: Arc<BTreeMap<String, Tag>>,
    /// Bulletins per campaign (parallel to `campaigns`), by position in
    /// `items`, ascending: newest first.
    pub by_campaign: Arc<Vec<Vec<usize>>>,
    /// Bulletins per (year, month), newest first within each.
    pub archive: Arc<BTreeMap<(i16, i8), Vec<usize>>>,
    /// Metric totals per scope; filled by [`statistics`].
    pub stats: Arc<Stats>,
    /// Where every page's links point (its bulletins' HTML is already rewritten).
    pub links: Arc<links::LinkIndex>,
    /// Bulletins per declared series (parallel to `config.series`), in
    /// issue order: newest year first, then the highest number.
    pub series: Arc<Vec<Vec<usize>>>,
}

/// What bulletin `i` contributes to the totals.
fn observation(site: &Site, i: usize) -> Observation {
    let it = &site.items[i];
    Observation {
        campaigns: it.campaigns.clone(),
        regions: if site.regions.nodes.is_empty() {
            Vec::new()
        } else {
            site.regions.ancestry(it.region)
        },
        ..bare_observation(site, i)
    }
}

/// What bulletin `i` adds to a scope it is known to belong to: its
/// values and when, without its campaigns and regions.
fn bare_observation(site: &Site, i: usize) -> Observation {
    let b = &site.items[i].bulletin;
    let metrics = &site.config.metrics;
    Observation {
        bulletin: i,
        timestamp: b.date.timestamp(),
        year: b.date.year(),
        month: b.date.month(),
        campaigns: Vec::new(),
        regions: Vec::new(),
        values: (b.metrics.iter())
            .filter_map(|m| {
                let k = metrics.iter().position(|d| d.key == m.key)?;
                Some((k, m.quantity))
            })
            .collect(),
    }
}

/// The aggregate stage: every bulletin's metric values → totals per
/// campaign, region (rolled up), year, month and their combinations.
pub fn statistics(site: &Site) -> Stats {
    statistics_within(site, |_| true)
}

/// The aggregate stage over the bulletins `keep` accepts (a period, for
/// `jianxun stats --from … --to …`).
pub fn statistics_within(site: &Site, keep: impl Fn(&Bulletin) -> bool + Sync) -> Stats {
    let metrics = &site.config.metrics;
    let obs: Vec<Observation> = (0..site.items.len())
        .into_par_iter()
        .filter(|&i| keep(&site.items[i].bulletin))
        .map(|i| observation(site, i))
        .collect();
    aggregate(
        &obs,
        metrics,
        site.campaigns.len(),
        site.regions.nodes.len(),
    )
}

/// What `parse` produced for the whole site.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Bulletins, in discovery order.
    pub bulletins: Vec<Arc<Bulletin>>,
    /// Campaigns, in discovery order.
    pub campaigns: Vec<Campaign>,
    /// Pages, in discovery order.
    pub pages: Vec<Page>,
    /// Slugs of campaign files that failed to parse (already reported).
    pub broken_campaigns: Vec<String>,
}

pub use crate::suggest::did_you_mean;

impl Site {
    /// The bulletins of `year`, newest first (the archive's order).
    pub fn archive_year(&self, year: i16) -> Vec<usize> {
        (self.archive.range((year, i8::MIN)..=(year, i8::MAX)))
            .rev()
            .flat_map(|(_, list)| list.iter().copied())
            .collect()
    }

    /// The years of the archive, newest first, with how many bulletins each has.
    pub fn archive_years(&self) -> Vec<(i16, usize)> {
        let mut out: Vec<(i16, usize)> = Vec::new();
        for (&(y, _), list) in self.archive.iter().rev() {
            match out.last_mut() {
                Some((ly, n)) if *ly == y => *n += list.len(),
                _ => out.push((y, list.len())),
            }
        }
        out
    }

    /// The older and newer neighbours of bulletin `i` in its first campaign.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let Some(&c) = self.items[i].campaigns.first() else {
            return (None, None);
        };
        let list = &self.by_campaign[c];
        // The list goes up by position: a search in halves, not a walk, so
        // that 100,000 bulletins do not cost 100,000 walks of their lists.
        let Ok(pos) = list.binary_search(&i) else {
            return (None, None);
        };
        // Lists are newest first: the older one comes after.
        let older = list.get(pos + 1).copied();
        let newer = pos.checked_sub(1).map(|p| list[p]);
        (older, newer)
    }
}
