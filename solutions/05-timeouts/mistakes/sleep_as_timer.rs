//! Mistake: racing each attempt against `sleep(limit)`, `sleep(Duration::MAX)` for no
//! limit.
//! class: bad-argument — every limit the clock can hold under 30 years is right; only an
//! attempt with no limit (or a longer one) that answers after 30 years shows the cut.
//! (From the reviewer's attack in round 6, where it passed.)
//!
//! `select!` over the call and `sleep(time left)`, with the call first and `biased;`:
//! the race itself is right. But `tokio::time::sleep` ends any sleep longer than about
//! 30 years at 30 years (its `safe_delay`), so `sleep(Duration::MAX)` is a stand-in for
//! "never" that does fire, and cuts an attempt the policy leaves unlimited. Race against
//! `sleep_until` of the cut-off instead (or use `timeout_at`), and with no limit, use no
//! timer at all.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep};

// ANCHOR: mistake
async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    let limit = match ends_at {
        Some(ends_at) => ends_at.saturating_duration_since(Instant::now()),
        None => Duration::MAX,
    };
    tokio::select! {
        biased;
        result = call => result.map_err(AttemptError::Failed),
        () = sleep(limit) => Err(AttemptError::TimedOut),
    }
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
