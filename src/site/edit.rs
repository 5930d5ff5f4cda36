//! Resolve stage, for a site already resolved: the site after a few of its
//! bulletins were edited in place.
//!
//! Takes the previous site and the edited bulletins (old and new parse);
//! gives the site [`super::resolve`] would build from the new parses — when
//! no edited bulletin changed its place (slug, date, campaigns, region,
//! tags, draft), so every list, region and tag stays as it was. Everything
//! unchanged is shared with the previous site, so the cost is that of the
//! edit, not of the site. Totals are computed again only when a metric
//! changed. Tests compare the result with a full resolve.

use std::sync::Arc;

use super::{Item, Site, statistics_after};
use crate::content::bulletin::Bulletin;

/// What an edit changed.
#[derive(Debug, Clone, Default)]
pub struct Edited {
    /// Positions of the bulletins whose content changed.
    pub items: Vec<usize>,
    /// Whether the totals changed.
    pub stats: bool,
    /// Whether a title changed (lists of every bulletin show titles).
    pub titles: bool,
}

/// Whether `b` sits where `a` sat: same slug, date, campaigns, region,
/// tags, draft state and place in its series.
fn same_place(a: &Bulletin, b: &Bulletin) -> bool {
    let campaigns = a
        .campaign_refs
        .iter()
        .map(|r| &r.name)
        .eq(b.campaign_refs.iter().map(|r| &r.name));
    let tags = a
        .tags
        .iter()
        .map(|t| (&t.name, &t.slug))
        .eq(b.tags.iter().map(|t| (&t.name, &t.slug)));
    a.slug == b.slug
        && a.date == b.date
        && campaigns
        && a.region == b.region
        && tags
        && a.status == b.status
        && a.issued.same_place(&b.issued)
}

impl Site {
    /// The site after each `(old, new)` bulletin in `edits` was replaced,
    /// or `None` when one of them moved (then resolve the site anew).
    pub fn with_bulletins(
        &self,
        edits: &[(Arc<Bulletin>, Arc<Bulletin>)],
    ) -> Option<(Site, Edited)> {
        let mut site = self.clone();
        let mut edited = Edited::default();
        for (old, new) in edits {
            if !same_place(old, new) {
                return None;
            }
            // Items are ordered newest first, then by slug: find it by that.
            let key = |b: &Bulletin| (std::cmp::Reverse(b.date.timestamp()), b.slug.clone());
            let Ok(i) = site
                .items
                .binary_search_by_key(&key(old), |it| key(&it.bulletin))
            else {
                // A draft left out of the site stays out.
                continue;
            };
            edited.stats |= old.metrics != new.metrics;
            edited.titles |= old.title != new.title;
            let it = &site.items[i];
            site.items[i] = Arc::new(Item {
                links: site.links.resolve(&new.path, &new.body),
                bulletin: Arc::clone(new),
                campaigns: it.campaigns.clone(),
                region: it.region,
            });
            edited.items.push(i);
        }
        if edited.stats {
            // Only the edited bulletins' months and campaigns are added up again.
            site.stats = Arc::new(statistics_after(&site, &self.stats, &edited.items));
        }
        Some((site, edited))
    }
}
