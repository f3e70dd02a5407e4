//! Mistake: `Failed` names the error twice: the walk down its causes starts at the
//! error itself instead of at its `source()`.
//! class: path — every cause the test looks for is there, in order; only the text as
//! a whole shows that the first link comes twice.
//!
//! Found by a reviewer. An off-by-one in the loop: `let mut cause = Some(error)` after
//! `let mut text = error.to_string()`, so the status page reads `error sending request
//! for url (…): error sending request for url (…): client error (Connect): …`.

// ANCHOR: mistake
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    // The error itself is not one of its causes.
    let mut cause = Some(error);
    while let Some(error) = cause {
        text.push_str(": ");
        text.push_str(&error.to_string());
        cause = error.source();
    }
    text
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
