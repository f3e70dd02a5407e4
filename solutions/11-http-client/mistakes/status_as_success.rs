//! Mistake: a 404 reported as a page.
//! class: path — every URL that succeeds is right; only an error status shows it.
//!
//! `send()` returns `Ok(response)` whenever the server answers, whatever the status:
//! an error status is an answer, not an `Err`. Code that takes `Ok` to mean "got the
//! page" reports a 404's error page as content (Python's `aiohttp` behaves the same
//! until you call `raise_for_status()`).

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let response = client.get(url).timeout(timeout).send().await?;
    // `Ok` only means the server answered: this is a "page" for a 404 too.
    let status = response.status().as_u16();
    let body = response.bytes().await?;
    Ok(Fetched::Page {
        status,
        bytes: body.len(),
    })
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
