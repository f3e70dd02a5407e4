//! Mistake: a timeout of zero passed on to reqwest.
//! class: bad-argument — every timeout the tests give a request works; only zero
//! shows it.
//!
//! `RequestBuilder::timeout(Duration::ZERO)` does not fail: it races a timer that has
//! already run out against the request, and the same quick URL comes back `TimedOut`
//! on one run and a `Page` on the next. A result that depends on a race means
//! nothing; a zero timeout is a mistake of the caller's, and the place to say so is at
//! once.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    // ANCHOR: mistake
    assert!(
        limit > 0,
        "fetch_all: a limit of 0 would never let a request start"
    );
    // (and nothing about `timeout`)
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
