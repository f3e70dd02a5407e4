//! Reference solution for exercise 11: one `reqwest::Client` for the batch, every
//! request under its own timeout, at most `limit` in flight, and every way a request
//! can go wrong turned into that URL's result.
//!
//! The steps call one another through `crate::`, so that a mistake in `mistakes/` can
//! replace one step and take the rest from here.

use std::future::Future;
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
    crate::check_arguments(limit, timeout);
    // One client for the whole batch. A `Client` is a connection pool: a request that
    // finds an idle keep-alive connection to the host reuses it, so `limit` requests at
    // a time need about `limit` TCP connections, however many URLs there are. (A
    // client per request would open, and throw away, one connection per URL.)
    let client = reqwest::Client::new();
    crate::at_most(limit, urls, |url| crate::fetch(&client, url, timeout)).await
}

/// Refuses, at once and saying why, the arguments with which no batch could work.
pub(crate) fn check_arguments(limit: usize, timeout: Duration) {
    // `buffer_unordered(0)` would never poll a fetch, and wait for one forever.
    assert!(
        limit > 0,
        "fetch_all: a limit of 0 would never let a request start; it must be at least 1"
    );
    // reqwest with a zero timeout races it against the request: the same URL comes
    // back `TimedOut` on one run and a `Page` on the next.
    assert!(
        !timeout.is_zero(),
        "fetch_all: a timeout of 0 gives no request any time to answer; it must be more than zero"
    );
}

/// Runs `fetch` on every URL, at most `limit` at once; the results in the order of
/// `urls`.
pub(crate) async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    let fetches = urls.iter().enumerate().map(|(i, url)| {
        let fetched = fetch(url);
        async move { (i, fetched.await) }
    });
    // `buffer_unordered(limit)` polls at most `limit` fetches at once and starts the
    // next the moment one finishes, whichever it is: a slow URL holds one slot, not
    // the batch. (A limit above the number of URLs simply starts them all.) It yields
    // in completion order, so each result carries its index. Dropping this future
    // drops the fetches in flight, and with them their requests and connections.
    let mut done: Vec<(usize, Fetched)> = stream::iter(fetches)
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, fetched)| fetched).collect()
}

/// One GET, never an `Err` and never a panic: whatever happens is this URL's result.
pub(crate) async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    crate::exchange(client, url, timeout)
        .await
        .unwrap_or_else(crate::classify)
}

/// The request and its body, under one timeout.
pub(crate) async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    // The request's own timeout runs from connecting until the body has arrived: a
    // server that never answers, answers late, or stops halfway through the body costs
    // at most `timeout`. When it fires, reqwest drops the connection, which is where
    // the request is cancelled. A malformed URL is an `Err` from `send()`, not a panic.
    let response = client.get(url).timeout(timeout).send().await?;
    crate::read(response).await
}

/// What came back: the page and its length, or the status that is not a page.
pub(crate) async fn read(response: reqwest::Response) -> reqwest::Result<Fetched> {
    let status = response.status();
    if !status.is_success() {
        // An answer, but not the page: report it, don't crash on it. (A redirect with
        // a `Location` has been followed already; any other 3xx lands here.)
        return Ok(Fetched::BadStatus(status.as_u16()));
    }
    let bytes = crate::body_length(response).await?;
    Ok(Fetched::Page {
        status: status.as_u16(),
        bytes,
    })
}

/// How long the body is as sent. Bytes, not `text()`: its length whatever its encoding.
/// (Still under the request's timeout: the body is part of the exchange.)
pub(crate) async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    Ok(response.bytes().await?.len())
}

/// What a failed request was: out of time, or anything else, with what went wrong.
pub(crate) fn classify(error: reqwest::Error) -> Fetched {
    if error.is_timeout() {
        Fetched::TimedOut
    } else {
        Fetched::Failed(crate::with_causes(&error))
    }
}

/// The error's text and its causes': `error sending request for url (…): client error
/// (Connect): tcp connect error: Connection refused (os error 111)`. reqwest's own
/// `Display` names only the request (`error sending request for url (…)`); what went
/// wrong is in its `source()`, and in that one's `source()`, and so on.
pub(crate) fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        text.push_str(": ");
        text.push_str(&error.to_string());
        cause = error.source();
    }
    text
}
