//! Mistake: the timeout around the wait for a free slot as well as the request.
//! class: boundary — with every URL started at once the two clocks agree; only a URL
//! that has to wait for a slot shows it.
//!
//! Found by a reviewer (it was caught, with a message that did not say why). A
//! `tokio::time::timeout` around the whole per-URL future, permit and all, starts each
//! URL's clock when the batch starts. Behind two hanging URLs, a quick one waits for a
//! slot until its own time is up, and is reported `TimedOut` without ever being sent.
//! The timeout is the request's: start it once the permit is held.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let slots = Semaphore::new(limit.min(Semaphore::MAX_PERMITS));
    // ANCHOR: mistake
    let fetches = urls.iter().map(|url| {
        let (client, slots) = (&client, &slots);
        let one = async move {
            let _permit = slots.acquire().await.expect("never closed");
            fetch(client, url, Duration::MAX).await
        };
        async move {
            tokio::time::timeout(timeout, one)
                .await
                .unwrap_or(Fetched::TimedOut)
        }
    });
    // ANCHOR_END: mistake
    join_all(fetches).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
