//! Mistake: the body is read in a task of its own (`tokio::spawn(response.bytes())`),
//! which a dropped batch does not cancel.
//! class: cancellation — the limit, the timeout and every result are right; only a
//! batch dropped while bodies are downloading shows the downloads going on.
//!
//! Found by a reviewer. "Offload the download" to a task and await its `JoinHandle`:
//! while fetch_all runs, nothing differs. But dropping a `JoinHandle` detaches its task:
//! when the caller gives up (a `timeout` around fetch_all, a lost `select!` branch),
//! the request goes, and its body goes on downloading, holding its connection, until
//! the request's own timeout ends it.

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    let download = tokio::spawn(response.bytes());
    Ok(download
        .await
        .expect("reading a body does not panic")?
        .len())
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
