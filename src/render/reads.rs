//! Render stage: what a page reads, recorded while it is made.
//!
//! A page's template sees only its context and what the template functions
//! return; both are built from [`Key`]s (see [`super::view`]). While a page
//! is rendered on a thread, every key it reads is recorded here, so the
//! live preview knows exactly which pages a change can affect — for any
//! theme, since a `stats()` call in a site's own template is recorded the
//! same way. A full build records nothing (no recorder is installed).

use std::cell::RefCell;
use std::collections::BTreeSet;

use tera::Value;

/// A list of bulletins that pages paginate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// Every bulletin, newest first (the home page).
    All,
    /// A campaign's bulletins (slug).
    Campaign(String),
    /// A region's bulletins, sub-regions included (region path).
    Region(String),
    /// A tag's bulletins (slug).
    Tag(String),
}

/// One piece of the site a page can read. Keys name things by slug or path,
/// never by position, so they mean the same across rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// The `site` value (title, base URL, campaigns in the menu …).
    Site,
    /// What lists show of a bulletin (slug).
    Brief(String),
    /// The rest of a bulletin's own page: body, neighbours, campaign crumb.
    Bulletin(String),
    /// One page of a list: which bulletins, how many in all.
    List(List, usize),
    /// Every campaign with its totals (the campaign index).
    Campaigns,
    /// The campaigns the home page features, and how many there are in all.
    Featured,
    /// One campaign and its targets, without its totals (slug).
    Campaign(String),
    /// One campaign's totals (slug): shown on the first page of its list.
    CampaignTotals(String),
    /// A campaign's charts (slug).
    CampaignCharts(String),
    /// The region index.
    Regions,
    /// One region: names, children, without its totals (path).
    Region(String),
    /// One region's totals (path): shown on the first page of its list.
    RegionTotals(String),
    /// A region's charts (path).
    RegionCharts(String),
    /// The tag index.
    Tags,
    /// One tag's name (slug).
    Tag(String),
    /// The archive's index: years and months with their counts.
    Archive,
    /// One page of one year of the archive (year, 1-based page).
    ArchiveYear(i16, usize),
    /// A plain page (slug).
    Page(String),
    /// The list of bulletin series.
    SeriesIndex,
    /// One series and its issues by year (slug).
    Series(String),
    /// Everything `/stats/` shows.
    StatsPage,
    /// One `stats()` scope (`site`, `campaign:<slug>`, `region:<path>` …).
    Stats(String),
    /// A template file (by name) that rendering the page can read.
    Template(String),
}

thread_local! {
    static RECORDER: RefCell<Option<BTreeSet<Key>>> = const { RefCell::new(None) };
    static STATS: RefCell<Option<Value>> = const { RefCell::new(None) };
}

/// Notes that the page being rendered on this thread read `key`.
pub fn record(key: &Key) {
    RECORDER.with(|r| {
        if let Some(set) = r.borrow_mut().as_mut()
            && !set.contains(key)
        {
            set.insert(key.clone());
        }
    });
}

/// Runs `f` and returns what it read.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, BTreeSet<Key>) {
    let outer = RECORDER.with(|r| r.replace(Some(BTreeSet::new())));
    let out = f();
    let reads = RECORDER.with(|r| r.replace(outer)).unwrap_or_default();
    (out, reads)
}

/// Runs `f` with `stats` (every scope's totals) available to the `stats()`
/// template function on this thread.
pub fn with_stats<T>(stats: &Value, f: impl FnOnce() -> T) -> T {
    let outer = STATS.with(|s| s.replace(Some(stats.clone())));
    let out = f();
    STATS.with(|s| s.replace(outer));
    out
}

/// The totals of one scope for the `stats()` function, recorded as read.
pub fn stats_scope(scope: &str) -> Option<Value> {
    record(&Key::Stats(scope.to_string()));
    STATS.with(|s| {
        s.borrow()
            .as_ref()
            .map(|all| super::view::stats_lookup(all, scope))
    })
}

/// What changed between two states of a site with the same structure
/// (the same bulletins in the same places, campaigns, regions, tags, pages
/// and configuration): some bulletins were edited in place.
#[derive(Debug, Clone, Default)]
pub struct InPlace {
    /// The edited bulletins, by slug.
    pub bulletins: BTreeSet<String>,
    /// Whether a title changed.
    pub titles: bool,
    /// The archive pages (year, page) the edited bulletins are listed on.
    pub archive: Vec<(i16, usize)>,
    /// Whether the totals changed.
    pub stats: bool,
}

impl InPlace {
    /// The keys whose value can differ between the two states that are not
    /// about totals (see [`Key::is_totals`]).
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = (self.bulletins.iter())
            .flat_map(|s| [Key::Brief(s.clone()), Key::Bulletin(s.clone())])
            .collect();
        if self.titles {
            // The archive lists the titles of a year, page by page.
            keys.extend(self.archive.iter().map(|&(y, p)| Key::ArchiveYear(y, p)));
        }
        keys
    }
}

/// The scopes whose totals a set of bulletins contributes to, named as keys
/// name them: campaign slugs and names, region paths, years, months
/// (`2025-03`).
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    /// Campaign slugs and names.
    pub campaigns: BTreeSet<String>,
    /// Region paths (`四川/宜宾`), every ancestor included.
    pub regions: BTreeSet<String>,
    /// Years.
    pub years: BTreeSet<String>,
    /// Months, `2025-03`.
    pub months: BTreeSet<String>,
}

impl Key {
    /// Whether the value of this totals key can change when only the
    /// bulletins of `scopes` change their numbers: the totals of a scope are
    /// made of its own bulletins only. Keys over every scope (the campaign
    /// index, the stats page, the site's totals) always can.
    pub fn totals_within(&self, scopes: &Scopes) -> bool {
        match self {
            Key::CampaignTotals(c) | Key::CampaignCharts(c) => scopes.campaigns.contains(c),
            Key::RegionTotals(r) | Key::RegionCharts(r) => scopes.regions.contains(r),
            Key::Stats(scope) => match scope.split_once(':') {
                Some(("campaign", c)) => scopes.campaigns.contains(c),
                Some(("region", r)) => scopes.regions.contains(r),
                Some(("year", y)) => scopes.years.contains(y),
                Some(("month", m)) => scopes.months.contains(m),
                _ => true,
            },
            _ => self.is_totals(),
        }
    }

    /// Whether the key's value is made from the totals (and so can differ
    /// when a metric value changed).
    pub fn is_totals(&self) -> bool {
        match self {
            Key::Campaigns
            | Key::Featured
            | Key::CampaignTotals(_)
            | Key::CampaignCharts(_)
            | Key::RegionTotals(_)
            | Key::RegionCharts(_)
            | Key::StatsPage
            | Key::Stats(_) => true,
            Key::Site
            | Key::Campaign(_)
            | Key::Region(_)
            | Key::Brief(_)
            | Key::Bulletin(_)
            | Key::List(..)
            | Key::Regions
            | Key::Tags
            | Key::Tag(_)
            | Key::Archive
            | Key::ArchiveYear(..)
            | Key::Page(_)
            | Key::SeriesIndex
            | Key::Series(_)
            | Key::Template(_) => false,
        }
    }
}
