//! Mistake: a fetch waits for a free slot by looking at a count every 50 ms.
//! class: other-side — the limit holds, the order holds, every result is right; only
//! how often the batch is polled while nothing happens shows the timer loop.
//!
//! From round 11's attack, where it passed every test: `sleep_for_a_slot` with a nap
//! long enough to stay under the old budget of polls per URL. However long the nap,
//! the loop wakes the batch with nothing to report, and hands a freed slot over up to
//! a nap late. A `Semaphore` (or `buffer_unordered`) sleeps until a slot is handed
//! over.

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
    // No free slot? Look again now and then: 50ms is nothing next to a request.
    slot_by_looking::at_most(limit, urls, fetch, || {
        tokio::time::sleep(Duration::from_millis(50))
    })
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's (its `fetch_all` calls `crate::at_most`: the one above);
// the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
