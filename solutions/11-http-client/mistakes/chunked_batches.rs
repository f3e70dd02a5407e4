//! Mistake: the URLs in groups of `limit`, one group after another.
//! class: fixture — with URLs that all take about as long, groups are as quick as a
//! pool; only one that hangs shows it.
//!
//! It is the first bound most of us write: `chunks(limit)`, and `join_all` for each
//! chunk. Never more than `limit` requests at once, every result in order, one client,
//! timeouts: it passes every test that only counts. But a group ends when its slowest
//! request does. One URL that hangs holds its whole group, and every group after it,
//! for its full timeout, while the other slots sit idle. (`buffered(limit)` has the
//! same flaw in a subtler form: a finished request keeps its slot until every request
//! before it has finished too.)

use std::time::Duration;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let mut results = Vec::with_capacity(urls.len());
    for group in urls.chunks(limit) {
        // `limit` at once, and the next group waits for the slowest of this one.
        let fetches = group.iter().map(|url| fetch(&client, url, timeout));
        results.extend(join_all(fetches).await);
    }
    results
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
