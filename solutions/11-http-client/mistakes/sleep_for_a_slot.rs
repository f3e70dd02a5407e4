//! Mistake: a fetch waits for a free slot by looking at a count every millisecond.
//! class: other-side — the limit holds, the order holds, every result is right; only
//! how often the batch is polled while URLs wait shows the timer loop.
//!
//! Found by a reviewer. `spin_for_a_slot` with a 1ms `sleep` in place of
//! `yield_now`: gentler, but still a loop that wakes the batch a thousand times a
//! second for as long as a slow URL holds a slot, and hands a freed slot over up to a
//! millisecond late. A `Semaphore` (or `buffer_unordered`) sleeps until a slot is
//! handed over.

use std::future::Future;
use std::time::Duration;

#[path = "common/slot_by_looking.rs"]
mod slot_by_looking;

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    // No free slot? Look again in a millisecond.
    slot_by_looking::at_most(limit, urls, fetch, || {
        tokio::time::sleep(Duration::from_millis(1))
    })
    .await
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
