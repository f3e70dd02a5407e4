//! Mistake: waiting for each start time by looking at the clock every millisecond.
//! class: fixture — tokio's timers fire on whole milliseconds and the task allows a
//! start 1 ms late, so a look every 1 ms starts each call on time; only how often it
//! wakes tells it apart.
//!
//! `while Instant::now() < at { sleep(1 ms).await }` keeps the schedule, but every call
//! still waiting wakes a thousand times a second to read the clock: a batch of 3000
//! calls at 1500 a second is polled millions of times. `sleep_until(at)` wakes each
//! call once, when its time has come. (Found by round 6's attack: it passed every
//! test.)

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::{Instant, sleep};

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    let start = Instant::now();
    let call = &call;
    join_all(ids.iter().enumerate().map(|(i, &id)| async move {
        let at = start + Duration::from_secs(i as u64 / u64::from(per_second));
        while Instant::now() < at {
            sleep(Duration::from_millis(1)).await; // look at the clock again
        }
        call(id).await
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
