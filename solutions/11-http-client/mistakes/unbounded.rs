//! Mistake: every request at once.
//! class: other-side — every result is right, and quick; only the server's count of
//! requests in flight shows it.
//!
//! `join_all` of every fetch is chapter 02's `gather`: one client, timeouts, results
//! in order, all correct, and fast. And it opens as many connections and sends as
//! many requests at once as there are URLs: a thousand URLs is a thousand requests at
//! the server's door, which is how scrapers get rate-limited or banned, and how they
//! run out of file descriptors. Only a count taken at the server shows it.

use std::time::Duration;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    // Every request starts now: nothing makes the 4th wait for a free slot.
    join_all(urls.iter().map(|url| fetch(&client, url, timeout))).await
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
