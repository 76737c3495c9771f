//! Integration tests: the real `usage` binary against a local server on 127.0.0.1.

/// `usage check`, and the Markdown report.
mod check;
mod common;
// The fixed workspace whose every number is known.
mod fixture;
// `usage report`: numbers, window, zone, scope, formats, errors.
mod report;
// Precedence of settings, login, logout, auth status.
mod auth;
// completions/ and man/ are fresh; --version and --help
mod generated;
// usage workspaces|projects|agents in each format
mod listings;
// a small workspace for the local server
mod sample;
// colour, width, ASCII and --watch
mod terminal;
