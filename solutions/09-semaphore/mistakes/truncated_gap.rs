//! Mistake: call i at `i × (1 s / per_second)`, the gap rounded down to nanoseconds.
//! class: boundary — at 2, 3, 4 or 1500 a second the nanoseconds lost stay inside
//! tokio's millisecond; only a rate such as 1303 a second, with enough calls, lets the
//! error add up past a millisecond.
//!
//! `Duration::from_secs(1) / per_second` rounds down to whole nanoseconds: at 1303 a
//! second it is 767459 ns, not 767459.707 ns. Multiplied by i, the error grows with i:
//! 1303 gaps are 923 ns short of a second, and once a start sits less than that past a
//! millisecond, tokio's rounding up puts 1304 starts in one second. An `interval` of that period drifts the same way. Compute each time
//! exactly (whole seconds `i / per_second`, or `10^9 × i / per_second` ns), or round
//! the gap up. (Found by the reviewer who attacked the spec.)

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
    // One gap between starts, times the number of starts before this one.
    let gap = Duration::from_secs(1) / per_second;
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let call = &call;
        async move {
            let at = gap * u32::try_from(i).expect("fewer than 2^32 ids");
            sleep_until(start + at).await;
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
