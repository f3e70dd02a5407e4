//! Mistake: a hand loop that checks each lookup with `now_or_never`.
//! class: other-side — every record ends up right; only the clock sees that the call
//! heard of none of them: each lookup's wake-up went to a waker that does nothing.
//!
//! `now_or_never` polls a future once with a waker of its own (a no-op) and says
//! whether it was ready. So every lookup registers *that* waker with its timer, and when
//! the timer fires nobody is told: the task sleeps on until something else wakes it.
//! In the tests that something is the watchdog's timer, at 10 000 s of virtual time,
//! and the batch of 500 ms "takes" that long. Poll each lookup with the `cx` the call
//! was given (what `join_all` does), so that its wake-up reaches the task.

use std::future::Future;

use futures::FutureExt;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut lookups: Vec<_> = ids.iter().map(|&id| Some(Box::pin(fetch(id)))).collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while lookups.iter().any(Option::is_some) {
        for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
            if let Some(record) = lookup.as_mut().and_then(|l| l.as_mut().now_or_never()) {
                *slot = Some(record);
                *lookup = None;
            }
        }
        if lookups.iter().any(Option::is_some) {
            futures::pending!(); // wait for a lookup to wake us
        }
    }
    slots.into_iter().flatten().collect()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
