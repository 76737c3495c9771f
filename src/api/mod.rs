//! Talking to a Multica server: the client, the response shapes, and the edge where responses
//! become the core's types.

pub mod client;
pub mod edge;
mod scan;
mod stream;
pub mod wire;

pub use client::{Client, RetryPolicy, WorkspaceRef};
pub use stream::Pieces;
