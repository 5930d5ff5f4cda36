//! Output: the rendered site as `path → bytes`, held in memory until the
//! whole site rendered, then committed to disk by [`write`].

pub mod commit;
pub mod data;
pub mod feeds;
pub mod fingerprint;
pub mod manifest;
pub mod search;
pub mod sitemap;
pub mod write;

use crate::render::context::Shared;
use crate::site::Site;

/// The derived files but the search index: feeds, sitemaps, robots.txt.
pub fn feeds_and_maps(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    let mut out = feeds_and_robots(site, shared);
    out.extend(sitemaps(site, shared));
    out
}

/// The feeds and robots.txt.
pub fn feeds_and_robots(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    let mut out = feeds::feeds(site, shared);
    out.push(("robots.txt".into(), sitemap::robots(shared)));
    out
}

/// The sitemaps, split at this run's limit (see [`sitemap::sitemaps`]).
pub fn sitemaps(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    sitemap::sitemaps(site, shared, sitemap::limit())
}

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The bytes of one output file.
#[derive(Debug, Clone, Eq)]
pub enum Data {
    /// Rendered in memory.
    Bytes(Vec<u8>),
    /// Rendered in memory and held in more than one place (the preview
    /// keeps its derived files, which are as large as the site, once).
    Shared(std::sync::Arc<[u8]>),
    /// Embedded in the binary (default theme's static files).
    Static(&'static [u8]),
    /// A file on disk, copied when written.
    Copy(PathBuf),
    /// A variant of a photo, made (or taken from the cache) when written.
    Photo(crate::images::Output),
    /// A page the preview server renders again when it is asked for,
    /// instead of holding its bytes (at 100,000 bulletins the pages are
    /// some 2 GB). A build never holds one.
    OnRequest,
}

impl From<&crate::content::discover::StaticSource> for Data {
    fn from(src: &crate::content::discover::StaticSource) -> Data {
        use crate::content::discover::StaticSource;
        match src {
            StaticSource::Embedded(b) => Data::Static(b),
            StaticSource::Disk(p) => Data::Copy(p.clone()),
            StaticSource::Photo(o) => Data::Photo(o.clone()),
        }
    }
}

/// Bytes rendered in memory are the same data however they are held.
impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        match (self, other) {
            (Data::Bytes(_) | Data::Shared(_), Data::Bytes(_) | Data::Shared(_)) => {
                self.rendered() == other.rendered()
            }
            (Data::Static(a), Data::Static(b)) => a == b,
            (Data::Copy(a), Data::Copy(b)) => a == b,
            (Data::Photo(a), Data::Photo(b)) => a == b,
            (Data::OnRequest, Data::OnRequest) => true,
            _ => false,
        }
    }
}

impl Data {
    /// The bytes when they were rendered in memory.
    fn rendered(&self) -> Option<&[u8]> {
        match self {
            Data::Bytes(b) => Some(b),
            Data::Shared(b) => Some(b),
            _ => None,
        }
    }

    /// The bytes, reading a copied file if needed.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Data::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            Data::Shared(b) => std::borrow::Cow::Borrowed(b),
            Data::Static(b) => std::borrow::Cow::Borrowed(b),
            Data::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
            Data::Photo(o) => std::borrow::Cow::Owned(
                (o.workshop.bytes(&o.photo, o.width, o.format))
                    .map_err(|p| std::io::Error::other(format!("{p:?}")))?,
            ),
            Data::OnRequest => {
                return Err(std::io::Error::other("a page rendered on request"));
            }
        })
    }
}

/// A whole rendered site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Output path (relative, `/`-separated) → data.
    pub files: BTreeMap<String, Data>,
}

impl Output {
    /// The bytes of a rendered page, if it is one.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        match self.files.get(path)? {
            Data::Bytes(b) => Some(b),
            Data::Shared(b) => Some(b),
            Data::Static(b) => Some(b),
            Data::Copy(_) | Data::Photo(_) | Data::OnRequest => None,
        }
    }

    /// A rendered page as text (for tests and the preview server).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }
}
