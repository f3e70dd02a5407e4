//! Mistake: only 200 and 204 count as success; a 201 or a 206 is reported as
//! `BadStatus`.
//! class: fixture — a batch of 200s (and a 204) is right; only another 2xx shows it.
//!
//! Found by a reviewer. "200 is the page, 204 is the empty page" covers what most
//! servers send, but the doc says a success status (2xx): a 201 Created or a 206
//! Partial Content comes with its body too. `status.is_success()` asks the question; a
//! list of codes answers a narrower one.

#[path = "common/success_listed.rs"]
mod success_listed;

// ANCHOR: mistake
async fn read(response: reqwest::Response) -> reqwest::Result<Fetched> {
    // The success statuses one usually sees.
    success_listed::read_listed(&[200, 204], response).await
}
// ANCHOR_END: mistake

// The rest is the reference's (its `exchange` calls `crate::read`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
