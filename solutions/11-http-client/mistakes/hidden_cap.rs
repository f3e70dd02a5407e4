//! Mistake: the limit is silently capped at 100.
//! class: fixture — every batch below the cap runs as it should; only a batch and a
//! limit above it show it.
//!
//! aiohttp's `TCPConnector` allows 100 connections unless told otherwise, and a cap
//! "to be safe" is a common habit. But the doc gives the caller the bound: a limit
//! above the number of URLs is no limit, every URL at once. A cap of the function's own
//! makes a batch of a thousand take ten rounds instead of one.

use std::future::Future;

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    // Never more than 100 at once, whatever the caller asked for.
    reference::at_most(limit.min(100), urls, fetch).await
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
