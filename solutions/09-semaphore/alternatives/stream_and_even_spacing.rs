//! Another correct way: `buffer_unordered` with positions for the bound, and starts
//! spaced evenly in time for the rate.
//!
//! `run_bounded` lets `buffer_unordered` keep at most `limit` calls going inside the
//! caller's task; each call carries its position, and the results are sorted back into
//! the order of `ids` (by position, not by id: ids repeat and need not be sorted).
//!
//! `run_rate_limited` starts call i at exactly i / per_second seconds, the deadline the
//! task sets: one start every 1 s / per_second instead of bursts at the top of each
//! second. The deadlines are computed in nanoseconds from the same start, so nothing
//! accumulates rounding: call i + per_second is one second after call i, to the
//! nanosecond. (tokio's timers then fire on the next whole millisecond: at 3 a second,
//! call 1 starts at 334 ms, within the millisecond the task allows.)

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use futures::stream::{self, StreamExt};
use tokio::time::{Instant, sleep_until};

pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // `buffer_unordered(0)` would never poll anything: refuse 0 here, in words.
    assert!(
        limit > 0,
        "run_bounded: `limit` must be at least 1 (with no slot, no call could ever start)"
    );
    let mut done: Vec<(usize, T)> = stream::iter(ids.iter().enumerate())
        .map(|(place, &id)| {
            let answer = call(id);
            async move { (place, answer.await) }
        })
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(place, _)| place);
    done.into_iter().map(|(_, answer)| answer).collect()
}

// ANCHOR: even
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1 (at 0 a second, no call could \
         ever start)"
    );
    let start = Instant::now();
    let at = |i: usize| {
        let nanos = 1_000_000_000 * i as u128 / u128::from(per_second);
        start + Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    };
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let (deadline, call) = (at(i), &call);
        async move {
            sleep_until(deadline).await;
            call(id).await
        }
    }))
    .await
}
// ANCHOR_END: even

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
