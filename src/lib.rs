//! `usage`: reports what a Multica workspace's AI agents cost.

/// The built-in price table's date; a test checks it against the embedded data file.
#[macro_export]
macro_rules! prices_version {
    () => {
        "2026-11-23"
    };
}

pub mod api;
pub mod budget;
pub mod cli;
pub mod config;
pub mod error;
pub mod fold;
pub mod pricing;
pub mod report;
pub mod sanitize;
pub mod settings;
pub mod snapshot;
pub mod window;

/// `usage --version`: the version and the built-in price table's date.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (prices ",
    prices_version!(),
    ")"
);
pub mod commands;
pub mod demo;
pub mod format;
pub mod generate;
pub mod render;
pub mod resolve;
pub mod source;
pub mod term;
