//! Integration tests: the real `usage` binary against a local server on 127.0.0.1.

mod common;
// completions/ and man/ are fresh; --version and --help
mod generated;
// usage workspaces|projects|agents in each format
mod listings;
// a small workspace for the local server
mod sample;
// colour, width, ASCII and --watch
mod terminal;
