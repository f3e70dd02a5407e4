//! Mistake: every error that is not about connecting called a timeout.
//! class: path — the only other failure of the happy fixtures is a refused connection;
//! only a body cut short (or a malformed URL that gets past `is_builder`) shows it.
//!
//! Found by a reviewer. "Connection problems are failures; anything else that goes
//! wrong mid-request means the server did not finish in time." A body cut short is an
//! answer that went wrong, not one that ran out of time. reqwest says which it was:
//! `is_timeout()` is a timeout, and nothing else is.

// ANCHOR: mistake
fn classify(error: reqwest::Error) -> Fetched {
    if error.is_connect() || error.is_builder() {
        Fetched::Failed(with_causes(&error))
    } else {
        Fetched::TimedOut
    }
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
