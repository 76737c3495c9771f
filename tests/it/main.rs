//! Integration tests: the real `usage` binary against a local server on 127.0.0.1.

mod common;
mod faults;
mod fuzz;
mod props;
mod secrets;
#[cfg(unix)]
mod signals;
