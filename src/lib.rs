//! jianxun (简讯): a static-site generator for campaign bulletins.
//!
//! The pipeline, one stage per function:
//!
//! ```text
//! discover → parse → resolve → render → write
//! ```
//!
//! [`discover`] reads the site from disk, [`parse`] turns every file into a
//! typed item (in parallel), [`resolve`] links them into the immutable
//! [`site::Site`], [`render`] produces the whole [`output::Output`] in
//! memory, and [`output::write::write`] commits it. Every stage returns all
//! the diagnostics it found, never just the first.
#![warn(missing_docs)]
// Diagnostics travel on the error path only; boxing them would buy nothing.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod output;
pub mod render;
pub mod site;
pub mod yaml;

use std::path::Path;

use rayon::prelude::*;

use content::discover::{Kind, StaticSource};
pub use content::discover::{Sources, discover};
use diag::Diagnostic;
use output::{Data, Output};
use render::context::Shared;
use render::pages;
use render::templates::Theme;
use site::{Parsed, Site};

/// Parses every content file in parallel. Returns what parsed and the
/// diagnostics of what did not, so later stages can still check the rest.
pub fn parse(sources: &Sources) -> (Parsed, Vec<Diagnostic>) {
    let cfg = &sources.config;
    enum One {
        B(content::bulletin::Bulletin),
        C(content::campaign::Campaign),
        P(content::page::Page),
    }
    let results: Vec<Result<One, Vec<Diagnostic>>> = sources
        .files
        .par_iter()
        .map(|f| match f.kind {
            Kind::Bulletin => content::bulletin::parse(cfg, &f.path, &f.text).map(One::B),
            Kind::Campaign => content::campaign::parse(cfg, &f.path, &f.text).map(One::C),
            Kind::Page => content::page::parse(cfg, &f.path, &f.text).map(One::P),
        })
        .collect();
    let mut parsed = Parsed::default();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(One::B(b)) => parsed.bulletins.push(b),
            Ok(One::C(c)) => parsed.campaigns.push(c),
            Ok(One::P(p)) => parsed.pages.push(p),
            Err(mut d) => diags.append(&mut d),
        }
    }
    // A campaign whose file is broken is still known by its file name, so
    // bulletins naming it are not reported a second time.
    for f in sources.files.iter().filter(|f| f.kind == Kind::Campaign) {
        let slug = f
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !parsed.campaigns.iter().any(|c| c.slug == slug) {
            parsed.broken_campaigns.push(slug);
        }
    }
    (parsed, diags)
}

/// Links parsed content into the site model.
pub fn resolve(sources: &Sources, parsed: Parsed, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
    site::resolve(&sources.config, parsed, drafts)
}

/// Renders the whole site into memory.
pub fn render(sources: &Sources, site: &Site) -> Result<Output, Vec<Diagnostic>> {
    let theme = Theme::load(&sources.templates)?;
    let shared = Shared::new(site);
    let ids = pages::plan(site);
    let rendered = pages::render_all(site, &theme, &shared, &ids)?;
    let mut out = Output::default();
    for (path, src) in &sources.statics {
        let data = match src {
            StaticSource::Embedded(b) => Data::Static(b),
            StaticSource::Disk(p) => Data::Copy(p.clone()),
        };
        out.files.insert(path.clone(), data);
    }
    for (path, bytes) in rendered {
        out.files.insert(path, Data::Bytes(bytes));
    }
    Ok(out)
}

/// Options for building a site.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Includes drafts.
    pub drafts: bool,
}

/// Runs discover → parse → resolve → render: the whole site in memory.
/// Content errors from parsing and resolving are all reported together.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<(Sources, Site, Output), Vec<Diagnostic>> {
    let mut sources = discover(root)?;
    if let Some(u) = &opts.base_url {
        sources.config.set_base_url(u);
    }
    let (parsed, parse_diags) = parse(&sources);
    let mut diags = sources.diagnostics.clone();
    diags.extend(parse_diags);
    // Resolve what parsed, and load templates, so one run reports everything.
    let site = resolve(&sources, parsed, opts.drafts);
    if let Err(d) = Theme::load(&sources.templates) {
        diags.extend(d);
    }
    let site = match site {
        Ok(s) if diags.is_empty() => s,
        Ok(_) => return Err(diags),
        Err(d) => {
            diags.extend(d);
            return Err(diags);
        }
    };
    let output = render(&sources, &site)?;
    Ok((sources, site, output))
}
