//! Mistake: the body is read only up to 64 KiB, and a longer page is reported as
//! 65536 bytes.
//! class: fixture — every page below the cap is counted right; only a page above it
//! shows it.
//!
//! Found by a reviewer. "Don't download huge pages": read chunk by chunk and stop at a
//! cap of one's own. But the task asks for the length of the body, all of it; a cap
//! turns a 1 MiB page into a 64 KiB one without a word.

#[path = "common/capped_body.rs"]
mod capped_body;

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    // "Don't download huge pages": 64 KiB at most.
    capped_body::body_length(64 * 1024, response).await
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
