//! The live preview's engine: the build pipeline kept in memory, re-run
//! for what a change invalidates.
//!
//! Keeps every content file's parse result, the last good site model, and
//! for every page what it read (the [`Key`]s recorded while it rendered)
//! with the value each key had. A save re-parses the files it touched and
//! resolves the site model again from the kept results (the same stages a
//! build runs); then every recorded key is evaluated on the new model, and
//! exactly the pages that read a key whose value changed are rendered
//! again — whatever the theme's templates read. Pages the new site no
//! longer has are removed; static files are re-read as a whole; derived
//! files (feeds, sitemap, search index, downloads) are recomputed by
//! [`Live::derive`] right after the pages. Configuration and template
//! changes render every page.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tera::Value;

use crate::content::bulletin::Bulletin;
use crate::content::discover::{self, Kind, Sources, StaticSource};
use crate::diag::Diagnostic;
use crate::output::{Data, Output, search, sitemap};
use crate::render::context::Shared;
use crate::render::pages::{self, PageId};
use crate::render::reads::{InPlace, Key, Scopes};
use crate::render::templates::Theme;
use crate::render::urls::Urls;
use crate::render::view::View;
use crate::serve::watch::ChangeSet;
use crate::site::Site;
use crate::{BuildOptions, ParsedFile, assemble, parse_one};

/// What a rebuild changed in the served site.
#[derive(Debug, Default)]
pub struct Update {
    /// Every file was rebuilt: the served site is exactly `put`.
    pub full: bool,
    /// Files to serve (new or changed).
    pub put: Vec<(String, Data)>,
    /// Paths the site no longer has.
    pub remove: Vec<String>,
    /// How many pages were rendered.
    pub rendered: usize,
}

impl Update {
    /// Applies the update to the served files.
    pub fn apply_to(self, served: &mut Output) {
        if self.full {
            served.files.clear();
        }
        for p in &self.remove {
            served.files.remove(p);
        }
        served.files.extend(self.put);
    }
}

/// The keys a page read, each the one shared copy of that key.
type Reads = Box<[Arc<Key>]>;

/// The last good site model.
struct Model {
    theme: Arc<Theme>,
    site: Arc<Site>,
    shared: Arc<Shared>,
}

/// A new state of the model, and the recorded keys whose values it changed.
struct Step {
    site: Arc<Site>,
    shared: Arc<Shared>,
    dirty: HashMap<Key, Value>,
    /// Every page by output path, when pages may have come or gone.
    plan: Option<BTreeMap<String, PageId>>,
}

/// The live site: sources, every file's parse result, the last good model
/// and what each of its pages read.
pub struct Live {
    root: PathBuf,
    opts: BuildOptions,
    sources: Sources,
    entries: BTreeMap<PathBuf, Result<ParsedFile, Vec<Diagnostic>>>,
    /// The entries that are errors.
    failed: BTreeSet<PathBuf>,
    model: Option<Model>,
    /// Output path of every page → the page and the keys it read (each
    /// key shared with [`Live::readers`]: a site of 10,000 bulletins has
    /// some 380,000 reads, and a copy of the key and of the path for each
    /// took more memory than the model).
    pages: BTreeMap<Arc<str>, (PageId, Reads)>,
    /// Whether the model reflects the kept parses (not after a failed save).
    in_sync: bool,
    /// Whether the templates on disk failed to load (the last theme is kept).
    theme_stale: bool,
    /// Every key some page read → its value in the current model.
    /// (The one shared copy of each key: pages and readers hold it too.)
    values: HashMap<Arc<Key>, Value>,
    /// The search index of the last derived files, kept for the next.
    search: Arc<Mutex<SearchMemo>>,
    /// The sitemaps of the last derived files, kept for the next.
    maps: Arc<Mutex<MapsMemo>>,
    /// The keys of `values` made from the totals.
    totals: HashSet<Key>,
    /// Every key → the pages that read it.
    readers: HashMap<Arc<Key>, BTreeSet<Arc<str>>>,
    /// Static files by output path.
    statics: BTreeMap<String, Data>,
    /// Derived files by output path, as last computed.
    derived: BTreeMap<String, Arc<[u8]>>,
    /// Every page's id by output path, as [`Live::page_source`] last gave
    /// it; `None` once pages came, went or moved.
    ids: Option<Arc<HashMap<String, PageId>>>,
    /// Whether rendered pages come with their bytes (else as
    /// [`Data::OnRequest`]: see [`Live::hold_no_page_bytes`]).
    keep_bytes: bool,
    /// Whether the pages of a full render come without their bytes even
    /// so (see [`Live::hold_no_bytes_of_every_page`]).
    lean_full: bool,
}

use crate::render::pages::Recorded as Rendered;

impl Live {
    /// Reads and parses the whole site. `Err` only when the configuration or
    /// theme cannot be read at all; content errors come back from [`Live::build_all`].
    pub fn start(root: &Path, opts: &BuildOptions) -> Result<Live, Vec<Diagnostic>> {
        let mut sources = discover::discover(root)?;
        if let Some(u) = &opts.base_url {
            sources.config.set_base_url(u);
        }
        let cfg = sources.config.clone();
        let pack = crate::packs_texts(&sources.files);
        let mut entries: BTreeMap<_, _> = sources
            .files
            .par_iter()
            .map(|f| (f.path.clone(), crate::parse_packing(&cfg, f, pack)))
            .collect();
        // A content file that could not be read is that file's error, cleared when it is fixed.
        let (own, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut sources.diagnostics)
            .into_iter()
            .partition(|d| discover::kind_of(&d.path).is_some());
        for d in own {
            entries.insert(d.path.clone(), Err(vec![d]));
        }
        sources.diagnostics = rest;
        let failed = (entries.iter())
            .filter(|(_, e)| e.is_err())
            .map(|(p, _)| p.clone())
            .collect();
        sources.files = Vec::new();
        let statics = statics_of(&sources);
        Ok(Live {
            root: root.to_path_buf(),
            opts: opts.clone(),
            sources,
            entries,
            failed,
            model: None,
            pages: BTreeMap::new(),
            values: HashMap::new(),
            totals: HashSet::new(),
            search: Arc::default(),
            maps: Arc::default(),
            readers: HashMap::new(),
            in_sync: false,
            theme_stale: false,
            statics,
            derived: BTreeMap::new(),
            ids: None,
            keep_bytes: true,
            lean_full: false,
        })
    }

    /// Renders the whole site, derived files included.
    pub fn build_all(&mut self) -> Result<Output, Vec<Diagnostic>> {
        let mut out = Output::default();
        self.full()?.apply_to(&mut out);
        self.derive().apply_to(&mut out);
        Ok(out)
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
                StaticSource::Photo(o) => o.photo.source.starts_with(&abs),
                StaticSource::Embedded(_) => false,
            })
    }

    /// Whether a change set asks for any work: something the site reads
    /// by name changed, or a vanished path took some of its files along.
    pub fn concerns(&self, cs: &ChangeSet) -> bool {
        cs.named_files_changed() || cs.vanished.iter().any(|v| self.held_files(v))
    }

    /// Applies a change set: re-renders the pages it invalidates. Errors
    /// leave the last good site in place. Derived files are refreshed by a
    /// following [`Live::derive`].
    pub fn apply(&mut self, cs: &ChangeSet) -> Result<Update, Vec<Diagnostic>> {
        // A folder moved in, out or renamed: re-walk, as for a new folder.
        let lost = cs.vanished.iter().any(|v| self.held_files(v));
        // A photo's size and variants are part of the pages that show it: read the site afresh.
        let photos = (cs.statics.iter())
            .any(|p| p.starts_with("content") && crate::images::is_photo(&p.to_string_lossy()));
        if cs.config || cs.rescan || lost || photos || self.model.is_none() {
            // Keep the new sources even when the content is broken, so the next save builds on them.
            let keep = (self.keep_bytes, self.lean_full);
            *self = Live::start(&self.root, &self.opts)?;
            (self.keep_bytes, self.lean_full) = keep;
            return self.full();
        }
        let mut t = crate::Timings::start();
        let edits = self.reparse(&cs.content);
        let mut touched: BTreeSet<String> = BTreeSet::new();
        if !cs.statics.is_empty() {
            touched = self.reload_statics();
        }
        t.lap("reparse");
        // The model lags the parses after a failed save: resolve anew then.
        let in_sync = std::mem::replace(&mut self.in_sync, false);
        let (theme, templates) = self.theme(cs.templates)?;
        let mut step = match edits.filter(|_| in_sync).and_then(|e| self.edit(&e)) {
            Some(step) => step,
            None => self.resolve_all()?,
        };
        // Pages record the template files they can read.
        (step.dirty).extend(
            templates
                .into_iter()
                .map(|n| (Key::Template(n), Value::none())),
        );
        t.lap("resolve+compare");
        if step.plan.is_some() {
            self.ids = None;
        }
        let (todo, gone) = self.pages_to_render(&step);
        let Step {
            site,
            shared,
            dirty,
            ..
        } = step;
        let rendered =
            pages::render_recorded(&site, &theme, &shared, &todo, (&dirty, self.keep_bytes))?;
        t.lap("render");
        for (k, v) in dirty {
            match self.values.get_mut(&k) {
                Some(old) => *old = v,
                None => {
                    self.values.insert(Arc::new(k), v);
                }
            }
        }
        self.model = Some(Model {
            theme,
            site,
            shared,
        });
        self.in_sync = true;
        touched.extend(gone.iter().cloned());
        for p in &gone {
            self.forget(p);
        }
        let update = self.record(&todo, rendered, touched, self.keep_bytes);
        t.lap("record");
        Ok(update)
    }

    /// The pages a step must render (they read a changed key, or are new)
    /// and the pages it removes. Keeps every page's id current.
    fn pages_to_render(&mut self, step: &Step) -> (Vec<PageId>, Vec<String>) {
        let mut todo: BTreeSet<&str> = (step.dirty.keys())
            .filter_map(|k| self.readers.get(k))
            .flatten()
            .map(|p| &**p)
            .collect();
        let Some(plan) = &step.plan else {
            let ids = todo
                .iter()
                .filter_map(|p| self.pages.get(*p))
                .map(|r| r.0.clone())
                .collect();
            return (ids, Vec::new());
        };
        todo.retain(|p| plan.contains_key(*p));
        todo.extend((plan.keys().map(String::as_str)).filter(|p| !self.pages.contains_key(*p)));
        let ids = todo.iter().map(|p| plan[*p].clone()).collect();
        let gone = (self.pages.keys())
            .filter(|p| !plan.contains_key(&***p))
            .map(|p| p.to_string())
            .collect();
        // Positions move when bulletins come and go.
        for (p, rec) in self.pages.iter_mut() {
            if let Some(id) = plan.get(&**p) {
                rec.0 = id.clone();
            }
        }
        (ids, gone)
    }

    /// The theme to render with, and the template files that changed: the
    /// last theme, or (when templates changed, or failed to load before)
    /// the templates read again and compared by name and text.
    fn theme(&mut self, changed: bool) -> Result<(Arc<Theme>, Vec<String>), Vec<Diagnostic>> {
        let last = Arc::clone(&self.model.as_ref().expect("checked by apply").theme);
        if !changed && !self.theme_stale {
            return Ok((last, Vec::new()));
        }
        self.theme_stale = true;
        let mut diags = Vec::new();
        let (templates, _) = discover::load_theme(&self.root, &self.sources.config, &mut diags);
        if !diags.is_empty() {
            return Err(diags);
        }
        let theme = Theme::load(&templates)?;
        // Compared with the templates of the last theme that loaded.
        let text = |list: &[discover::TemplateFile]| -> BTreeMap<String, String> {
            list.iter()
                .map(|f| (f.name.clone(), f.text.clone()))
                .collect()
        };
        let (before, after) = (text(&self.sources.templates), text(&templates));
        let mut names: BTreeSet<String> = before.keys().chain(after.keys()).cloned().collect();
        names.retain(|n| before.get(n) != after.get(n));
        self.sources.templates = templates;
        self.theme_stale = false;
        Ok((Arc::new(theme), names.into_iter().collect()))
    }

    /// The fast step: bulletins edited in place, nothing moved. The site
    /// and its values are derived from the last ones, and only the keys an
    /// in-place edit can change are compared.
    fn edit(&self, edits: &[(Arc<Bulletin>, Arc<Bulletin>)]) -> Option<Step> {
        let m = self.model.as_ref()?;
        if !self.sources.diagnostics.is_empty() || !self.failed.is_empty() {
            return None;
        }
        let mut t = crate::Timings::start();
        let (site, edited) = m.site.with_bulletins(edits)?;
        t.lap("edit: model");
        let shared = m.shared.refresh(&site, &edited.items, edited.stats);
        t.lap("edit: values");
        let change = InPlace {
            bulletins: (edited.items.iter())
                .map(|&i| site.items[i].bulletin.slug.clone())
                .collect(),
            titles: edited.titles,
            archive: (edited.items.iter())
                .map(|&i| pages::archive_page_of(&site, i))
                .collect(),
            stats: edited.stats,
        };
        let mut candidates = change.keys();
        if change.stats {
            let scopes = scopes_of(&site, &edited.items);
            candidates.extend(
                (self.totals.iter())
                    .filter(|k| k.totals_within(&scopes))
                    .cloned(),
            );
        }
        let dirty = self.dirty(&site, &shared, &candidates);
        t.lap("edit: compare");
        Some(Step {
            site: Arc::new(site),
            shared: Arc::new(shared),
            dirty,
            plan: None,
        })
    }

    /// The full step: the site resolved from every kept parse, every key compared.
    fn resolve_all(&self) -> Result<Step, Vec<Diagnostic>> {
        let old = self.model.as_ref().map(|m| (&*m.site, &*m.shared));
        let (site, shared) = resolve(&self.sources, &self.entries, self.opts.drafts, old)?;
        let plan = plan(&site);
        let every: Vec<Key> = self.values.keys().map(|k| Key::clone(k)).collect();
        let dirty = self.dirty(&site, &shared, &every);
        Ok(Step {
            site: Arc::new(site),
            shared: Arc::new(shared),
            dirty,
            plan: Some(plan),
        })
    }

    /// Re-reads and re-parses the content files in `paths`. Returns the
    /// bulletins edited in place (old and new parse), or `None` when a
    /// file appeared, vanished, failed or is not a bulletin.
    fn reparse(
        &mut self,
        paths: &BTreeSet<PathBuf>,
    ) -> Option<Vec<(Arc<Bulletin>, Arc<Bulletin>)>> {
        let cfg = &self.sources.config;
        let mut edits = Some(Vec::new());
        for rel in paths {
            let before = match discover::read_one(&self.root, rel) {
                Ok(Some(f)) => self.entries.insert(rel.clone(), parse_one(cfg, &f)),
                Ok(None) => self.entries.remove(rel),
                Err(d) => self.entries.insert(rel.clone(), Err(vec![d])),
            };
            if self.entries.get(rel).is_some_and(Result::is_err) {
                self.failed.insert(rel.clone());
            } else {
                self.failed.remove(rel);
            }
            match (before, self.entries.get(rel)) {
                (Some(Ok(ParsedFile::Bulletin(a))), Some(Ok(ParsedFile::Bulletin(b)))) => {
                    if let Some(e) = edits.as_mut() {
                        e.push((a, Arc::clone(b)));
                    }
                }
                _ => edits = None,
            }
        }
        edits
    }

    /// Re-reads every static file; returns the output paths that changed.
    fn reload_statics(&mut self) -> BTreeSet<String> {
        let mut d = Vec::new();
        let (_, statics) = discover::load_theme(&self.root, &self.sources.config, &mut d);
        self.sources.statics = statics;
        let new = statics_of(&self.sources);
        let mut touched: BTreeSet<String> = self.statics.keys().cloned().collect();
        touched.extend(new.keys().cloned());
        self.statics = new;
        // Files on disk may have changed behind an unchanged path: serve them afresh.
        touched
    }

    /// The recorded keys among `candidates` whose value differs in the new
    /// model, with their new values.
    fn dirty(&self, site: &Site, shared: &Shared, candidates: &[Key]) -> HashMap<Key, Value> {
        let view = View::new(site, shared);
        candidates
            .par_iter()
            .filter_map(|k| {
                let old = self.values.get(k)?;
                let new = view.value(k);
                (new != *old).then(|| (k.clone(), new))
            })
            .collect()
    }

    /// Removes a page and its reads.
    fn forget(&mut self, path: &str) {
        let orphans = self.unread(path);
        self.drop_values(orphans);
    }

    /// Removes a page and its reads, keeping the values it read; returns
    /// the keys no page reads any more.
    fn unread(&mut self, path: &str) -> Vec<Key> {
        let Some((_, reads)) = self.pages.remove(path) else {
            return Vec::new();
        };
        let mut orphans = Vec::new();
        for k in reads.iter() {
            if let Some(set) = self.readers.get_mut(&**k) {
                set.remove(path);
                if set.is_empty() {
                    self.readers.remove(&**k);
                    orphans.push(Key::clone(k));
                }
            }
        }
        orphans
    }

    /// Drops the values of the keys among `keys` that no page reads.
    fn drop_values(&mut self, keys: Vec<Key>) {
        for k in keys {
            if !self.readers.contains_key(&k) {
                self.values.remove(&k);
                self.totals.remove(&k);
            }
        }
    }

    /// Stores freshly rendered pages with their reads; returns the update
    /// to the served site for them and for the other `touched` paths.
    fn record(
        &mut self,
        ids: &[PageId],
        rendered: Vec<Rendered>,
        touched: BTreeSet<String>,
        keep_bytes: bool,
    ) -> Update {
        // A page read again keeps its values: they are current.
        let mut orphans = Vec::new();
        for (path, _, _) in &rendered {
            orphans.extend(self.unread(path));
        }
        let mut update = Update {
            rendered: rendered.len(),
            ..Update::default()
        };
        let model = self.model.as_ref().expect("set before recording");
        let view = View::new(&model.site, &model.shared);
        for (id, (path, bytes, reads)) in ids.iter().zip(rendered) {
            let page: Arc<str> = Arc::from(path.as_str());
            let mut keys = Vec::with_capacity(reads.len());
            for k in reads {
                // One key for every page that reads it.
                let k = match self.values.get_key_value(&k) {
                    Some((shared, _)) => Arc::clone(shared),
                    None => {
                        let value = view.value(&k);
                        if k.is_totals() {
                            self.totals.insert(k.clone());
                        }
                        let k = Arc::new(k);
                        self.values.insert(Arc::clone(&k), value);
                        k
                    }
                };
                (self.readers.entry(Arc::clone(&k)).or_default()).insert(Arc::clone(&page));
                keys.push(k);
            }
            self.pages
                .insert(page, (id.clone(), keys.into_boxed_slice()));
            let data = match keep_bytes {
                true => Data::Bytes(bytes),
                false => Data::OnRequest,
            };
            update.put.push((path, data));
        }
        self.drop_values(orphans);
        for p in touched {
            if !self.pages.contains_key(p.as_str()) {
                self.compose(&p, &mut update);
            }
        }
        update
    }

    /// What the served site has at `path` when no page is there: a static
    /// file wins over a derived one, as in a build.
    fn compose(&self, path: &str, update: &mut Update) {
        if let Some(d) = self.statics.get(path) {
            update.put.push((path.to_string(), d.clone()));
        } else if let Some(b) = self.derived.get(path) {
            update
                .put
                .push((path.to_string(), Data::Shared(Arc::clone(b))));
        } else {
            update.remove.push(path.to_string());
        }
    }

    /// Renders every page again from the kept parse results (derived files
    /// follow with [`Live::derive`]).
    pub fn rebuild_all(&mut self) -> Result<Update, Vec<Diagnostic>> {
        self.full()
    }

    /// Resolves and renders every page from the kept parse results.
    fn full(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let keep = self.keep_bytes && !self.lean_full;
        let (site, shared) = resolve(&self.sources, &self.entries, self.opts.drafts, None)?;
        let theme = Arc::new(Theme::load(&self.sources.templates)?);
        let ids = pages::plan(&site);
        let known = HashMap::new();
        let rendered = pages::render_recorded(&site, &theme, &shared, &ids, (&known, keep))?;
        self.model = Some(Model {
            theme,
            site: Arc::new(site),
            shared: Arc::new(shared),
        });
        self.in_sync = true;
        self.pages.clear();
        self.values.clear();
        self.totals.clear();
        self.readers.clear();
        self.derived.clear();
        self.ids = None;
        let touched = self.statics.keys().cloned().collect();
        let mut update = self.record(&ids, rendered, touched, keep);
        update.full = true;
        Ok(update)
    }

    /// Recomputes the derived files of the current model; returns what changed.
    pub fn derive(&mut self) -> Update {
        let Some(job) = self.derive_job() else {
            return Update::default();
        };
        let files = job.run();
        self.accept_derived(&job, files).unwrap_or_default()
    }

    /// What [`Live::derive`] needs, to compute the derived files on
    /// another thread while the next save is rebuilt.
    pub fn derive_job(&self) -> Option<DeriveJob> {
        self.model.as_ref().map(|m| DeriveJob {
            site: Arc::clone(&m.site),
            shared: Arc::clone(&m.shared),
            search: Arc::clone(&self.search),
            maps: Arc::clone(&self.maps),
        })
    }

    /// Takes the derived files `job` computed; returns what changed in the
    /// served site, or `None` when the model moved on meanwhile.
    pub fn accept_derived(
        &mut self,
        job: &DeriveJob,
        files: BTreeMap<String, Arc<[u8]>>,
    ) -> Option<Update> {
        let m = self.model.as_ref()?;
        if !Arc::ptr_eq(&m.site, &job.site) {
            return None;
        }
        let old = std::mem::replace(&mut self.derived, files);
        let mut update = Update::default();
        let changed = (self.derived.iter())
            .filter(|(p, b)| old.get(*p) != Some(*b))
            .map(|(p, _)| p.clone());
        let removed = old
            .keys()
            .filter(|p| !self.derived.contains_key(*p))
            .cloned();
        let touched: Vec<String> = changed.chain(removed).collect();
        for p in touched {
            if !self.pages.contains_key(p.as_str()) && !self.statics.contains_key(&p) {
                self.compose(&p, &mut update);
            }
        }
        Some(update)
    }

    /// The output folder the site's configuration names (`output_dir`).
    pub fn output_dir(&self) -> &str {
        &self.sources.config.output_dir
    }

    /// How many bulletins the last good model has.
    pub fn bulletins(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.site.items.len())
    }

    /// Pages rendered from now on come as [`Data::OnRequest`], their bytes
    /// dropped as soon as they are made: the preview server renders a page
    /// again from [`Live::page_source`] when it is asked for, so it never
    /// holds every page at once (some 2 GB at 100,000 bulletins).
    pub fn hold_no_page_bytes(&mut self) {
        self.keep_bytes = false;
    }

    /// The pages of a render of every page come as [`Data::OnRequest`],
    /// those of a save with their bytes: `build --watch` writes every
    /// page of a full render one by one, rendering each again
    /// ([`Live::page_source`]), and a save's few pages as they are.
    pub fn hold_no_bytes_of_every_page(&mut self) {
        self.lean_full = true;
    }

    /// What renders any page of the current model again, for the preview
    /// server to answer a request without holding every page's bytes.
    pub fn page_source(&mut self) -> Option<PageSource> {
        let m = self.model.as_ref()?;
        let ids = match &self.ids {
            Some(ids) => Arc::clone(ids),
            None => {
                let ids: HashMap<String, PageId> = (self.pages.iter())
                    .map(|(p, (id, _))| (p.to_string(), id.clone()))
                    .collect();
                Arc::clone(self.ids.insert(Arc::new(ids)))
            }
        };
        Some(PageSource {
            theme: Arc::clone(&m.theme),
            site: Arc::clone(&m.site),
            shared: Arc::clone(&m.shared),
            ids,
        })
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
        let m = self.model.as_ref()?;
        let Some(Ok(ParsedFile::Bulletin(b))) = self.entries.get(only) else {
            return None;
        };
        // Only if the site has it (not a draft left out).
        let i = m.shared.bulletin(&b.slug)?;
        (m.site.items[i].bulletin.path == b.path)
            .then(|| m.shared.urls.url(&crate::render::urls::bulletin(&b.slug)))
    }
}

/// A snapshot of the model that renders any of its pages again: the same
/// bytes the rebuild rendered, since a page is made of the model alone.
#[derive(Clone)]
pub struct PageSource {
    theme: Arc<Theme>,
    site: Arc<Site>,
    shared: Arc<Shared>,
    ids: Arc<HashMap<String, PageId>>,
}

impl PageSource {
    /// The page at output path `path`, rendered; `None` when there is none.
    pub fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let id = self.ids.get(path)?;
        Some(pages::render_page(&self.site, &self.theme, &self.shared, id).map(|(_, b)| b))
    }

    /// The same snapshot rendering with another theme: how a test makes a
    /// page that rendered at the rebuild fail when it is asked for.
    #[cfg(test)]
    pub(crate) fn with_theme(&self, theme: Theme) -> PageSource {
        PageSource {
            theme: Arc::new(theme),
            ..self.clone()
        }
    }
}

/// A snapshot of the model for computing its derived files.
pub struct DeriveJob {
    site: Arc<Site>,
    shared: Arc<Shared>,
    search: Arc<Mutex<SearchMemo>>,
    maps: Arc<Mutex<MapsMemo>>,
}

/// The sitemaps of the last site they were made for.
#[derive(Default)]
struct MapsMemo {
    site: Option<Arc<Site>>,
    files: Vec<(String, Arc<[u8]>)>,
}

/// The search index's files for the last site they were computed for.
#[derive(Default)]
struct SearchMemo {
    site: Option<Arc<Site>>,
    index: search::Index,
}

impl DeriveJob {
    /// [`DeriveJob::run`] on threads of low priority, so the next save's
    /// rebuild takes the cores back whenever it needs them.
    pub fn run_in_background(&self) -> BTreeMap<String, Arc<[u8]>> {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("derive-{i}"))
            .start_handler(|_| lower_priority());
        match pool.build() {
            Ok(pool) => pool.install(|| self.run()),
            Err(_) => self.run(),
        }
    }

    /// Feeds, sitemap, robots.txt, search index and statistics downloads.
    /// Each file's bytes are shared by the live site, the search memo and
    /// the served site: at 100,000 bulletins the search index alone is
    /// about half a gigabyte.
    pub fn run(&self) -> BTreeMap<String, Arc<[u8]>> {
        let ((feeds, data), (search, maps)) = rayon::join(
            || {
                rayon::join(
                    || crate::output::feeds_and_robots(&self.site, &self.shared),
                    || {
                        let files = std::sync::Mutex::new(Vec::new());
                        let apart = self.shared.csv_apart;
                        crate::output::data::files(&self.site, apart, &|path, bytes| {
                            (files.lock().unwrap_or_else(|e| e.into_inner())).push((path, bytes))
                        });
                        files.into_inner().unwrap_or_else(|e| e.into_inner())
                    },
                )
            },
            || rayon::join(|| self.search_files(), || self.sitemap_files()),
        );
        let own = feeds.into_iter().chain(data);
        (own.map(|(p, bytes)| (p, Arc::from(bytes))))
            .chain(search)
            .chain(maps)
            .collect()
    }

    /// The sitemaps: the last ones when the pages, their paths and dates
    /// are the same, else made anew.
    fn sitemap_files(&self) -> Vec<(String, Arc<[u8]>)> {
        let mut memo = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = &memo.site
            && sitemap::same_input(s, &self.site)
        {
            // Hold this site, not the one they were made for: an older
            // site keeps the bulletins edited since alive.
            memo.site = Some(Arc::clone(&self.site));
            return memo.files.clone();
        }
        let files: Vec<(String, Arc<[u8]>)> = (crate::output::sitemaps(&self.site, &self.shared))
            .into_iter()
            .map(|(p, bytes)| (p, Arc::from(bytes)))
            .collect();
        *memo = MapsMemo {
            site: Some(Arc::clone(&self.site)),
            files: files.clone(),
        };
        files
    }

    /// The search index's files: the last ones when what the index reads
    /// did not change (an edit of numbers only), made from the last ones
    /// for a few bulletins edited where they stand, else computed anew.
    fn search_files(&self) -> Vec<(String, Arc<[u8]>)> {
        let mut memo = self.search.lock().unwrap_or_else(|e| e.into_inner());
        let index = match &memo.site {
            Some(s) if search::same_input(s, &self.site) => {
                memo.site = Some(Arc::clone(&self.site));
                return memo.index.files.clone();
            }
            Some(s) => memo.index.next(s, &self.site),
            None => search::Index::of(&self.site),
        };
        let files = index.files.clone();
        *memo = SearchMemo {
            site: Some(Arc::clone(&self.site)),
            index,
        };
        files
    }
}

/// Static files by output path.
/// The scopes the bulletins at `items` count in.
fn scopes_of(site: &Site, items: &[usize]) -> Scopes {
    let mut s = Scopes::default();
    for &i in items {
        let it = &site.items[i];
        for &c in &it.campaigns {
            let camp = &site.campaigns[c];
            s.campaigns.insert(camp.slug.clone());
            s.campaigns.insert(camp.name.clone());
        }
        if !site.regions.nodes.is_empty() {
            for r in site.regions.ancestry(it.region) {
                s.regions.insert(site.regions.nodes[r].key.clone());
            }
        }
        let d = it.bulletin.date;
        s.years.insert(d.year().to_string());
        s.months.insert(format!("{}-{:02}", d.year(), d.month()));
    }
    s
}

fn statics_of(sources: &Sources) -> BTreeMap<String, Data> {
    sources
        .statics
        .iter()
        .map(|(p, s)| (p.clone(), Data::from(s)))
        .collect()
}

/// Every page of `site` by output path.
fn plan(site: &Site) -> BTreeMap<String, PageId> {
    pages::plan(site)
        .into_iter()
        .map(|id| (Urls::file(&pages::page_path(site, &id)), id))
        .collect()
}

/// The resolve and aggregate stages over the kept parse results, and the
/// template values (reusing `old`'s for bulletins that did not change).
fn resolve(
    sources: &Sources,
    entries: &BTreeMap<PathBuf, Result<ParsedFile, Vec<Diagnostic>>>,
    drafts: bool,
    old: Option<(&Site, &Shared)>,
) -> Result<(Site, Shared), Vec<Diagnostic>> {
    let mut diags = sources.diagnostics.clone();
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for (path, e) in entries {
        match e {
            Ok(p) => ok.push(p),
            Err(d) => {
                failed.push(path.as_path());
                diags.extend(d.iter().cloned());
            }
        }
    }
    let site = crate::model(&sources.config, assemble(ok, failed), drafts);
    let site = match site {
        Ok(s) if diags.is_empty() => s,
        Ok(_) => return Err(diags),
        Err(d) => {
            diags.extend(d);
            return Err(diags);
        }
    };
    let mut t = crate::Timings::start();
    let shared = match old {
        Some((old_site, old_shared)) => Shared::next(old_site, old_shared, &site),
        None => Shared::new(&site),
    };
    t.lap("values");
    Ok((site, shared))
}

/// Lowers the calling thread's scheduling priority (Linux; elsewhere a no-op).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take plain integers and touch no memory.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}
