//! Talking to a Multica server.

pub mod client;
pub mod wire;

pub use client::{Client, RetryPolicy, WorkspaceRef};
