//! The preview server's HTTP side: URL → file of the in-memory site.
//!
//! The request target arrives as sent; we decode it ourselves and
//! refuse anything that could leave the site (`..`, encoded slashes,
//! backslashes, NUL bytes). Only GET and HEAD are served, only from memory.

use percent_encoding::percent_decode_str;

use crate::output::Output;

/// What a request target resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (output path).
    File(String),
    /// Redirect to this URL (`/dir` → `/dir/`).
    Redirect(String),
    /// Not in the site.
    NotFound,
    /// Malformed or hostile.
    BadRequest,
}

/// Resolves a request target such as `/bulletins/a/?x=1` against the site.
pub fn resolve(target: &str, output: &Output) -> Target {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Target::BadRequest;
    }
    // Encoded slashes and backslashes could smuggle separators past the check below.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || path.contains('\\') {
        return Target::BadRequest;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::BadRequest;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Target::BadRequest;
    }
    let rel = &decoded[1..];
    if rel.split('/').any(|seg| seg == ".." || seg == ".") || rel.starts_with('/') {
        return Target::BadRequest;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if output.files.contains_key(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if output.files.contains_key(rel) {
        return Target::File(rel.to_string());
    }
    if output.files.contains_key(&format!("{rel}/index.html")) {
        let query = target.find('?').map(|i| &target[i..]).unwrap_or("");
        return Target::Redirect(format!("{path}/{query}"));
    }
    Target::NotFound
}

/// The Content-Type for an output path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Data;

    fn site() -> Output {
        let mut o = Output::default();
        for p in [
            "index.html",
            "bulletins/a/index.html",
            "style.css",
            "404.html",
            "中文/index.html",
        ] {
            o.files.insert(p.into(), Data::Bytes(b"x".to_vec()));
        }
        o
    }

    #[test]
    fn resolves_site_paths() {
        let s = site();
        assert_eq!(resolve("/", &s), Target::File("index.html".into()));
        assert_eq!(
            resolve("/bulletins/a/", &s),
            Target::File("bulletins/a/index.html".into())
        );
        assert_eq!(
            resolve("/bulletins/a/?x=1", &s),
            Target::File("bulletins/a/index.html".into())
        );
        assert_eq!(
            resolve("/bulletins/a", &s),
            Target::Redirect("/bulletins/a/".into())
        );
        assert_eq!(resolve("/style.css", &s), Target::File("style.css".into()));
        assert_eq!(
            resolve("/%E4%B8%AD%E6%96%87/", &s),
            Target::File("中文/index.html".into())
        );
        assert_eq!(resolve("/nope/", &s), Target::NotFound);
    }

    #[test]
    fn refuses_hostile_targets() {
        let s = site();
        for bad in [
            "/../etc/passwd",
            "/bulletins/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/bulletins%2f..%2f..%2fetc",
            "/..%5c..%5cetc",
            "/a\\b",
            "/a%00.html",
            "//etc/passwd",
            "etc/passwd",
            "http://evil/",
            "/%ff%fe",
            "/./style.css",
        ] {
            assert_eq!(resolve(bad, &s), Target::BadRequest, "{bad}");
        }
    }

    #[test]
    fn content_types_carry_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
