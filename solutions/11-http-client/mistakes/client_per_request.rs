//! Mistake: a new `reqwest::Client` for every request.
//! class: other-side — every result is right and the limit holds; only the server's
//! count of connections shows it.
//!
//! The timeout looks like a setting of the client (`ClientBuilder::timeout`), so the
//! per-URL helper builds a client with it, right where it is needed. Every result is
//! right and the limit holds. But a `Client` is a connection pool: a fresh one has no
//! connection to reuse, so every request opens a new TCP connection (in production,
//! a TLS handshake too), and closes it when its client is dropped. The server sees
//! one connection per request.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    at_most(limit, urls, |url| fetch_url(url, timeout)).await
}

// ANCHOR: mistake
async fn fetch_url(url: &str, timeout: Duration) -> Fetched {
    let attempt = async {
        // A client of its own for each URL: a pool of one connection, used once.
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        let response = client.get(url).send().await?;
        crate::read(response).await
    };
    attempt.await.unwrap_or_else(classify)
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
