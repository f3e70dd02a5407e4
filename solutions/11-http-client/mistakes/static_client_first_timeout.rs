//! Mistake: one client for the whole program, in a `static`, built with the timeout of
//! the first call (`ClientBuilder::timeout`), so every later call gets that timeout.
//! class: fixture — within one call everything is right; only two calls with different
//! timeouts show whose timeout the client has.
//!
//! From round 11's attack, where only the order the tests happened to run in caught it,
//! under another test's lesson. The doc allows one client for the program; a client
//! kept that long must not carry one call's arguments. `RequestBuilder::timeout` gives
//! each request the timeout of its own call.

use std::sync::OnceLock;
use std::time::Duration;

// ANCHOR: mistake
static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    // Built on the first call, with that call's timeout, and kept.
    let client = CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .expect("a client with a timeout")
    });
    at_most(limit, urls, |url| async move {
        match client.get(url).send().await {
            Ok(response) => crate::read(response).await.unwrap_or_else(classify),
            Err(error) => classify(error),
        }
    })
    .await
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
