//! Mistake: a short `std::thread::sleep` before each request, to be polite to the
//! server.
//! class: other-side — every result is right and the pause is only 2ms; only a look
//! at the runtime's thread shows it asleep.
//!
//! Found by a reviewer. `time.sleep(0.002)` between requests is a scraping habit. In
//! async code `std::thread::sleep` stops the runtime's thread: no other request on it
//! makes progress, no timer fires, for every pause. (A pause, if one is wanted, is
//! `tokio::time::sleep(…).await`, and it belongs to whoever calls fetch_all.)

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}

async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    exchange(client, url, timeout)
        .await
        .unwrap_or_else(classify)
}

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    // A little pause between requests, to be polite.
    std::thread::sleep(Duration::from_millis(2));
    let response = client.get(url).timeout(timeout).send().await?;
    read(response).await
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
