//! Mistake: a timeout around `send()` only.
//! class: fixture — `/hang` sends nothing, so a timeout on the headers catches it; only
//! a server that stalls in the body shows it.
//!
//! `tokio::time::timeout` is the `asyncio.wait_for` of chapter 05, and `send()` is
//! where the request seems to happen, so that is where it goes. But `send()` finishes
//! when the response's *headers* have arrived; the body comes later, in `bytes()`, and
//! nothing limits that wait. A server that sends its headers and then stalls halfway
//! through the body (an overloaded backend, a dying proxy, a huge file on a slow link)
//! holds the request, its slot and the whole batch forever.

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
    // The headers are in; the body may never be. No timeout covers this wait.
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
