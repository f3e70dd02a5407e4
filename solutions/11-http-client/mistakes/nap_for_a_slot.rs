//! Mistake: a fetch waits for a free slot by looking at a count every 50 ms.
//! class: other-side — the limit holds, the order holds, every result is right; only
//! how often the batch is polled while nothing happens shows the timer loop.
//!
//! From round 11's attack, where it passed every test: `sleep_for_a_slot` with a nap
//! long enough to stay under the old budget of polls per URL. However long the nap,
//! the loop wakes the batch with nothing to report, and hands a freed slot over up to
//! a nap late. A `Semaphore` (or `buffer_unordered`) sleeps until a slot is handed
//! over.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    let in_flight = Cell::new(0);
    let (in_flight, fetch) = (&in_flight, &fetch);
    let fetches = urls.iter().map(|url| async move {
        // Look for a free slot now and then: 50ms is nothing next to a request.
        while in_flight.get() >= limit {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        in_flight.set(in_flight.get() + 1);
        let fetched = fetch(url).await;
        in_flight.set(in_flight.get() - 1);
        fetched
    });
    futures::future::join_all(fetches).await
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
