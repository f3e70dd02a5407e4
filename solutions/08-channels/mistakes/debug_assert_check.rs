//! Mistake: the arguments are checked with `debug_assert!`.
//! class: bad-argument — a check that a release build leaves out is no check there.
//!
//! "It is a programmer's error, and the tests run a debug build": `debug_assert!` reads
//! like `assert!` and panics the same in a debug build. But a release build compiles it
//! out, so a service built for production gets no check at all: `workers` 0 hangs,
//! `capacity` 0 or beyond tokio's limit panics inside tokio. The exercises are tested
//! with debug assertions off (the workspace's `Cargo.toml` says why), as a release build
//! runs them. (From the reviewer's attack in round 7, where it passed.)

use tokio::sync::Semaphore;

// ANCHOR: mistake
pub(crate) fn check_arguments(workers: usize, capacity: usize) {
    debug_assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "run_pipeline: `workers` is {workers}, but must be 1 to {MAX_WORKERS}"
    );
    debug_assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "run_pipeline: `capacity` is {capacity}, but must be 1 to {}",
        Semaphore::MAX_PERMITS
    );
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
