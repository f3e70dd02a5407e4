//! Mistake: the body is read only up to 10 MB, and a longer page is reported short.
//! class: fixture — every page up to 10 MB is counted right; only a page above it
//! shows it.
//!
//! Found by a reviewer. The cap of `body_capped`, set high enough "that no real page
//! reaches it": still a length of the function's own in place of the body's. A page of
//! 10 MiB and a byte comes back as 10 000 000 bytes, without a word.

#[path = "common/capped_body.rs"]
mod capped_body;

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    // High enough "that no real page reaches it".
    capped_body::body_length(10_000_000, response).await
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
