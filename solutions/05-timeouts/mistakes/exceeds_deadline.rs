//! Mistake: no total deadline, only a per-attempt timeout and a number of attempts.
//! class: fixture — with few, short attempts the deadline is never reached; a script of
//! hangs against a 1 s budget shows it.
//!
//! Each piece is bounded, so the whole looks bounded too; but five attempts of 300 ms
//! with waits of 100 to 800 ms in between add up to 3 s, and the caller's budget was
//! 1 s. A deadline is a property of the whole call: it has to be checked before every
//! wait and it has to shorten the last attempt.

use std::time::Duration;

use tokio::time::{Instant, sleep};

// ANCHOR: mistake
// `policy.total` is never looked at: the retries go on as long as attempts last.
fn deadline(_total: Duration) -> Option<Instant> {
    None
}

/// A plain `sleep(backoff)`, with nothing to check it against.
async fn wait_for_next_attempt(backoff: Duration, _deadline: Option<Instant>) -> bool {
    sleep(backoff).await;
    true
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
