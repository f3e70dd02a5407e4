//! Mistake: `Failed` names the error and only its innermost cause.
//! class: fixture — a chain of two layers reads the same either way; a refused
//! connection has four.
//!
//! "The outer text names the request, the root cause says what went wrong": true, and
//! the layers in between say where it went wrong (`client error (Connect)`, `tcp
//! connect error`: the connection was never made, as opposed to a reset or a body cut
//! short). The doc asks for every `source()` in turn.

// ANCHOR: mistake
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut root = None;
    let mut cause = error.source();
    while let Some(error) = cause {
        root = Some(error);
        cause = error.source();
    }
    match root {
        Some(root) => format!("{error}: {root}"),
        None => error.to_string(),
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
