//! Another correct way: `for_each_concurrent(limit)` over the URLs with their indices,
//! each fetch writing its result into its own slot of a `Vec<Option<Fetched>>`.

use std::sync::Mutex;
use std::time::Duration;

use futures::StreamExt;

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
/// Style: `for_each_concurrent(limit)` returns nothing, so each fetch puts its result
/// where it belongs, by index; no sorting afterwards.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    // `for_each_concurrent(0)` means "no limit": a 0 must be refused before it gets there.
    assert!(limit >= 1, "fetch_all: the limit must be at least 1");
    assert!(
        !timeout.is_zero(),
        "fetch_all: the timeout must be more than zero"
    );
    let client = reqwest::Client::new();
    // ANCHOR: slots
    let slots: Mutex<Vec<Option<Fetched>>> = Mutex::new(vec![None; urls.len()]);
    futures::stream::iter(urls.iter().enumerate())
        .for_each_concurrent(limit, |(i, url)| {
            let (client, slots) = (&client, &slots);
            async move {
                let fetched = fetch(client, url, timeout).await;
                // Held only to store: never across an `.await`.
                slots.lock().expect("no fetch panics")[i] = Some(fetched);
            }
        })
        .await;
    slots
        .into_inner()
        .expect("no fetch panics")
        .into_iter()
        .map(|slot| slot.expect("every fetch stores its result"))
        .collect()
    // ANCHOR_END: slots
}

async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let error = match client.get(url).timeout(timeout).send().await {
        Ok(response) if !response.status().is_success() => {
            return Fetched::BadStatus(response.status().as_u16());
        }
        Ok(response) => {
            let status = response.status().as_u16();
            match response.bytes().await {
                Ok(body) => {
                    return Fetched::Page {
                        status,
                        bytes: body.len(),
                    };
                }
                Err(error) => error,
            }
        }
        Err(error) => error,
    };
    if error.is_timeout() {
        return Fetched::TimedOut;
    }
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(next) = cause {
        text.push_str(": ");
        text.push_str(&next.to_string());
        cause = next.source();
    }
    Fetched::Failed(text)
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
