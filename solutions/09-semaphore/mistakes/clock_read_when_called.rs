//! Mistake: the schedule counted from when `run_rate_limited` is called, not from when
//! its future starts running.
//! class: fixture — every test awaited the future the moment it was made, so the two
//! instants were the same; only a future made, left waiting, and then awaited shows it.
//!
//! A plain `fn` returning `impl Future` runs its body up to the `async move` block at
//! once: `Instant::now()` there is read when the future is made. Awaited 5 s later, every
//! call whose time has passed in those 5 s starts at once, a burst beyond the rate. A
//! future does nothing until it is polled, and the rate counts from then: read the clock
//! inside the `async` block (or in an `async fn`, which runs nothing before its first
//! poll). (Found by the reviewer who attacked the spec.)

use std::future::Future;

use futures::future::join_all;
use tokio::time::{Duration, Instant, sleep_until};

// ANCHOR: mistake
pub fn run_rate_limited<'a, F, Fut, T>(
    ids: &'a [u32],
    per_second: u32,
    call: F,
) -> impl Future<Output = Vec<T>> + 'a
where
    F: Fn(u32) -> Fut + 'a,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let start = Instant::now(); // when the future is made, not when it first runs
    async move {
        assert!(
            per_second > 0,
            "run_rate_limited: `per_second` must be at least 1"
        );
        let call = &call;
        join_all(ids.iter().enumerate().map(|(i, &id)| async move {
            let nanos = 1_000_000_000 * i as u128 / u128::from(per_second);
            let at = Duration::from_nanos(u64::try_from(nanos).expect("a time that fits"));
            sleep_until(start + at).await;
            call(id).await
        }))
        .await
    }
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
