//! Mistake: the success statuses are a list of the common ones (200, 201, 202, 204,
//! 206); a 203 or a 207 is reported as `BadStatus`.
//! class: fixture — every 2xx the older fixture used (200, 201, 204, 206) is on the
//! list; only a rarer 2xx shows that it is a list.
//!
//! From round 11's attack, where it passed every test: `success_listed` with the list
//! grown until the tests' 2xx were on it. Any list answers a narrower question than
//! the doc's "a success status (2xx)"; `status.is_success()` asks that one.

#[path = "common/success_listed.rs"]
mod success_listed;

// ANCHOR: mistake
async fn read(response: reqwest::Response) -> reqwest::Result<Fetched> {
    // OK, Created, Accepted, No Content, Partial Content.
    success_listed::read_listed(&[200, 201, 202, 204, 206], response).await
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
