//! Integration tests: one binary, one module per capability.

mod browser;
mod build_output;
mod content_errors;
mod example_site;
mod incremental;
mod serve;
mod stats;
mod support;
mod themes;
