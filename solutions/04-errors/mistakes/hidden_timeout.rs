//! Mistake: giving every job five seconds "for safety" and reporting the rest as failed.
//! class: cancellation — an item is dropped half-way; with every job under 600 ms no
//! test sees it.
//!
//! Found by a reviewer. `asyncio.wait_for` around each job feels responsible, and every
//! item of the usual batch finishes well inside it. But a job that is slow and fine is
//! cut off and reported as a failure it never returned. `process_all` has no time limit:
//! a deadline is the caller's, around the whole call.

use std::time::Duration;

// ANCHOR: mistake
const LIMIT: Duration = Duration::from_secs(5);
// ANCHOR_END: mistake

// `call` with that limit around each job, shared with the other per-item limits.
#[path = "common/per_item_timeout.rs"]
mod per_item_timeout;
use per_item_timeout::call;

// The rest is the reference's (its `process_all` calls `crate::call`: the one above);
// the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
