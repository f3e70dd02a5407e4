//! Mistake: `Failed` carries only the error's own `Display`, `error.to_string()`.
//! class: fixture — the whole chain starts with that text; only a test that reads on
//! past it sees that the cause is missing.
//!
//! The obvious "the error, as text", and what `format!("{error}")` and `?` into an
//! `anyhow` message print. But reqwest's `Display` is only the outermost layer: for a
//! refused connection it reads `error sending request for url (http://…/page)`, which
//! says which request failed and not why. The why (`Connection refused`, `end of file
//! before message length reached`) is in `source()`, and the status page needs it.

// ANCHOR: mistake
fn classify(error: reqwest::Error) -> Fetched {
    if error.is_timeout() {
        Fetched::TimedOut
    } else {
        Fetched::Failed(error.to_string())
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
