//! Incremental rebuilds for the live preview.
//!
//! Keeps every content file's parse result and the last good site. A saved
//! bulletin is re-read and re-parsed alone; the site is re-resolved from the
//! kept results; then only the pages that show something that changed are
//! rendered. Anything that could change every page (configuration,
//! templates, a new or removed bulletin, a changed date, campaign, region or
//! tag) renders the whole site from the kept parse results. Tests compare
//! the result with a full build after scripted edits.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::content::discover::{self, Kind, Sources, StaticSource};
use crate::diag::Diagnostic;
use crate::output::{Data, Output};
use crate::render::context::Shared;
use crate::render::pages::{self, PageId};
use crate::render::templates::Theme;
use crate::serve::watch::ChangeSet;
use crate::site::{self, Site};
use crate::{BuildOptions, ParsedFile, assemble, parse_one, render_with};

/// What a rebuild changed in the served site.
#[derive(Debug)]
pub enum Change {
    /// Replace the whole site.
    Full(Output),
    /// Put these files (new or changed).
    Delta(Vec<(String, Data)>),
}

/// The result of a successful rebuild.
#[derive(Debug)]
pub struct Rebuilt {
    /// Derived files (feeds, sitemap, search index, statistics downloads)
    /// still have to be refreshed with [`Live::derived`]: the pages are ready
    /// first so the browser can reload at once.
    pub derived_pending: bool,
    /// The new files.
    pub change: Change,
    /// How many files were rendered.
    pub rendered: usize,
}

struct Good {
    theme: Arc<Theme>,
    site: Site,
    shared: Shared,
}

/// The live site: sources, every file's parse result, the last good site.
pub struct Live {
    root: PathBuf,
    opts: BuildOptions,
    sources: Sources,
    entries: BTreeMap<PathBuf, Result<ParsedFile, Vec<Diagnostic>>>,
    good: Option<Good>,
}

/// Renders `ids` (and, with `extras`, the derived files) into a list of files.
fn render_ids(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    ids: &[PageId],
    extras: bool,
) -> Result<Vec<(String, Data)>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::with_capacity(ids.len()));
    pages::render_each(site, theme, shared, ids, &|path, bytes| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, Data::Bytes(bytes)));
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    if extras {
        for (path, bytes) in crate::output::extras(site, shared)
            .into_iter()
            .chain(crate::output::data::files(site))
        {
            files.push((path, Data::Bytes(bytes)));
        }
    }
    Ok(files)
}

impl Live {
    /// Reads and parses the whole site. `Err` only when the configuration or
    /// theme cannot be read at all; content errors come back from [`Live::build_all`].
    pub fn start(root: &Path, opts: &BuildOptions) -> Result<Live, Vec<Diagnostic>> {
        let mut sources = discover::discover(root)?;
        if let Some(u) = &opts.base_url {
            sources.config.set_base_url(u);
        }
        use rayon::prelude::*;
        let cfg = sources.config.clone();
        let entries = sources
            .files
            .par_iter()
            .map(|f| (f.path.clone(), parse_one(&cfg, f)))
            .collect();
        sources.files = Vec::new();
        Ok(Live {
            root: root.to_path_buf(),
            opts: opts.clone(),
            sources,
            entries,
            good: None,
        })
    }

    fn resolve(&self) -> Result<Site, Vec<Diagnostic>> {
        let mut diags = self.sources.diagnostics.clone();
        let mut ok = Vec::new();
        let mut failed = Vec::new();
        for (path, e) in &self.entries {
            match e {
                Ok(p) => ok.push(p),
                Err(d) => {
                    failed.push(path.as_path());
                    diags.extend(d.iter().cloned());
                }
            }
        }
        let parsed = assemble(ok, failed);
        let mut t = crate::Timings::start();
        let site = site::resolve(&self.sources.config, parsed, self.opts.drafts);
        t.lap("resolve");
        match site {
            Ok(mut s) if diags.is_empty() => {
                s.stats = site::statistics(&s);
                t.lap("statistics");
                Ok(s)
            }
            Ok(_) => Err(diags),
            Err(d) => {
                diags.extend(d);
                Err(diags)
            }
        }
    }

    /// Renders the whole site from the kept parse results.
    pub fn build_all(&mut self) -> Result<Output, Vec<Diagnostic>> {
        let site = self.resolve();
        let theme = Theme::load(&self.sources.templates);
        let (site, theme) = match (site, theme) {
            (Ok(s), Ok(t)) => (s, t),
            (s, t) => {
                let mut d = s.err().unwrap_or_default();
                d.extend(t.err().unwrap_or_default());
                return Err(d);
            }
        };
        let files = Mutex::new(BTreeMap::new());
        let shared = Shared::new(&site);
        render_with(&self.sources, &site, &theme, &shared, &|path, data| {
            files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, data);
            Ok(())
        })?;
        self.good = Some(Good {
            theme: Arc::new(theme),
            site,
            shared,
        });
        Ok(Output {
            files: files.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }

    /// The last good site, if there is one.
    pub fn site(&self) -> Option<&Site> {
        self.good.as_ref().map(|g| &g.site)
    }

    /// [`Live::build_all`] as a rebuild that replaces the whole site.
    pub fn rebuild_all(&mut self) -> Result<Rebuilt, Vec<Diagnostic>> {
        let out = self.build_all()?;
        let rendered = out.files.len();
        Ok(Rebuilt {
            change: Change::Full(out),
            rendered,
            derived_pending: false,
        })
    }

    /// Whether `rel` (relative to the root), now gone, held files the site
    /// read: a folder moved away or deleted with its files.
    pub fn held_files(&self, rel: &Path) -> bool {
        // Paths order by component, so a folder's files follow it at once.
        let abs = self.root.join(rel);
        let under = |p: &Path| p != rel && p.starts_with(rel);
        self.entries
            .range(rel.to_path_buf()..)
            .map(|(p, _)| p)
            .find(|p| p.as_path() != rel)
            .is_some_and(|p| under(p))
            // Files that could not be read or decoded are not entries.
            || self.sources.diagnostics.iter().any(|d| under(&d.path))
            || self.sources.statics.iter().any(|(_, src)| match src {
                StaticSource::Disk(p) => p != &abs && p.starts_with(&abs),
                StaticSource::Embedded(_) => false,
            })
    }

    /// Whether a change set asks for any work: something the site reads
    /// by name changed, or a vanished path took some of its files along.
    pub fn concerns(&self, cs: &ChangeSet) -> bool {
        cs.named_files_changed() || cs.vanished.iter().any(|v| self.held_files(v))
    }

    /// Applies a change set. Errors leave the last good site in place.
    pub fn apply(&mut self, cs: &ChangeSet) -> Result<Rebuilt, Vec<Diagnostic>> {
        // A folder moved in, out or renamed: re-walk, as for a new folder.
        let lost = cs.vanished.iter().any(|v| self.held_files(v));
        if cs.config || cs.templates || cs.rescan || lost {
            // Keep the new sources even when the content is broken, so the next save builds on them.
            *self = Live::start(&self.root, &self.opts)?;
            return self.rebuild_all();
        }
        let mut t = crate::Timings::start();
        let cfg = self.sources.config.clone();
        let mut previous = Vec::new();
        for rel in &cs.content {
            let before = match discover::read_one(&self.root, rel) {
                Ok(Some(f)) => {
                    let parsed = parse_one(&cfg, &f);
                    self.entries.insert(rel.clone(), parsed)
                }
                Ok(None) => self.entries.remove(rel),
                Err(d) => self.entries.insert(rel.clone(), Err(vec![d])),
            };
            previous.push((rel.clone(), before));
        }
        let mut statics_changed = Vec::new();
        if !cs.statics.is_empty() {
            let mut d = Vec::new();
            let (_, statics) = discover::load_theme(&self.root, &self.sources.config, &mut d);
            statics_changed = statics
                .iter()
                .map(|(path, src)| (path.clone(), Data::from(src)))
                .collect();
            self.sources.statics = statics;
        }
        let Some(old) = self.good.take() else {
            return self.rebuild_all();
        };
        t.lap("reparse");
        if cs.statics.is_empty()
            && let Some(rebuilt) = self.patch(&old, &previous)
        {
            t.lap("patch");
            return match rebuilt {
                Ok((good, files)) => {
                    self.good = Some(good);
                    let n = files.len();
                    Ok(Rebuilt {
                        change: Change::Delta(files),
                        rendered: n,
                        derived_pending: true,
                    })
                }
                Err(d) => {
                    self.good = Some(old);
                    Err(d)
                }
            };
        }
        let new_site = match self.resolve() {
            Ok(s) => s,
            Err(d) => {
                self.good = Some(old);
                return Err(d);
            }
        };
        if cs.content.is_empty() {
            // Only static files: the pages are unchanged.
            let n = statics_changed.len();
            self.good = Some(Good {
                theme: old.theme,
                site: new_site,
                shared: old.shared,
            });
            return Ok(Rebuilt {
                change: Change::Delta(statics_changed),
                rendered: n,
                derived_pending: false,
            });
        }
        if !same_structure(&old.site, &new_site) {
            self.good = Some(old);
            return self.rebuild_all();
        }
        t.lap("resolve+aggregate");
        let shared = Shared::new(&new_site);
        t.lap("shared");
        let ids = affected(&old.site, &old.shared, &new_site, &shared);
        t.lap("affected");
        let result = render_ids(&new_site, &old.theme, &shared, &ids, false);
        t.lap("render");
        match result {
            Ok(mut files) => {
                files.extend(statics_changed);
                let n = files.len();
                self.good = Some(Good {
                    theme: old.theme,
                    site: new_site,
                    shared,
                });
                Ok(Rebuilt {
                    change: Change::Delta(files),
                    rendered: n,
                    derived_pending: true,
                })
            }
            Err(d) => {
                self.good = Some(old);
                Err(d)
            }
        }
    }

    /// The fast path for the commonest save: bulletins already in the site
    /// changed in text, title, summary or metrics but not in what places
    /// them (slug, date, campaigns, region, tags, draft). The old site is
    /// patched instead of resolved again; totals are recomputed only when a
    /// metric changed. `None` when the change is of another kind.
    #[allow(clippy::type_complexity)]
    fn patch(
        &self,
        old: &Good,
        previous: &[(PathBuf, Option<Result<ParsedFile, Vec<Diagnostic>>>)],
    ) -> Option<Result<(Good, Vec<(String, Data)>), Vec<Diagnostic>>> {
        if !self.sources.diagnostics.is_empty() || self.entries.values().any(Result::is_err) {
            return None;
        }
        let mut site = old.site.clone();
        let mut changed = Vec::new();
        let mut metrics_changed = false;
        for (path, before) in previous {
            let (Some(Ok(ParsedFile::Bulletin(a))), Some(Ok(ParsedFile::Bulletin(b)))) =
                (before, self.entries.get(path))
            else {
                return None;
            };
            let names = |x: &crate::content::bulletin::Bulletin| {
                x.campaign_refs
                    .iter()
                    .map(|r| r.name.clone())
                    .collect::<Vec<_>>()
            };
            if a.slug != b.slug
                || a.date != b.date
                || names(a) != names(b)
                || a.region != b.region
                || a.tags != b.tags
                || a.draft != b.draft
            {
                return None;
            }
            metrics_changed |= a.metrics != b.metrics;
            // By path: the site holds a copy of `a` when its links were rewritten.
            if let Some(i) = site.items.iter().position(|it| it.bulletin.path == a.path) {
                site.items[i].bulletin = site.links.bulletin(Arc::clone(b));
                changed.push(i);
            }
        }
        if metrics_changed {
            site.stats = site::statistics(&site);
        }
        let shared = old.shared.refresh(&site, &changed);
        let ids = affected(&old.site, &old.shared, &site, &shared);
        Some(match render_ids(&site, &old.theme, &shared, &ids, false) {
            Ok(files) => Ok((
                Good {
                    theme: Arc::clone(&old.theme),
                    site,
                    shared,
                },
                files,
            )),
            Err(d) => Err(d),
        })
    }

    /// The derived files of the current site (see [`Rebuilt::derived_pending`]).
    pub fn derived(&self) -> Vec<(String, Data)> {
        let Some(g) = &self.good else {
            return Vec::new();
        };
        crate::output::extras(&g.site, &g.shared)
            .into_iter()
            .chain(crate::output::data::files(&g.site))
            .filter(|(p, _)| !self.sources.statics.iter().any(|(s, _)| s == p))
            .map(|(p, b)| (p, Data::Bytes(b)))
            .collect()
    }

    /// The URL of the bulletin in `cs`, when exactly one bulletin changed and it is in the site.
    pub fn saved_bulletin(&self, cs: &ChangeSet) -> Option<String> {
        let mut bulletins = cs
            .content
            .iter()
            .filter(|p| discover::kind_of(p) == Some(Kind::Bulletin));
        let only = bulletins.next()?;
        if bulletins.next().is_some() {
            return None;
        }
        let g = self.good.as_ref()?;
        let it = g.site.items.iter().find(|it| it.bulletin.path == *only)?;
        Some(
            g.shared
                .urls
                .url(&crate::render::urls::bulletin(&it.bulletin.slug)),
        )
    }
}

/// Whether two sites have the same bulletins in the same order and scopes,
/// the same campaigns, regions, tags and pages: then only the pages showing
/// changed bulletins (and totals) need rendering.
fn same_structure(a: &Site, b: &Site) -> bool {
    a.config == b.config
        && a.campaigns == b.campaigns
        && a.pages == b.pages
        && a.items.len() == b.items.len()
        && a.regions.nodes.len() == b.regions.nodes.len()
        && a.regions
            .nodes
            .iter()
            .zip(&b.regions.nodes)
            .all(|(x, y)| x.key == y.key && x.slug_path == y.slug_path)
        && a.tags.keys().eq(b.tags.keys())
        && a.items.iter().zip(&b.items).all(|(x, y)| {
            x.bulletin.slug == y.bulletin.slug
                && x.bulletin.date == y.bulletin.date
                && x.campaigns == y.campaigns
                && x.region == y.region
                && x.tag_slugs == y.tag_slugs
                && x.bulletin.draft == y.bulletin.draft
        })
}

/// The pages of `new` that differ from `old`, for two sites of the same structure.
fn affected(old: &Site, old_shared: &Shared, new: &Site, shared: &Shared) -> Vec<PageId> {
    let per = new.config.paginate;
    let changed: Vec<usize> = (0..new.items.len())
        .filter(|&i| !Arc::ptr_eq(&old.items[i].bulletin, &new.items[i].bulletin))
        .collect();
    // Bulletins whose list entry (title, summary, metrics …) changed.
    let briefs: BTreeSet<usize> = changed
        .iter()
        .copied()
        .filter(|&i| old_shared.briefs[i] != shared.briefs[i])
        .collect();
    let mut ids: BTreeSet<PageId> = changed.iter().map(|&i| PageId::Bulletin(i)).collect();
    let page_of = |list: &[usize], i: usize| list.iter().position(|&j| j == i).map(|p| p / per + 1);
    for &i in &briefs {
        let (older, newer) = new.neighbours(i);
        ids.extend(older.into_iter().chain(newer).map(PageId::Bulletin));
        if i < per {
            ids.insert(PageId::Home);
        }
        for &c in &new.items[i].campaigns {
            ids.extend(page_of(&new.by_campaign[c], i).map(|p| PageId::Campaign(c, p)));
        }
        for r in new.regions.ancestry(new.items[i].region) {
            ids.extend(page_of(&new.regions.nodes[r].all, i).map(|p| PageId::Region(r, p)));
        }
        for t in &new.items[i].tag_slugs {
            if let Some(tag) = new.tags.get(t) {
                ids.extend(page_of(&tag.bulletins, i).map(|p| PageId::Tag(t.clone(), p)));
            }
        }
        ids.insert(PageId::Archive);
    }
    if old.stats != new.stats {
        // Totals show on the home page, the campaign list, the campaigns' and regions' pages and /stats/.
        ids.extend([PageId::Home, PageId::Campaigns, PageId::Stats]);
        let pages = |n: usize| 1..=n.div_ceil(per).max(1);
        for &i in &changed {
            for &c in &new.items[i].campaigns {
                ids.extend(pages(new.by_campaign[c].len()).map(|p| PageId::Campaign(c, p)));
            }
            for r in new.regions.ancestry(new.items[i].region) {
                ids.extend(pages(new.regions.nodes[r].all.len()).map(|p| PageId::Region(r, p)));
            }
        }
    }
    ids.into_iter().collect()
}
