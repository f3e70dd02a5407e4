//! Mistake: waiting for a free slot by polling a counter every millisecond.
//! class: fixture — tokio's timers fire on whole milliseconds, and so do the test's
//! delays: a check every 1 ms lands on the very instant each call finishes, so every
//! start is on time; only how often it wakes tells it apart.
//!
//! `poll_sleep` looks every 50 ms and is late; shortening the sleep to 1 ms hides the
//! lag on the test's clock, but each waiting call still wakes a thousand times a
//! second to look, for nothing, and on a real clock it is still up to 1 ms late. A
//! `Semaphore` wakes the next waiter once, at the instant a permit is dropped. (Found
//! by round 6's attack: it passed every test.)

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::sleep;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let active = Cell::new(0);
    let (active, call) = (&active, &call);
    join_all(ids.iter().map(|&id| async move {
        while active.get() >= limit {
            sleep(Duration::from_millis(1)).await; // "short enough to be instant"
        }
        active.set(active.get() + 1);
        let answer = call(id).await;
        active.set(active.get() - 1);
        answer
    }))
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
