//! Integration tests: one binary, one module per capability.

mod architecture;
mod archive;
mod browser;
mod build_output;
mod caliber;
mod check;
mod content_errors;
mod diagnostics;
mod editor;
mod example_site;
mod feeds;
mod hardening;
mod hardening_misc;
mod incremental;
mod lang;
mod links;
mod numbers;
mod oracle;
mod output_safety;
mod regions;
mod search;
mod serve;
mod serve_hardening;
mod stats;
mod support;
mod themes;
