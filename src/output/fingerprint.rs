//! Write stage: the fingerprint of a build's inputs, kept in the output
//! folder's manifest so that a build of unchanged inputs stops before it
//! renders anything.
//!
//! Takes the discovered [`Sources`] and the build options; gives a 128-bit
//! hash of everything the output depends on: every content file, template
//! and static file (by content), the configuration as parsed (today's date
//! included, which campaign pages show), the options, the variables that
//! change the output, and the running binary (version, size and mtime, so
//! a rebuilt jianxun never trusts an older build).

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::BuildOptions;
use crate::content::discover::{Sources, StaticSource, slash};
use crate::content::stamp::Stamp;

/// Environment variables that change what a build writes.
const ENV: [&str; 1] = [super::sitemap::LIMIT_VAR];

/// Adds a field, length first, so that two fields never run together.
fn put(h: &mut Xxh3, bytes: &[u8]) {
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn hash_one(parts: &[&[u8]]) -> u128 {
    let mut h = Xxh3::new();
    for p in parts {
        put(&mut h, p);
    }
    h.digest128()
}

/// The binary's identity: its version, and its file's size and mtime.
fn binary() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok());
    let (size, mtime) = exe.map_or((0, 0), |m| (m.len(), super::manifest::mtime_of(&m)));
    format!("{} {size} {mtime}", env!("CARGO_PKG_VERSION"))
}

/// Each content file's hash, in the order of [`Sources::files`]: the one
/// recorded for a file not read (see [`crate::content::discover::Seen`]).
pub fn file_hashes(sources: &Sources) -> Vec<u128> {
    (sources.files.par_iter().enumerate())
        .map(|(i, f)| match sources.seen.get(i).copied().flatten() {
            Some(s) if !s.read => s.stamp.hash,
            _ => {
                let path = f.path.to_string_lossy();
                let kind = format!("{:?}", f.kind);
                hash_one(&[path.as_bytes(), kind.as_bytes(), f.text.as_bytes()])
            }
        })
        .collect()
}

/// The content files' stamps for the manifest, each with its hash from
/// `hashes` ([`file_hashes`]): those last changed at least
/// [`SETTLED`](crate::content::stamp::SETTLED) before the build `started`.
pub fn stamps(sources: &Sources, hashes: &[u128], started: i128) -> Vec<(String, Stamp)> {
    (sources.files.iter().zip(&sources.seen).zip(hashes))
        .filter_map(|((f, seen), &hash)| {
            let stamp = seen.filter(|s| s.stamp.settled(started))?.stamp;
            Some((slash(&f.path), Stamp { hash, ..stamp }))
        })
        .collect()
}

/// The fingerprint of the inputs, given the content files' `hashes`
/// ([`file_hashes`]), or none when they cannot be trusted to stand for the
/// output (a file that could not be read, a diagnostic already found):
/// such a build always renders.
pub fn of(sources: &Sources, opts: &BuildOptions, hashes: &[u128]) -> Option<u128> {
    if !sources.diagnostics.is_empty() {
        return None;
    }
    let statics: Vec<Option<u128>> = (sources.statics.par_iter())
        .map(|(name, src)| match src {
            StaticSource::Embedded(b) => Some(hash_one(&[name.as_bytes(), b"embedded", b])),
            // A photo's copy depends on the photo's bytes (hashed when
            // it was probed), its width, format and how copies are made.
            StaticSource::Photo(o) => Some(hash_one(&[
                name.as_bytes(),
                &o.photo.hash.to_le_bytes(),
                &o.width.to_le_bytes(),
                o.format.ext().as_bytes(),
                crate::images::process::VERSION.as_bytes(),
            ])),
            StaticSource::Disk(p) => {
                let bytes = std::fs::read(p).ok()?;
                Some(hash_one(&[
                    name.as_bytes(),
                    p.to_string_lossy().as_bytes(),
                    &bytes,
                ]))
            }
        })
        .collect();
    let mut h = Xxh3::new();
    put(&mut h, b"jianxun inputs 1");
    put(&mut h, binary().as_bytes());
    put(&mut h, format!("{:?}", sources.config).as_bytes());
    put(
        &mut h,
        format!("{:?} {}", opts.base_url, opts.drafts).as_bytes(),
    );
    for var in ENV {
        let v = std::env::var_os(var).unwrap_or_default();
        put(&mut h, v.to_string_lossy().as_bytes());
    }
    for t in &sources.templates {
        put(
            &mut h,
            &hash_one(&[t.name.as_bytes(), t.origin.as_bytes(), t.text.as_bytes()]).to_le_bytes(),
        );
    }
    put(&mut h, b"files");
    for f in hashes {
        h.update(&f.to_le_bytes());
    }
    put(&mut h, b"statics");
    for s in statics {
        h.update(&s?.to_le_bytes());
    }
    Some(h.digest128())
}
