//! Another correct way: a `Semaphore` permit per request (`limit.min(MAX_PERMITS)`),
//! `join_all` (which keeps the order), and one `tokio::time::timeout` around send and
//! body, started once the permit is held.

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

use std::error::Error as _;

use tokio::sync::Semaphore;

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
///
/// Style: a `Semaphore` permit per request, `join_all` (keeps the order), and one
/// `tokio::time::timeout` around the whole exchange, started once the permit is held.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    if limit == 0 {
        panic!("fetch_all: a limit of 0 would never let a request start; pass limit >= 1");
    }
    if timeout == Duration::ZERO {
        panic!("fetch_all: a timeout of zero would never let a request finish");
    }
    let client = reqwest::Client::new();
    let slots = Semaphore::new(limit.min(Semaphore::MAX_PERMITS));
    let fetches = urls.iter().map(|url| {
        let (client, slots) = (&client, &slots);
        async move {
            let _slot = slots
                .acquire()
                .await
                .expect("the semaphore is never closed");
            let exchange = async {
                let response = client.get(url.as_str()).send().await?;
                let status = response.status();
                if status.is_success() {
                    let body = response.bytes().await?;
                    Ok(Fetched::Page {
                        status: status.as_u16(),
                        bytes: body.len(),
                    })
                } else {
                    Ok(Fetched::BadStatus(status.as_u16()))
                }
            };
            match tokio::time::timeout(timeout, exchange).await {
                Err(_elapsed) => Fetched::TimedOut,
                Ok(Ok(fetched)) => fetched,
                Ok(Err(error)) => {
                    let error: reqwest::Error = error;
                    if error.is_timeout() {
                        return Fetched::TimedOut;
                    }
                    let mut parts = vec![error.to_string()];
                    let mut cause = error.source();
                    while let Some(c) = cause {
                        parts.push(c.to_string());
                        cause = c.source();
                    }
                    Fetched::Failed(parts.join(": "))
                }
            }
        }
    });
    futures::future::join_all(fetches).await
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
