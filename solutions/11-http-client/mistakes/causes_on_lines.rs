//! Mistake: the causes laid out as anyhow's `{:?}` does, one a line under
//! `Caused by:`.
//! class: fixture — every cause is there, in order, each after a `": "`; only the
//! text between them shows the layout.
//!
//! Found by a reviewer. The layout reads well in a terminal, but the task asks for one
//! line, each cause after a `": "` (what anyhow prints with `{:#}`): a status page
//! shows one line per URL.

// ANCHOR: mistake
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    if cause.is_some() {
        text.push_str("\n\nCaused by:");
    }
    let mut n = 0;
    while let Some(error) = cause {
        text.push_str(&format!("\n    {n}: {error}"));
        n += 1;
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
