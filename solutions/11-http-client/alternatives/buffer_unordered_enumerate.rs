//! Another correct way: one `Client`, `RequestBuilder::timeout`, `buffer_unordered`
//! over the enumerated URLs, sorted back by index; `is_timeout()`, and a `source()`
//! loop.

use std::time::Duration;

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

use futures::StreamExt;

/// The error's text, then each of its causes, joined by ": ".
fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

async fn fetch_one(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let outcome = async {
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
    }
    .await;
    match outcome {
        Ok(fetched) => fetched,
        Err(e) if e.is_timeout() => Fetched::TimedOut,
        Err(e) => Fetched::Failed(chain(&e)),
    }
}

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    assert!(
        limit > 0,
        "fetch_all: limit must be at least 1 (a limit of 0 lets no request start)"
    );
    assert!(
        !timeout.is_zero(),
        "fetch_all: timeout must be more than zero"
    );
    let client = reqwest::Client::new();
    let client = &client;
    let mut results: Vec<(usize, Fetched)> = futures::stream::iter(urls.iter().enumerate())
        .map(|(i, url)| async move { (i, fetch_one(client, url, timeout).await) })
        .buffer_unordered(limit)
        .collect()
        .await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, f)| f).collect()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
