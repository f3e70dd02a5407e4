//! Another correct way: a `Semaphore` permit per request, and `join_all` over every
//! fetch.
//!
//! `join_all` polls every fetch at once and keeps the order of `urls`, so there is no
//! index to carry and nothing to sort; the semaphore is what bounds the batch: each
//! fetch waits for a permit, holds it until its body is in, and hands it on when it is
//! dropped. The request's timeout starts only once the permit is held, so waiting for a
//! slot costs no time of its own. Two details make it correct where the obvious version
//! is not: the permit covers `bytes()` as well as `send()`, and the limit is clamped
//! to `Semaphore::MAX_PERMITS` (tokio panics above it), which for any batch is the same
//! as no limit. The text of a failure walks the error's causes with
//! `std::iter::successors` rather than a loop.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A success status (2xx) and the whole body, `bytes` long.
    Page { status: u16, bytes: usize },
    /// The server answered with a status that is not a success (404, 500 …).
    BadStatus(u16),
    /// No complete answer (headers and body) within the timeout.
    TimedOut,
    /// No answer at all for another reason (refused, reset …): the error and its
    /// causes, as text.
    Failed(String),
}

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    assert!(limit > 0, "fetch_all: the limit must be at least 1, not 0");
    assert!(
        !timeout.is_zero(),
        "fetch_all: the timeout must be more than 0"
    );
    let client = reqwest::Client::new();
    // ANCHOR: permits
    let slots = Semaphore::new(limit.min(Semaphore::MAX_PERMITS));
    let fetches = urls.iter().map(|url| {
        let (client, slots) = (&client, &slots);
        async move {
            // Held until this fetch ends, body and all.
            let _permit = slots
                .acquire()
                .await
                .expect("the semaphore is never closed");
            fetch(client, url, timeout).await
        }
    });
    join_all(fetches).await
    // ANCHOR_END: permits
}

async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let exchange = async {
        let response = client.get(url).timeout(timeout).send().await?;
        let status = response.status();
        if !status.is_success() {
            return Ok(Fetched::BadStatus(status.as_u16()));
        }
        let body = response.bytes().await?;
        Ok::<_, reqwest::Error>(Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        })
    };
    match exchange.await {
        Ok(fetched) => fetched,
        Err(error) if error.is_timeout() => Fetched::TimedOut,
        Err(error) => Fetched::Failed(with_causes(&error)),
    }
}

/// The error's `Display`, then each `source()`'s, joined by `": "`.
fn with_causes(error: &(dyn std::error::Error + 'static)) -> String {
    let chain = std::iter::successors(Some(error), |error| error.source());
    chain
        .map(|error| error.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
