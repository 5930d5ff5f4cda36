//! The statistics downloads and a spreadsheet's sheet: whether
//! `stats.csv` can hold every row, or leaves the campaign × region rows to
//! each campaign's own file. Read by the pages that point to those rows
//! and by the downloads themselves (`output::data`).

use crate::site::Site;
use crate::site::aggregate::Totals;

/// How many lines a sheet of Excel or WPS holds, the header's included: a
/// CSV with more opens without its last rows, and says so only in a
/// message the reader may click away.
pub const SHEET_ROWS: usize = 1_048_576;

/// An internal variable for tests: a smaller sheet (`JIANXUN_SHEET_ROWS=50`),
/// so a small site's `stats.csv` leaves its campaign × region rows to the
/// campaigns' files. Not documented for users; a value that is not a
/// number from 2 to [`SHEET_ROWS`] is ignored.
pub const ROWS_VAR: &str = "JIANXUN_SHEET_ROWS";

/// The lines a sheet holds for this run: [`SHEET_ROWS`], or the smaller
/// number [`ROWS_VAR`] sets.
pub fn sheet_rows() -> usize {
    crate::internal_limit(ROWS_VAR, 2, SHEET_ROWS)
}

/// How many values (rows of `stats.csv`) `totals` gives.
pub(crate) fn values(totals: &Totals) -> usize {
    totals.iter().filter(|t| t.is_some()).count()
}

/// Whether the whole `stats.csv`, header and every scope × metric, would
/// pass a sheet of `sheet` lines. Then its campaign × region rows are left
/// to each campaign's own file ([`crate::urls::campaign_csv`]), and the pages that
/// point to them say so.
pub fn campaign_regions_apart(site: &Site, sheet: usize) -> bool {
    let s = &site.stats;
    let mut lines = 1 + values(&s.site);
    let small = (s.campaigns.iter().chain(&s.regions))
        .chain(s.years.values())
        .chain(s.months.values());
    for t in small.chain(s.campaign_regions.values()) {
        lines += values(t);
        if lines > sheet {
            return true;
        }
    }
    false
}
