//! Mistake: a request whose `send()` fails (refused, hung up on) is sent once more.
//! class: other-side — a refused port counts nothing, and a second failure reads like
//! the first; only a server that received the request and hung up shows the second one.
//!
//! Found by a reviewer. "A connection error before any answer is safe to retry": but a
//! server that closed the connection may well have received, and acted on, the request.
//! One request per entry of `urls`, each sent once: `Failed` is the result.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let response = match client.get(url).timeout(timeout).send().await {
        Err(error) if !error.is_timeout() && !error.is_builder() => {
            client.get(url).timeout(timeout).send().await?
        }
        sent => sent?,
    };
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
