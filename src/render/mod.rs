//! Rendering: the site model → HTML pages through Tera templates.
//!
//! `markdown` turns parsed bodies into HTML with their links resolved, `templates`
//! loads the theme, `context` turns the model into template values once,
//! `pages` plans every page and renders each into bytes.

pub mod charts;
pub mod chunked;
pub mod compiled;
pub mod figures;
pub mod markdown;
/// Where every page lives: shared with the resolve stage.
pub use crate::urls;
pub mod context;
pub mod filters;
pub mod format;
pub mod pages;
pub mod reads;
pub mod report;
pub mod series;
pub mod sheet;
pub mod stats_page;
pub mod templates;
pub mod totals;
pub mod view;

pub use crate::content::markdown::escape;
