//! Mistake: waiting between attempts by yielding until the clock says the wait is over.
//! class: other-side — the waits end at the right instants on a real clock; only
//! tokio's clock, which moves on when every task waits, shows the task never does.
//! (From the reviewer's attack in round 6, where it hung the suite.)
//!
//! `while Instant::now() < wake { yield_now().await }`: Python's `while time.monotonic()
//! < wake: await asyncio.sleep(0)`. It "gives the others a turn", but it also makes the
//! task ready again at once, so the runtime is never idle: in production the loop burns
//! a core for the whole wait, and on the paused test clock time never moves on, so the
//! wait never ends. `sleep_until(wake).await` suspends the task until the timer fires.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
async fn wait_for_next_attempt(backoff: Duration, deadline: Option<Instant>) -> bool {
    let Some(next_attempt) = crate::next_attempt_at(backoff, deadline) else {
        return false;
    };
    while Instant::now() < next_attempt {
        tokio::task::yield_now().await;
    }
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
