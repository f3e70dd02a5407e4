//! Mistake: one `tokio::time::timeout` around `send()`, and a fresh one around the
//! body.
//! class: fixture — a server that never sends its headers, or stalls right after them,
//! runs out of either; only late headers followed by a late body show the sum.
//!
//! Found by a reviewer. Having learned that a timeout around `send()` leaves the body
//! unbounded, the learner adds a second one for `bytes()`. Each step is bounded, but
//! the URL now gets up to twice its `timeout`: headers at 250 ms and the body at
//! 500 ms pass two timeouts of 400 ms. One budget covers the whole exchange.

use std::time::Duration;

// ANCHOR: mistake
async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let response = match tokio::time::timeout(timeout, client.get(url).send()).await {
        Err(_elapsed) => return Fetched::TimedOut,
        Ok(Err(error)) => return classify(error),
        Ok(Ok(response)) => response,
    };
    let status = response.status();
    if !status.is_success() {
        return Fetched::BadStatus(status.as_u16());
    }
    // The body can stall too, so give the body read a timeout as well.
    match tokio::time::timeout(timeout, response.bytes()).await {
        Err(_elapsed) => Fetched::TimedOut,
        Ok(Err(error)) => classify(error),
        Ok(Ok(body)) => Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        },
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
