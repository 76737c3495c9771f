//! Integration tests: the real `usage` binary against a local server on 127.0.0.1.

/// `usage check`, and the Markdown report.
mod check;
mod common;
