//! Mistake: `error_for_status()?` to tell a page from an error status.
//! class: boundary — 200, 204, 404 and 500 are right; only a status between the
//! successes and the errors (a 3xx the client does not follow) shows it.
//!
//! Found by a reviewer. It is the idiomatic reqwest, Python's `raise_for_status()`,
//! and `error.status()` gives the code back for `BadStatus`. But `error_for_status`
//! only fails on 4xx and 5xx: a `304 Not Modified`, or a `301` without a `Location` to
//! follow, goes through as a page. A page is a success status, `is_success()`.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let sent = client.get(url).timeout(timeout).send().await?;
    let response = match sent.error_for_status() {
        Ok(response) => response,
        Err(error) => match error.status() {
            Some(status) => return Ok(Fetched::BadStatus(status.as_u16())),
            None => return Err(error),
        },
    };
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
