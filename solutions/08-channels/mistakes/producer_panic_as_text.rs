//! Mistake: a producer's panic raised again as a new panic with the same text (a
//! worker's is passed on as it is).
//! class: path — only the producers' path loses the payload: the old tests raised a
//! value (`panic_any`) only in `process`, and every producer's panic was a
//! `panic!("…")`, whose text survives. (From the reviewer's attack in round 12, where
//! it passed.)
//!
//! The workers' `Err` is handled with `resume_unwind`, as the hint says; the producers'
//! join is written later, "a producer has no result, just report what went wrong", and
//! its payload is read as text and raised again with `panic!`. A producer's stream can
//! panic with any value, as `process` can, and the caller may downcast it: this loses
//! it. Join the producers the same way as the workers.

use tokio::task::JoinSet;

// `panic_payload_as_text`'s text-only surface, here used for the producers alone.
#[path = "common/payload_as_text.rs"]
mod payload_as_text;

// ANCHOR: mistake
/// Joins the producers; a producer that panicked "reports what went wrong".
pub(crate) async fn join_producers(mut feeding: JoinSet<()>) {
    while let Some(done) = feeding.join_next().await {
        payload_as_text::surface_as_text(done);
    }
}
// ANCHOR_END: mistake

// The rest is the reference's (its `gather` calls `crate::join_producers`: the one
// above); the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
