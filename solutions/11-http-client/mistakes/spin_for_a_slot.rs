//! Mistake: a fetch waits for a free slot by spinning: it reads an atomic count and
//! yields until a slot is free.
//! class: other-side — the limit holds, the order holds, every result is right; only how
//! often the batch is polled shows a loop that never waits.
//!
//! Found by a reviewer. `while in_flight >= limit { yield_now().await }` is the
//! asyncio habit `while busy: await asyncio.sleep(0)`. It keeps a core at 100 % for as
//! long as a slow URL holds the slot; a `Semaphore` (or `buffer_unordered`) sleeps
//! until a slot is handed over.

use std::future::Future;

#[path = "common/slot_by_looking.rs"]
mod slot_by_looking;

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    // No free slot? Yield and look again: never asleep.
    slot_by_looking::at_most(limit, urls, fetch, tokio::task::yield_now).await
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
