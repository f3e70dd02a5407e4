//! Mistake: `Failed` carries the error's `Debug` dump.
//! class: fixture — the tests used to accept any text for `Failed`; only a test that
//! reads the text shows it.
//!
//! Found by a reviewer. `{e:?}` is what `unwrap` prints and what a log line often
//! holds, so it looks like "the error's text". But it is a dump for developers,
//! `reqwest::Error { kind: Request, url: …, source: … }`, and the status page shows
//! `Failed`'s text to people: the error's `Display`, then each of its causes'.

// ANCHOR: mistake
fn classify(error: reqwest::Error) -> Fetched {
    if error.is_timeout() {
        Fetched::TimedOut
    } else {
        Fetched::Failed(format!("{error:?}"))
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
