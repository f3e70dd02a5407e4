//! Mistake: the limit is silently capped at 1024.
//! class: fixture — every batch of up to 1024 runs as it should; only a batch and a
//! limit above it show it.
//!
//! Found by a reviewer. 1024 is the usual limit on a process's open files, so "never
//! more than 1024 sockets" sounds like prudence. But the doc gives the caller the bound:
//! a caller who asks for 1100 at once (and has raised its file limit) gets 1024, and the
//! rest wait for a round of their own.

use std::future::Future;

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    // Never more than 1024 at once (a common file limit), whatever the caller asked for.
    reference::at_most(limit.min(1024), urls, fetch).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
