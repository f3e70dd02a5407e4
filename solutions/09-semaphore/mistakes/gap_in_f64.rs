//! Mistake: call i at `i × Duration::from_secs_f64(1.0 / per_second)`, the gap rounded
//! to the nearest nanosecond.
//! class: boundary — rounding to the nearest nanosecond is as often down as up; at 1303
//! a second it rounds up (767459.708 → 767460 ns) and no start is early, only a rate
//! whose gap rounds down, such as 1481 a second, with enough calls, shows it.
//!
//! `Duration::from_secs_f64(1.0 / 1481.0)` is 675219 ns, not 675219.446 ns: 1481 gaps are
//! 661 ns short of a second, and once a start sits less than that past a millisecond,
//! tokio's rounding up puts 1482 starts in one second. An `interval` of that period
//! drifts the same way. A float does not make the gap exact: compute each time exactly
//! (`10^9 × i / per_second` ns, multiplying first), or round the gap up. (Found by the
//! reviewer who attacked the spec.)

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
    // One gap between starts, in seconds as a float, to the nearest nanosecond.
    let gap = Duration::from_secs_f64(1.0 / f64::from(per_second));
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
