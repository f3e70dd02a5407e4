//! Mistake: a 429 (too many requests) or a 408 (request timeout) is requested again,
//! once, without a word.
//! class: other-side — every result is right, and the retry often even succeeds; only
//! the server's count of requests shows it.
//!
//! Found by a reviewer. 429 and 408 are "try again" statuses, and a quiet second try
//! looks kind. But the doc asks for one request per URL and its answer as the result:
//! the retry doubles the load on a server that just said it had too much, and hides
//! from the caller what it said.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let mut response = client.get(url).timeout(timeout).send().await?;
    // The server asked us to come back: do so, once.
    if matches!(response.status().as_u16(), 429 | 408) {
        response = client.get(url).timeout(timeout).send().await?;
    }
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
