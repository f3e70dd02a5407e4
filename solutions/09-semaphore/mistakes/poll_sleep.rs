//! Mistake: waiting for a free slot by polling a counter.
//! class: fixture — when every delay is a multiple of the polling period, each check
//! lands on the very instant a call finishes; only delays that it does not divide show
//! the lag.
//!
//! The asyncio habit `while active >= limit: await asyncio.sleep(0.05)` keeps the limit,
//! but a freed slot is noticed only at the next check, up to 50 ms late, and every
//! waiting call wakes twenty times a second to look. A `Semaphore` wakes the next waiter
//! at the instant a permit is dropped, and nobody else. (Found by the reviewer who
//! attacked the spec: the tests' delays were all multiples of 50 ms.)

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
    join_all(ids.iter().map(|&id| {
        let (active, call) = (&active, &call);
        async move {
            while active.get() >= limit {
                sleep(Duration::from_millis(50)).await; // look again later
            }
            active.set(active.get() + 1);
            let answer = call(id).await;
            active.set(active.get() - 1);
            answer
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
