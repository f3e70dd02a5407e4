//! Mistake: no timeout.
//! class: path — every URL that answers is fetched right; only one that never does
//! shows it.
//!
//! Without one, a request waits as long as the server does. The happy path cannot
//! tell: fast servers answer. But one URL that never answers keeps its request, its
//! slot and so the whole batch waiting forever, and every other result with it. (The
//! `asyncio` version has the same bug; aiohttp's default total timeout of five minutes
//! only makes it slower to see.) reqwest has no default timeout at all.

// rustc warns that `timeout` is never used: that warning is this bug.
#![allow(unused_variables)]

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    // No timeout: this waits as long as the server does, forever for /hang.
    let response = client.get(url).send().await?;
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
