//! `usage`: reports what a Multica workspace's AI agents cost.

/// The built-in price table's date; a test checks it against the embedded data file.
#[macro_export]
macro_rules! prices_version {
    () => {
        "2026-11-23"
    };
}

pub mod allocator;
pub mod api;
pub mod breakdown;
pub mod budget;
pub mod cli;
pub mod combine;
pub mod commands;
pub mod config;
pub mod demo;
pub mod error;
pub mod failures;
pub mod fold;
pub mod format;
pub mod generate;
pub mod github;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod price_files;
pub mod pricing;
pub mod render;
pub mod report;
pub mod resolve;
pub mod sanitize;
pub mod settings;
pub mod snapshot;
pub mod source;
pub mod term;
pub mod watch;
pub mod window;
pub mod zone;

/// `usage --version`: the version and the built-in price table's date.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (prices ",
    prices_version!(),
    ")"
);
