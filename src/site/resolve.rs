//! Resolve stage: parsed items → the immutable [`Site`] model.
//!
//! Resolves each bulletin's campaign references (with a "did you mean"
//! hint), builds the region tree, tags and archive, orders bulletins newest
//! first and rejects slug collisions, reporting every problem at once.
//! Pure: no I/O.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::region::{self, RegionTree};
use super::{Item, Parsed, Site, Tag, did_you_mean, links};
use crate::config::{Config, Publish};
use crate::content::Spot;
use crate::content::bulletin::{Bulletin, CampaignRef};
use crate::content::campaign::{self, Campaign};
use crate::content::markdown::Links;
use crate::content::page::Page;
use crate::diag::{Diagnostic, shown};
use crate::messages::{Key, Msg};
use crate::msg;

/// Resolves parsed content into the site model. `drafts` keeps draft bulletins.
pub fn resolve(config: &Config, parsed: Parsed, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let campaigns = campaigns(parsed.campaigns, &mut diags);
    let bulletins = bulletins(parsed.bulletins, drafts, config.publish, &mut diags);
    let pages = pages(parsed.pages, drafts, &mut diags);
    let refs: Vec<Vec<usize>> = (bulletins.iter())
        .map(|b| campaign_refs(b, &campaigns, &parsed.broken_campaigns, &mut diags))
        .collect();
    let paths: Vec<&[String]> = bulletins.iter().map(|b| b.region.as_slice()).collect();
    let regions = RegionTree::build(&paths, &config.region_slugs, &config.region_order);
    diags.extend(region_collisions(&regions, &bulletins));
    diags.extend(region_splits(&regions, &bulletins));
    let (tags, items) = items(bulletins, refs, &regions, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(assemble(config, campaigns, items, pages, regions, tags))
}

/// Campaigns by slug; two with one slug or one name are errors.
fn campaigns(mut campaigns: Vec<Campaign>, diags: &mut Vec<Diagnostic>) -> Vec<Campaign> {
    campaigns.sort_by(|a, b| a.slug.cmp(&b.slug));
    for w in campaigns.windows(2) {
        if w[0].slug == w[1].slug {
            let line1 = Spot::first_line();
            diags.extend(collision(
                Key::KindCampaign,
                &w[0].slug,
                (&w[0].path, &line1),
                (&w[1].path, &line1),
            ));
        }
    }
    // Names may stand in for slugs, so a name must not be claimed twice either.
    let mut names: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    for c in &campaigns {
        if let Some(other) = names.insert(c.name.as_str(), &c.path) {
            diags.push(
                Diagnostic::error(
                    &c.path,
                    0,
                    0,
                    "campaign-name-collision",
                    msg!(CampaignNameTwice, &c.name, shown(other), shown(&c.path)),
                )
                .with_hint(msg!(CampaignNameTwiceHint)),
            );
        }
    }
    campaigns
}

/// Published bulletins (all with `drafts`), newest first (ties by slug); two with one slug are errors.
fn bulletins(
    bulletins: Vec<Arc<Bulletin>>,
    drafts: bool,
    publish: Publish,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Arc<Bulletin>> {
    let mut bulletins: Vec<Arc<Bulletin>> = bulletins
        .into_iter()
        .filter(|b| drafts || b.is_published(publish))
        .collect();
    bulletins.sort_by_cached_key(|b| (std::cmp::Reverse(b.date.timestamp()), b.slug.clone()));
    let mut seen: BTreeMap<&str, &Bulletin> = BTreeMap::new();
    for b in &bulletins {
        if let Some(other) = seen.insert(b.slug.as_str(), b) {
            diags.extend(collision(
                Key::KindBulletin,
                &b.slug,
                (&other.path, &other.slug_at),
                (&b.path, &b.slug_at),
            ));
        }
    }
    bulletins
}

/// Published plain pages by slug; two with one slug are errors.
fn pages(pages: Vec<Page>, drafts: bool, diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    let mut pages: Vec<Page> = pages.into_iter().filter(|p| drafts || !p.draft).collect();
    pages.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.path.cmp(&b.path)));
    for w in pages.windows(2) {
        if w[0].slug == w[1].slug {
            diags.extend(collision(
                Key::KindPage,
                &w[0].slug,
                (&w[0].path, &w[0].slug_at),
                (&w[1].path, &w[1].slug_at),
            ));
        }
    }
    pages
}

/// The campaigns a bulletin names (by slug, name or full name), in the
/// order written; an unknown one is an error with a "did you mean".
fn campaign_refs(
    b: &Bulletin,
    campaigns: &[Campaign],
    broken: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut found = Vec::new();
    for cref in &b.campaign_refs {
        match campaign::find(campaigns, cref) {
            Some(i) if !found.contains(&i) => found.push(i),
            Some(_) => {}
            // Its file is broken and already reported.
            None if broken.iter().any(|s| *s == cref.name || *s == cref.item) => {}
            None => diags.push(unknown_campaign(b, cref, campaigns)),
        }
    }
    found
}

fn unknown_campaign(b: &Bulletin, cref: &CampaignRef, campaigns: &[Campaign]) -> Diagnostic {
    let r = &cref.name;
    let cands = campaigns
        .iter()
        .flat_map(|c| [c.slug.as_str(), c.name.as_str()]);
    let hint = match did_you_mean(r, cands) {
        Some(best) => match campaigns.iter().find(|c| c.slug == best || c.name == best) {
            Some(c) => msg!(DidYouMeanNamed, &c.name, &c.slug),
            None => msg!(DidYouMean, best),
        },
        None if campaigns.is_empty() => msg!(NoCampaignsYet),
        None => msg!(
            KnownCampaigns,
            campaigns
                .iter()
                .map(|c| format!("{} ({})", c.name, c.slug))
                .collect::<Vec<_>>()
                .join("、")
        ),
    };
    let mut d = Diagnostic::error(
        &b.path,
        cref.pos.line,
        cref.pos.col,
        "campaign-unknown",
        msg!(CampaignUnknown, r),
    )
    .with_hint(hint)
    .with_len(r.chars().count());
    d.source_line = Some(cref.line.clone());
    d
}

/// The resolved bulletins and the tags they carry; two tags that get one
/// slug are errors at the tag.
fn items(
    bulletins: Vec<Arc<Bulletin>>,
    refs: Vec<Vec<usize>>,
    regions: &RegionTree,
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, Tag>, Vec<Item>) {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    let mut items: Vec<Item> = Vec::with_capacity(bulletins.len());
    for (i, (b, cs)) in bulletins.into_iter().zip(refs).enumerate() {
        for t in &b.tags {
            let tag = tags.entry(t.slug.clone()).or_insert_with(|| Tag {
                name: t.name.clone(),
                slug: t.slug.clone(),
                bulletins: Vec::new(),
            });
            if tag.name != t.name {
                // The first bulletin with the other spelling, named like a
                // collision of two files names both.
                let other = (tag.bulletins.first()).map_or_else(String::new, |&k| {
                    crate::diag::shown(&items[k].bulletin.path)
                });
                let mut d = Diagnostic::error(
                    &b.path,
                    t.pos.line,
                    t.pos.col,
                    "slug-collision",
                    msg!(TagSlugTwice, &tag.name, &t.name, &t.slug, other),
                )
                .with_hint(msg!(TagSlugTwiceHint, &tag.name, &t.name, &t.slug))
                .with_len(t.name.chars().count());
                d.source_line = Some(t.line.clone());
                diags.push(d);
            }
            if tag.bulletins.last() != Some(&i) {
                tag.bulletins.push(i);
            }
        }
        let region = regions.get(&b.region.join("/")).unwrap_or(0);
        items.push(Item {
            bulletin: b,
            campaigns: cs,
            region,
            links: Links::new(),
        });
    }
    (tags, items)
}

/// The site: links to source files become URLs now that every slug is
/// known, and the lists per campaign and per month are drawn up.
fn assemble(
    config: &Config,
    mut campaigns: Vec<Campaign>,
    mut items: Vec<Item>,
    mut pages: Vec<Page>,
    regions: RegionTree,
    tags: BTreeMap<String, Tag>,
) -> Site {
    let bulletins: Vec<Arc<Bulletin>> = items.iter().map(|it| Arc::clone(&it.bulletin)).collect();
    let links = links::LinkIndex::of_site(&config.base_path(), &bulletins, &campaigns, &pages);
    drop(bulletins);
    for it in &mut items {
        it.links = links.resolve(&it.bulletin.path, &it.bulletin.body);
    }
    for c in &mut campaigns {
        c.links = links.resolve(&c.path, &c.intro);
    }
    for p in &mut pages {
        p.links = links.resolve(&p.path, &p.content);
    }
    let mut by_campaign = vec![Vec::new(); campaigns.len()];
    let mut archive: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        for &c in &it.campaigns {
            by_campaign[c].push(i);
        }
        archive
            .entry((it.bulletin.date.year(), it.bulletin.date.month()))
            .or_default()
            .push(i);
    }
    let series = super::series::lists(config, &items);
    Site {
        series: Arc::new(series),
        config: config.clone(),
        campaigns,
        items: items.into_iter().map(Arc::new).collect(),
        pages,
        regions: Arc::new(regions),
        tags: Arc::new(tags),
        by_campaign: Arc::new(by_campaign),
        archive: Arc::new(archive),
        stats: Arc::default(),
        links: Arc::new(links),
    }
}

/// One thing that has a slug: its file and where the slug comes from.
type Claim<'a> = (&'a PathBuf, &'a Spot);

/// Two things with one slug: an error in each file, at where the slug
/// comes from, both naming the two files.
fn collision(kind: Key, slug: &str, a: Claim, b: Claim) -> [Diagnostic; 2] {
    let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    let message = Msg::new(Key::SlugTwice)
        .arg_msg(Msg::new(kind))
        .arg(slug)
        .arg(shown(first.0))
        .arg(shown(second.0));
    [first, second].map(|(path, at)| {
        at.error(path, "slug-collision", message.clone())
            .with_hint(msg!(SlugTwiceHint))
    })
}

/// Regions whose slug paths coincide (长宁 and 常宁 are both `changning`):
/// an error in the first bulletin of each, at the region's name.
fn region_collisions(regions: &RegionTree, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut seen: BTreeMap<&str, &region::RegionNode> = BTreeMap::new();
    for n in &regions.nodes {
        let Some(other) = seen.insert(n.slug_path.as_str(), n) else {
            continue;
        };
        let first = |node: &region::RegionNode| node.all.first().and_then(|&i| bulletins.get(i));
        let (Some(fa), Some(fb)) = (first(other), first(n)) else {
            continue;
        };
        let message = msg!(
            RegionSlugTwice,
            &other.key,
            &n.key,
            &n.slug_path,
            shown(&fa.path),
            shown(&fb.path)
        );
        let last = n.slug_path.rsplit('/').next().unwrap_or("x");
        let hint = msg!(RegionSlugTwiceHint, &n.name, last);
        for (node, b) in [(other, fa), (n, fb)] {
            diags.push(
                b.region_at
                    .narrowed(&node.name)
                    .error(&b.path, "slug-collision", message.clone())
                    .with_hint(hint.clone()),
            );
        }
    }
    diags
}

/// A region written at two depths of one tree (`翠屏` and `四川/宜宾/翠屏`)
/// would split its totals: an error at the region of every bulletin placed
/// in the shallower one.
fn region_splits(regions: &RegionTree, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (a, b) in regions.splits() {
        let (na, nb) = (&regions.nodes[a], &regions.nodes[b]);
        let Some(other) = nb.all.first().and_then(|&i| bulletins.get(i)) else {
            continue;
        };
        let parent = nb.key.rsplit_once('/').map_or("", |(p, _)| p);
        let message = msg!(RegionSplit, &na.key, &nb.key, shown(&other.path));
        let hint = msg!(RegionSplitHint, &nb.key, &na.name, parent);
        for b in na.all.iter().filter_map(|&i| bulletins.get(i)) {
            diags.push(
                b.region_at
                    .error(&b.path, "region-split", message.clone())
                    .with_hint(hint.clone()),
            );
        }
    }
    diags
}
