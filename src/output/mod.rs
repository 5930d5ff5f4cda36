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

/// Files derived from the site model rather than rendered through page
/// templates (feeds, sitemap, robots.txt, search index): output path → bytes.
pub fn extras(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    extras_with(site, shared, || search::files(site))
}

/// The derived files but the search index: feeds, sitemaps, robots.txt.
pub fn feeds_and_maps(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    let mut out = feeds::feeds(site, shared);
    out.extend(sitemap::sitemaps(site, shared, sitemap::limit()));
    out.push(("robots.txt".into(), sitemap::robots(shared)));
    out
}

/// [`extras`], with the search index's files from `search` (the preview
/// keeps them when a change leaves what the index reads alone).
pub fn extras_with(
    site: &Site,
    shared: &Shared,
    search: impl FnOnce() -> Vec<(String, Vec<u8>)> + Send,
) -> Vec<(String, Vec<u8>)> {
    let (mut out, index) = rayon::join(|| feeds_and_maps(site, shared), search);
    out.extend(index);
    out
}

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The bytes of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// Rendered in memory.
    Bytes(Vec<u8>),
    /// Embedded in the binary (default theme's static files).
    Static(&'static [u8]),
    /// A file on disk, copied when written.
    Copy(PathBuf),
    /// A variant of a photo, made (or taken from the cache) when written.
    Photo(crate::images::Output),
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

impl Data {
    /// The bytes, reading a copied file if needed.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Data::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            Data::Static(b) => std::borrow::Cow::Borrowed(b),
            Data::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
            Data::Photo(o) => std::borrow::Cow::Owned(
                (o.workshop.bytes(&o.photo, o.width, o.format))
                    .map_err(|p| std::io::Error::other(format!("{p:?}")))?,
            ),
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
            Data::Static(b) => Some(b),
            Data::Copy(_) | Data::Photo(_) => None,
        }
    }

    /// A rendered page as text (for tests and the preview server).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }
}
