//! Mistake: a URL that fails (refused, cut short …) is tried once more.
//! class: other-side — a failure that happens again reads the same; only the requests
//! its server received show the second one.
//!
//! Found by a reviewer. "A dropped connection is often a passing fault: one more try
//! before reporting it." The second try of a body cut short fails the same way and
//! the result is right, but the server was sent a request nobody asked for. `Failed`
//! is that URL's result: report it, and leave retrying (chapter 05) to a caller who
//! asks for it.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let client = &client;
    // ANCHOR: mistake
    at_most(limit, urls, |url| async move {
        match fetch(client, url, timeout).await {
            Fetched::Failed(_) => fetch(client, url, timeout).await, // one more try
            other => other,
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
