//! Mistake: a `Semaphore` permit held around `send()` only.
//! class: other-side — the test server counts a request until its handler returns,
//! before its tiny body is written; only a server that counts until the last byte of
//! a slow body shows it.
//!
//! Found by a reviewer. "Hold a slot while the request is in flight; the server has
//! answered: free the slot." But `send()` returns when the *headers* are in, and the
//! body is still on its way: with slow bodies, far more than `limit` downloads run at
//! once. A request is in flight until its body has arrived: hold the permit across
//! `bytes()` too.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let slots = Semaphore::new(limit.min(Semaphore::MAX_PERMITS));
    join_all(
        urls.iter()
            .map(|url| fetch_url(&client, &slots, url, timeout)),
    )
    .await
}

// ANCHOR: mistake
async fn fetch_url(
    client: &reqwest::Client,
    slots: &Semaphore,
    url: &str,
    timeout: Duration,
) -> Fetched {
    let response = {
        // hold a slot while the request is "in flight"
        let _permit = slots.acquire().await.expect("never closed");
        match client.get(url).timeout(timeout).send().await {
            Ok(response) => response,
            Err(error) => return classify(error),
        }
    }; // the server has answered: free the slot
    let status = response.status();
    if !status.is_success() {
        return Fetched::BadStatus(status.as_u16());
    }
    match response.bytes().await {
        Ok(body) => Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        },
        Err(error) => classify(error),
    }
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
