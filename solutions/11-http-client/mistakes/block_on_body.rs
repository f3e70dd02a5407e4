//! Mistake: the body is read with `futures::executor::block_on`, which blocks the
//! runtime's thread.
//! class: other-side — every result would be right; only the runtime, its one thread
//! blocked, shows it: the connection that would deliver the body never runs again.
//!
//! Found by a reviewer. A helper that "just needs the bytes" and is not `async`
//! reaches for `block_on`. On a current-thread runtime the connection's task, which
//! reads the body off the socket, never runs again: the batch never ends, and no timer
//! (not even the request's timeout) can fire.

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    Ok(futures::executor::block_on(response.bytes())?.len())
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
