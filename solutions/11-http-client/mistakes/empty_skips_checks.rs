//! Mistake: no URLs returns at once, before the arguments are checked.
//! class: boundary — with one URL or more it is the reference; only an empty batch
//! with a bad argument shows it.
//!
//! Found by a reviewer. "Nothing to do, so return early" is a habit, and here it comes
//! first: a limit of 0 or a zero timeout goes unnoticed whenever the batch happens to
//! be empty, and the caller's mistake surfaces only on the day there are URLs. The
//! arguments are checked first, whatever `urls` holds.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    // ANCHOR: mistake
    if urls.is_empty() {
        return Vec::new(); // nothing to fetch
    }
    check_arguments(limit, timeout);
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
