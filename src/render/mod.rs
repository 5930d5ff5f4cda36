//! Rendering: the site model → HTML pages through Tera templates.
//!
//! `markdown` turns bodies into HTML (used by the parse stage), `templates`
//! loads the theme, `context` turns the model into template values once,
//! `pages` plans every page and renders each into bytes.

pub mod charts;
pub mod context;
pub mod filters;
pub mod format;
pub mod markdown;
pub mod pages;
pub mod reads;
pub mod stats_page;
pub mod templates;
pub mod totals;
pub mod urls;
pub mod view;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
