//! Mistake: any 5xx is tried once more.
//! class: other-side — a second 5xx gives the same `BadStatus`; only the server's count
//! of requests shows it, or a server that is gone by the second try.
//!
//! The retry of aiohttp-retry and friends, written by hand. A 503 from a server that is
//! shutting down is then sent again to a port nobody listens on, and the URL's result
//! becomes a refused connection: not what the server said.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let mut response = client.get(url).timeout(timeout).send().await?;
    if response.status().is_server_error() {
        response = client.get(url).timeout(timeout).send().await?;
    }
    crate::read(response).await
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
