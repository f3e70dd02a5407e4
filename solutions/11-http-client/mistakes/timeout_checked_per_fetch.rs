//! Mistake: the zero timeout is refused inside each URL's fetch, not by `fetch_all`.
//! class: bad-argument — with URLs, the first fetch panics before it sends anything,
//! as the reference does; only an empty batch shows that nothing checked it.
//!
//! Found by a reviewer. The check sits where the timeout is used, which looks tidy,
//! but it runs once per URL, and not at all when there is none: a caller's mistake
//! passes unnoticed until a batch has URLs. Check the arguments once, at the top.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    assert!(limit > 0, "fetch_all: the limit must be at least 1");
    let client = reqwest::Client::new();
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}

// ANCHOR: mistake
async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    assert!(
        !timeout.is_zero(),
        "fetch: the timeout must be more than zero"
    );
    exchange(client, url, timeout)
        .await
        .unwrap_or_else(classify)
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
