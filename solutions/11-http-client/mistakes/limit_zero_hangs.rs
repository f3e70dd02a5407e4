//! Mistake: a limit of 0 taken as it comes.
//! class: bad-argument — every limit of 1 or more works; only 0 shows it.
//!
//! `buffer_unordered(0)` polls at most zero fetches at once: it never starts one, and
//! waits for one forever. The caller who passed `limit = urls.len()` for an empty list
//! is fine, but one who passed 0 for "no limit" (or computed it from a setting that was
//! never filled in) gets a batch that hangs without a word. Refuse it at once, saying
//! why.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    // ANCHOR: mistake
    assert!(
        !timeout.is_zero(),
        "fetch_all: a timeout of 0 is no time at all"
    );
    // (and nothing about `limit`)
    // ANCHOR_END: mistake
    let client = reqwest::Client::new();
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
