//! jianxun (简讯): a static-site generator for campaign bulletins.
//!
//! The pipeline, one stage per function:
//!
//! ```text
//! discover → parse → resolve → aggregate → render → write
//! ```
//!
//! [`discover`] reads the site from disk, [`parse`] turns every file into a
//! typed item (in parallel), [`resolve`] links them into the immutable
//! [`site::Site`], [`site::statistics`] adds up the metrics, [`render`]
//! hands every page to a sink (the in-memory [`output::Output`] or the
//! build's staging folder), and [`output::write::Staging`] commits it. Every stage returns all
//! the diagnostics it found, never just the first.
#![warn(missing_docs)]
// Diagnostics travel on the error path only; boxing them would buy nothing.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod exit;
pub mod images;
pub mod import;
pub mod messages;
pub mod output;
pub mod pathname;
pub mod render;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod urls;
pub mod width;
pub mod yaml;

use std::path::Path;

use rayon::prelude::*;

use content::discover::Kind;
pub use content::discover::{Sources, discover};
use diag::Diagnostic;
use output::{Data, Output};
use render::context::Shared;
use render::pages;
use render::templates::Theme;
use site::{Parsed, Site};

/// One parsed content file.
#[derive(Debug, Clone)]
pub enum ParsedFile {
    /// A bulletin (shared: the live preview keeps it across rebuilds).
    Bulletin(std::sync::Arc<content::bulletin::Bulletin>),
    /// A campaign.
    Campaign(content::campaign::Campaign),
    /// A plain page.
    Page(content::page::Page),
}

/// Parses one content file.
pub fn parse_one(
    config: &config::Config,
    f: &content::discover::SourceFile,
) -> Result<ParsedFile, Vec<Diagnostic>> {
    match f.kind {
        Kind::Bulletin => content::bulletin::parse(config, &f.path, &f.text)
            .map(|b| ParsedFile::Bulletin(std::sync::Arc::new(b))),
        Kind::Campaign => {
            content::campaign::parse(config, &f.path, &f.text).map(ParsedFile::Campaign)
        }
        Kind::Page => content::page::parse(&f.path, &f.text).map(ParsedFile::Page),
    }
}

/// From how many bulletins a site keeps their texts compressed (see
/// [`content::markdown::Doc`]): below it packing them would cost a build
/// more time than their memory is worth. See [`is_large`].
pub const PACK_FROM: usize = 20_000;

/// Whether a site of `bulletins` bulletins is large enough that a build
/// saves memory rather than time: from [`PACK_FROM`] on it packs the
/// texts (each with the plain text kept for search), writes every card of a
/// list afresh, and lets the allocator hand freed memory back at once and
/// between the pages and the search index.
pub fn is_large(bulletins: usize) -> bool {
    bulletins >= PACK_FROM
}

/// Whether a site with the content files `files` keeps its bulletins'
/// texts packed: at least [`PACK_FROM`] bulletins.
pub fn packs_texts(files: &[content::discover::SourceFile]) -> bool {
    is_large(content::discover::bulletin_count(files))
}

/// [`parse_one`], packing a bulletin's texts when `pack` (see
/// [`packs_texts`]). Each is packed as soon as it is parsed, so a large
/// site never holds all its texts unpacked at once.
pub fn parse_packing(
    config: &config::Config,
    f: &content::discover::SourceFile,
    pack: bool,
) -> Result<ParsedFile, Vec<Diagnostic>> {
    let mut parsed = parse_one(config, f);
    if let (true, Ok(ParsedFile::Bulletin(b))) = (pack, &mut parsed) {
        std::sync::Arc::make_mut(b).body.pack();
    }
    parsed
}

/// Gathers parsed files into [`Parsed`]. `failed` lists the files that did
/// not parse: a campaign whose file is broken is still known by its file
/// name, so bulletins naming it are not reported a second time.
pub fn assemble<'a>(
    parsed: impl IntoIterator<Item = &'a ParsedFile>,
    failed: impl IntoIterator<Item = &'a std::path::Path>,
) -> Parsed {
    let mut out = Parsed::default();
    for p in parsed {
        match p {
            ParsedFile::Bulletin(b) => out.bulletins.push(std::sync::Arc::clone(b)),
            ParsedFile::Campaign(c) => out.campaigns.push(c.clone()),
            ParsedFile::Page(pg) => out.pages.push(pg.clone()),
        }
    }
    for path in failed {
        if content::discover::kind_of(path) == Some(Kind::Campaign) {
            let slug = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !out.campaigns.iter().any(|c| c.slug == slug) {
                out.broken_campaigns.push(slug);
            }
        }
    }
    out
}

/// Parses every content file in parallel. Returns what parsed and the
/// diagnostics of what did not, so later stages can still check the rest.
pub fn parse(sources: &Sources) -> (Parsed, Vec<Diagnostic>) {
    let pack = packs_texts(&sources.files);
    let results: Vec<Result<ParsedFile, Vec<Diagnostic>>> = sources
        .files
        .par_iter()
        .map(|f| parse_packing(&sources.config, f, pack))
        .collect();
    let mut ok = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    let mut diags = Vec::new();
    for (f, r) in sources.files.iter().zip(results) {
        match r {
            Ok(p) => ok.push(p),
            Err(mut d) => {
                failed.push(f.path.as_path());
                diags.append(&mut d);
            }
        }
    }
    (assemble(&ok, failed), diags)
}

/// [`parse`], consuming the texts as it goes so they are freed as soon as
/// each file is parsed (a large site then never holds all its texts and all
/// its parsed content at once).
pub fn parse_consuming(sources: &mut Sources) -> (Parsed, Vec<Diagnostic>) {
    let files = std::mem::take(&mut sources.files);
    let config = &sources.config;
    let pack = packs_texts(&files);
    let results: Vec<(std::path::PathBuf, Result<ParsedFile, Vec<Diagnostic>>)> = files
        .into_par_iter()
        .map(|f| {
            let r = parse_packing(config, &f, pack);
            (f.path, r)
        })
        .collect();
    let mut ok = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    let mut diags = Vec::new();
    for (path, r) in &results {
        match r {
            Ok(p) => ok.push(p),
            Err(d) => {
                failed.push(path.as_path());
                diags.extend(d.iter().cloned());
            }
        }
    }
    (assemble(ok, failed), diags)
}

/// Links parsed content into the site model.
pub fn resolve(sources: &Sources, parsed: Parsed, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
    site::resolve(&sources.config, parsed, drafts)
}

/// The resolve and aggregate stages: parsed content → the site model with
/// its totals, built once for this state of the inputs.
pub fn model(
    config: &config::Config,
    parsed: Parsed,
    drafts: bool,
) -> Result<Site, Vec<Diagnostic>> {
    let mut t = Timings::start();
    let mut site = site::resolve(config, parsed, drafts)?;
    t.lap("resolve");
    site.stats = std::sync::Arc::new(site::statistics(&site));
    t.lap("aggregate");
    Ok(site)
}

/// Where rendered files go: the in-memory [`Output`] or the build's staging folder.
/// Called from many threads at once.
pub type Sink<'a> = dyn Fn(String, Data) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every page and static file of the site into `sink`.
pub fn render(
    sources: &Sources,
    site: &Site,
    theme: &Theme,
    sink: &Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut t = Timings::start();
    let mut shared = Shared::new(site);
    let ids = pages::plan(site);
    t.lap("shared");
    // In parallel: a photo's variants are made (or read from the cache) as they are written.
    let mut diags: Vec<Diagnostic> = (sources.statics.par_iter())
        .filter_map(|(path, src)| sink(path.clone(), Data::from(src)).err())
        .collect();
    // Pages first, each written as soon as it is rendered; then the
    // derived files (feeds, sitemap, search index, downloads). One after
    // the other, so that the bulletins' list values and the search index
    // are never held at the same time: each is as large as the site.
    let pages_done = pages::render_each(site, theme, &shared, &ids, &|path, bytes| {
        sink(path, Data::Bytes(bytes))
    });
    t.lap("pages");
    shared.forget_briefs();
    // A large site hands the memory of the pages back before the search
    // index takes as much again; a smaller one keeps it for the index,
    // which would otherwise have the kernel clear those pages once more.
    if is_large(site.items.len()) {
        release_free_memory();
    }
    if let Err(d) = pages_done {
        diags.extend(d);
    }
    let errors = std::sync::Mutex::new(Vec::new());
    // Looked up for every derived file; a site with photos has thousands of statics.
    let statics: std::collections::HashSet<&str> =
        sources.statics.iter().map(|(p, _)| p.as_str()).collect();
    let put = |path: String, bytes: Vec<u8>| {
        // A site's own static/robots.txt (or sitemap.xml …) wins over the generated one.
        if statics.contains(path.as_str()) {
            return;
        }
        if let Err(d) = sink(path, Data::Bytes(bytes)) {
            errors.lock().unwrap_or_else(|e| e.into_inner()).push(d);
        }
    };
    // The search index is written as it is made: it is as large as the
    // site. The feeds, sitemaps and downloads are made beside it, on the
    // core the index leaves idle between its steps.
    rayon::join(
        || output::search::write(site, &put),
        || {
            rayon::join(
                || {
                    (output::feeds_and_maps(site, &shared).into_par_iter())
                        .for_each(|(path, bytes)| put(path, bytes));
                },
                || output::data::files(site, shared.csv_apart, &put),
            );
        },
    );
    t.lap("derived");
    diags.extend(errors.into_inner().unwrap_or_else(|e| e.into_inner()));
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

/// A limit for this run: `most`, or the smaller number from `least` up
/// that the internal variable `var` sets (tests use one to split a small
/// site the way a large one is split). Not documented for users; any
/// other value of `var` is ignored.
pub fn internal_limit(var: &str, least: usize, most: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| (least..=most).contains(n))
        .unwrap_or(most)
}

/// Hands the memory the allocator keeps free back to the system, so the
/// next stage's allocations do not add to what the last one left behind.
pub(crate) fn release_free_memory() {
    // SAFETY: mi_collect only walks the allocator's own free pages.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// mimalloc's options that [`lean_allocator`] sets, by their number in
/// mimalloc 2's `mi_option_t` (the crate names only some of them).
mod mi_option {
    pub const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    pub const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
}

/// Tells the allocator to hand memory back as soon as it is free and to
/// take it from the system only when used. For the preview, which runs for
/// hours: with mimalloc's defaults (kept by `build`, which ends in seconds)
/// it held 420 MB serving a 10,000-bulletin site, against 326 MB this way.
pub fn lean_allocator() {
    // SAFETY: mi_option_set takes two plain integers and only sets the
    // allocator's own options.
    unsafe {
        libmimalloc_sys::mi_option_set(mi_option::PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(mi_option::ARENA_EAGER_COMMIT, 0);
    }
}

/// How long, in milliseconds, memory freed during a build waits before
/// it goes back to the system when the site has fewer than [`PACK_FROM`]
/// bulletins: longer than such a build lasts.
const ROOMY_PURGE_DELAY: std::ffi::c_long = 10_000;

/// Tells the allocator, for a build of `bulletins` bulletins, to keep the
/// memory freed between pages for the next ones rather than hand it back
/// to the system after 10 ms (mimalloc's default) and take it again, the
/// kernel clearing each page anew: over 16 alternating builds of 10,000
/// bulletins the median build took about 4% less time this way. A larger
/// site keeps the default: its peak memory matters more than that time
/// (at 100,000 bulletins it rose by about 130 MB), and hands back what
/// its pages freed before it makes the search index ([`render`]).
pub fn roomy_allocator(bulletins: usize) {
    if !is_large(bulletins) {
        // SAFETY: mi_option_set takes two plain integers and only sets the
        // allocator's own option.
        unsafe { libmimalloc_sys::mi_option_set(mi_option::PURGE_DELAY, ROOMY_PURGE_DELAY) }
    }
}

/// Tells the kernel not to back this process's memory with transparent
/// huge pages. mimalloc asks for them on its whole arena, so every first
/// touch of a 2 MiB block made the kernel find (compacting memory when it
/// must) and clear a huge page, where a build needs a few kilobytes: a
/// build's system time was largely that. Over 10 alternating builds of
/// 10,000 bulletins the median build took 11% less time without them
/// (1.95 s against 1.73 s; system time 1.29 s against 0.85 s); another 8
/// took 3% less. At 100,000 bulletins the time was the same either way
/// (16.5 s): less system time, more user time. Every command asks for it
/// (see `main`): `serve` with huge pages spent over half its CPU clearing
/// them and took 4.5–5.1 s to serve 10,000 bulletins, 1.7–2.3 s without;
/// `check` took 2.7–3.5 s there, 1.6–1.7 s without. Linux only; elsewhere it
/// does nothing.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and only
    // sets a flag of this process; a kernel without it returns an error,
    // which leaves everything as it was.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Options for building a site.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Includes drafts.
    pub drafts: bool,
}

/// A site read, parsed, resolved and with its theme loaded: ready to render.
pub struct Loaded {
    /// What was read from disk (content texts already dropped).
    pub sources: Sources,
    /// The site model.
    pub site: Site,
    /// The theme.
    pub theme: Theme,
}

/// Runs discover → parse → resolve and loads the theme. Every content and
/// template error of the whole site is reported together.
pub fn load(root: &Path, opts: &BuildOptions) -> Result<Loaded, Vec<Diagnostic>> {
    load_inner(root, opts, None)
}

/// [`load`], showing `inspect` the sources (texts included) and everything
/// that parsed before it is resolved: `check` looks further at them.
pub fn load_with(
    root: &Path,
    opts: &BuildOptions,
    inspect: impl FnOnce(&Sources, &Parsed),
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut inspect = Some(inspect);
    let mut call = |s: &Sources, p: &Parsed| {
        if let Some(f) = inspect.take() {
            f(s, p)
        }
    };
    load_inner(root, opts, Some(&mut call))
}

#[allow(clippy::type_complexity)]
fn load_inner(
    root: &Path,
    opts: &BuildOptions,
    inspect: Option<&mut dyn FnMut(&Sources, &Parsed)>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut t = Timings::start();
    let sources = discover(root)?;
    t.lap("discover");
    load_discovered(sources, opts, inspect)
}

/// [`load`] after discovery: parse → resolve and the theme, from sources
/// already read (`build` first looks whether they changed at all).
pub fn load_from(sources: Sources, opts: &BuildOptions) -> Result<Loaded, Vec<Diagnostic>> {
    load_discovered(sources, opts, None)
}

#[allow(clippy::type_complexity)]
fn load_discovered(
    mut sources: Sources,
    opts: &BuildOptions,
    inspect: Option<&mut dyn FnMut(&Sources, &Parsed)>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut t = Timings::start();
    if let Some(u) = &opts.base_url {
        sources.config.set_base_url(u);
    }
    let (parsed, parse_diags) = match inspect {
        Some(f) => {
            let (parsed, diags) = parse(&sources);
            f(&sources, &parsed);
            (parsed, diags)
        }
        None => parse_consuming(&mut sources),
    };
    // The parsed items hold all the text from here on.
    sources.files = Vec::new();
    t.lap("parse");
    let mut diags = sources.diagnostics.clone();
    diags.extend(parse_diags);
    let site = model(&sources.config, parsed, opts.drafts);
    t.lap("resolve+aggregate");
    let theme = Theme::load(&sources.templates);
    match (site, theme) {
        (Ok(site), Ok(theme)) if diags.is_empty() => Ok(Loaded {
            sources,
            site,
            theme,
        }),
        (site, theme) => {
            diags.extend(site.err().unwrap_or_default());
            diags.extend(theme.err().unwrap_or_default());
            Err(diags)
        }
    }
}

/// `check`: every error [`load`] and [`render`] would report, plus the
/// lints of [`site::lint`] (broken links and missing images as errors;
/// links to drafts, future dates, outlying metric values and duplicate
/// titles as warnings). `now` is in seconds since the epoch. Writes nothing.
pub fn check(root: &Path, opts: &BuildOptions, now: i64) -> Vec<Diagnostic> {
    let mut lints = Vec::new();
    let loaded = load_with(root, opts, |sources, parsed| {
        let published = sources.statics.iter().map(|(p, _)| p.clone()).collect();
        lints = site::lint::lint(&site::lint::Input {
            config: &sources.config,
            files: &sources.files,
            published: &published,
            parsed,
            drafts: opts.drafts,
            now,
        });
    });
    let mut diags = match loaded {
        Ok(l) => render(&l.sources, &l.site, &l.theme, &|_, _| Ok(()))
            .err()
            .unwrap_or_default(),
        Err(d) => d,
    };
    diags.extend(lints);
    diags
}

/// Builds the whole site in memory: [`load`] then [`render`] into an [`Output`].
pub fn build(root: &Path, opts: &BuildOptions) -> Result<(Sources, Site, Output), Vec<Diagnostic>> {
    let Loaded {
        sources,
        site,
        theme,
    } = load(root, opts)?;
    let files = std::sync::Mutex::new(std::collections::BTreeMap::new());
    render(&sources, &site, &theme, &|path, data| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, data);
        Ok(())
    })?;
    let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((sources, site, Output { files }))
}

/// The process's resident memory now and at its peak, as read from
/// `/proc/self/status` (Linux); empty elsewhere.
fn memory_now() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .unwrap_or(0)
    };
    format!(
        "  rss {:>6} MB  peak {:>6} MB",
        field("VmRSS:") / 1024,
        field("VmHWM:") / 1024
    )
}

/// Stage timings printed to stderr when `JIANXUN_TIMINGS` is set (used by
/// the benchmark): each stage's wall time, the CPU time all threads spent
/// in it, and the memory after it.
pub struct Timings {
    on: bool,
    last: std::time::Instant,
    cpu: f64,
}

/// The CPU time this process has used so far, in milliseconds (user and
/// system, all threads); 0 where it cannot be read.
fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage only writes the struct it is given.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr()) } == 0 {
            // SAFETY: getrusage returned 0, so it filled the struct.
            let u = unsafe { u.assume_init() };
            let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
            return ms(u.ru_utime) + ms(u.ru_stime);
        }
    }
    0.0
}

impl Timings {
    /// Starts timing.
    pub fn start() -> Timings {
        let on = std::env::var_os("JIANXUN_TIMINGS").is_some();
        Timings {
            on,
            last: std::time::Instant::now(),
            cpu: if on { cpu_ms() } else { 0.0 },
        }
    }

    /// Prints the time since the previous lap.
    pub fn lap(&mut self, stage: &str) {
        if self.on {
            let cpu = cpu_ms();
            eprintln!(
                "timing: {stage:<10} {:>8.1} ms  cpu {:>8.1} ms{}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu - self.cpu,
                memory_now()
            );
            self.cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

#[cfg(test)]
mod pack_tests {
    use super::*;

    /// The texts are packed from the threshold on, and a packed bulletin
    /// is equal to the same bulletin unpacked.
    #[test]
    fn a_large_sites_texts_are_packed() {
        let config = config::Config::default();
        let text = "---\ntitle: 标题\ndate: 2024-05-01\ncampaign: a\nregion: 四川\n---\n正文。\n";
        let file = |i: usize, kind| content::discover::SourceFile {
            path: format!("content/bulletins/b{i}.md").into(),
            kind,
            text: text.to_string(),
        };
        let files = |n: usize, kind| (0..n).map(|i| file(i, kind)).collect::<Vec<_>>();
        // Counted in bulletins, not in other content files.
        assert!(packs_texts(&files(PACK_FROM, Kind::Bulletin)));
        assert!(!packs_texts(&files(PACK_FROM - 1, Kind::Bulletin)));
        assert!(!packs_texts(&files(PACK_FROM, Kind::Page)));
        let body = |f: &ParsedFile| match f {
            ParsedFile::Bulletin(b) => b.body.clone(),
            _ => unreachable!(),
        };
        let f = file(0, Kind::Bulletin);
        let plain = body(&parse_packing(&config, &f, false).unwrap());
        let packed = body(&parse_packing(&config, &f, true).unwrap());
        assert!(!plain.is_packed());
        assert!(packed.is_packed());
        assert_eq!(packed, plain);
        for b in [plain, packed] {
            assert_eq!(b.src(), "正文。\n");
            // Packed or not, it gives the search index the same text.
            let text = content::markdown::plain_text(&b, content::markdown::KEPT_CHARS);
            assert_eq!(text, "正文。");
        }
    }
}

#[cfg(test)]
mod allocator_tests {
    /// The numbers [`super::lean_allocator`] sets are the options meant:
    /// their values before it runs are mimalloc 2's documented defaults.
    #[test]
    fn the_allocator_options_are_the_ones_meant() {
        // SAFETY: mi_option_get takes a plain integer and only reads an option.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        assert_eq!(get(super::mi_option::PURGE_DELAY), 10);
        assert_eq!(get(super::mi_option::ARENA_EAGER_COMMIT), 2);
        // A large site's build keeps the default; a smaller one's waits.
        // (The only test here that touches the options: it sets them back.)
        super::roomy_allocator(super::PACK_FROM);
        assert_eq!(get(super::mi_option::PURGE_DELAY), 10);
        super::roomy_allocator(super::PACK_FROM - 1);
        assert_eq!(get(super::mi_option::PURGE_DELAY), super::ROOMY_PURGE_DELAY);
        // SAFETY: mi_option_set takes two plain integers.
        unsafe { libmimalloc_sys::mi_option_set(super::mi_option::PURGE_DELAY, 10) };
    }

    /// The call sets the process's flag (which only changes how the kernel
    /// backs this test process's memory).
    #[cfg(target_os = "linux")]
    #[test]
    fn no_huge_pages_sets_the_flag() {
        super::no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE takes no pointer and only reads the flag.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
