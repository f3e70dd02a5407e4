//! Mistake: the starts spaced `1000 / per_second` whole milliseconds apart.
//! class: fixture — at 4 or 2 a second the division is exact; only a rate that does not
//! divide a second (3: 333 ms, rounded down) shows the gaps too short.
//!
//! Milliseconds feel like the unit of timers, and `1000 / per_second` is the gap. But
//! integer division rounds down: at 3 a second the gap is 333 ms, and calls 0 to 3
//! start at 0, 333, 666 and 999 ms, four in one second. Above 1000 a second the gap is
//! 0 and everything starts at once. `Duration` divides exactly enough: call i at
//! `start + i × 1 s / per_second`. (Found by the reviewer who attacked the spec.)

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::{Instant, sleep_until};

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
    let gap_ms = 1000 / u64::from(per_second); // 333 at 3 a second, 0 above 1000
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let call = &call;
        async move {
            sleep_until(start + Duration::from_millis(gap_ms * i as u64)).await;
            call(id).await
        }
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
