//! Mistake: a URL that times out is silently tried once more.
//! class: other-side — every result is right; only the requests the server received
//! show the second one.
//!
//! Found by a reviewer. "A status page should not flap on one slow answer: give it a
//! second chance." Each retry costs the batch another `timeout`, and sends the server a
//! request nobody asked for. `TimedOut` is that URL's result: report it, and leave
//! retrying (chapter 05) to a caller who asks for it.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let client = &client;
    // ANCHOR: mistake
    at_most(limit, urls, |url| async move {
        let first = fetch(client, url, timeout).await;
        if first == Fetched::TimedOut {
            fetch(client, url, timeout).await // a second chance
        } else {
            first
        }
    })
    .await
    // ANCHOR_END: mistake
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
