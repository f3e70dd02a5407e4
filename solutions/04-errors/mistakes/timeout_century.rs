//! Mistake: a century for each job, "so that the limit can never fire in practice", and
//! the items that take longer reported as failed.
//! class: fixture — a limit longer than the tests' slow item never bites. (From round
//! 12's attack, picked above the fixture on purpose.) It passed every test: the slow
//! item slept its forty years in one `sleep`, which tokio cuts to 30 years, so it ended
//! at 30, long before the century was up. It now sleeps a thousand years in steps of
//! 25.
//!
//! A century looks like no limit at all, and `timeout_one_year.rs`'s lesson seems
//! learnt. It is still a limit: whatever it is, a job that is slow and fine is cut off
//! at it and reported as a failure it never returned. No value is "long enough": to
//! wait for ever is to have no `timeout` around the job, and a deadline is the
//! caller's, around the whole call.

use std::time::Duration;

// ANCHOR: mistake
const LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);
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
