//! Reference solution for exercise 11: one `reqwest::Client` for the batch, every
//! request under its own timeout, at most `limit` in flight, and every way a request
//! can go wrong turned into that URL's result.

use std::time::Duration;

use futures::StreamExt;
use futures::stream;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A success status (2xx) and the whole body, `bytes` long.
    Page { status: u16, bytes: usize },
    /// The server answered with a status that is not a success (404, 500 …).
    BadStatus(u16),
    /// No complete answer (headers and body) within the timeout.
    TimedOut,
    /// No answer at all for another reason (refused, reset …): the error, as text.
    Failed(String),
}

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    // One client for the whole batch. A `Client` is a connection pool: a request that
    // finds an idle keep-alive connection to the host reuses it, so `limit` requests at
    // a time need about `limit` TCP connections, however many URLs there are. (A
    // client per request would open, and throw away, one connection per URL.)
    let client = reqwest::Client::new();

    let fetches = urls.iter().enumerate().map(|(i, url)| {
        let client = &client;
        async move { (i, fetch(client, url, timeout).await) }
    });
    // `buffer_unordered(limit)` polls at most `limit` fetches at once and starts the
    // next the moment one finishes, whichever it is: a slow URL holds one slot, not
    // the batch. It yields in completion order, so each result carries its index.
    let mut done: Vec<(usize, Fetched)> = stream::iter(fetches)
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, fetched)| fetched).collect()
}

/// One GET, never an `Err` and never a panic: whatever happens is this URL's result.
async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let attempt = async {
        // The request's own timeout runs from connecting until the body has arrived:
        // a server that never answers, or stops halfway through the body, costs at
        // most `timeout`. When it fires, reqwest drops the connection, which is
        // where the request is cancelled.
        let response = client.get(url).timeout(timeout).send().await?;
        let status = response.status();
        if !status.is_success() {
            // An answer, but not the page: report it, don't crash on it.
            return Ok(Fetched::BadStatus(status.as_u16()));
        }
        let body = response.bytes().await?;
        Ok(Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        })
    };
    attempt.await.unwrap_or_else(|error: reqwest::Error| {
        if error.is_timeout() {
            Fetched::TimedOut
        } else {
            Fetched::Failed(error.to_string())
        }
    })
}
