//! Mistake: sleeping first and checking the deadline after.
//! class: path — the retries do stop; only a wait longer than the time left shows that
//! the caller was kept waiting past its deadline.
//!
//! The retries do stop at the deadline, so this looks right in a log. But when the
//! next wait is longer than the time left, it sleeps the whole wait and only then
//! notices that no attempt can start: the caller waits past its own deadline for an
//! answer that was already known to be "no".

use std::time::Duration;

use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
async fn wait_for_next_attempt(backoff: Duration, deadline: Option<Instant>) -> bool {
    let Some(next_attempt) = crate::later(backoff) else {
        return false;
    };
    sleep_until(next_attempt).await;
    // Only now, after the whole wait: is there time for another attempt?
    deadline.is_none_or(|deadline| Instant::now() < deadline)
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
