//! Mistake: `Semaphore::new(limit)` as it comes.
//! class: bad-argument — any limit of a few requests works; only a huge one ("no
//! limit", `usize::MAX`) shows it.
//!
//! Found by a reviewer. The hinted `Semaphore` route: a permit per request, `join_all`
//! for the order. But tokio's semaphore holds at most `Semaphore::MAX_PERMITS`
//! (`usize::MAX >> 3`) permits and panics above that, deep inside tokio, for a limit
//! that only means "no limit". Any limit past the number of URLs is the same as the
//! number of URLs: `limit.min(urls.len())`.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    // ANCHOR: mistake
    let slots = Semaphore::new(limit);
    // ANCHOR_END: mistake
    let fetches = urls.iter().map(|url| {
        let (client, slots) = (&client, &slots);
        async move {
            let _permit = slots.acquire().await.expect("never closed");
            fetch(client, url, timeout).await
        }
    });
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
