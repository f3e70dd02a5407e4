//! Mistake: no check of `max_attempts`, so 0 quietly means one call.
//! class: bad-argument — every policy with an attempt allowed is served right; only
//! `max_attempts` 0 shows the call that was made although none was allowed.
//!
//! The loop counts the attempt before comparing, so with 0 it makes one call, fails the
//! count, and reports `AttemptsExhausted { attempts: 1, .. }`: a call the caller forbade,
//! and an error that hides the caller's bug. A policy that allows nothing is a mistake
//! to report at once, with a message that says which field is wrong.

// ANCHOR: mistake
fn check_policy(_policy: &RetryPolicy) {
    // (no check that max_attempts allows a call)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
