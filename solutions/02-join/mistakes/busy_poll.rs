//! Mistake: a hand-written poll loop that wakes itself every time round.
//! class: other-side — every result would be right; only the runtime, kept busy
//! polling, sees it: its clock never moves on, so no lookup's timer ever fires.
//!
//! The loop polls every lookup still running, and when none is done it calls
//! `cx.waker().wake_by_ref()` before returning `Pending`, "to check again". But the
//! lookups it just polled have already arranged to wake the task when they have
//! something: the extra wake only asks to be polled again at once. The runtime is never
//! idle, so the paused clock stands still and the test would hang for real (on a real
//! clock it spins a core at 100% until the last lookup is done). The spec polls its
//! calls under `testkit::no_spin`, which fails the moment one is polled hundreds of
//! times at one instant.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut lookups: Vec<Option<Pin<Box<Fut>>>> =
        ids.iter().map(|&id| Some(Box::pin(fetch(id)))).collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut running = 0;
        for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
            if let Some(future) = lookup {
                match future.as_mut().poll(cx) {
                    Poll::Ready(Ok(record)) => {
                        *slot = Some(record);
                        *lookup = None;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Pending => running += 1,
                }
            }
        }
        if running == 0 {
            return Poll::Ready(Ok(slots.iter_mut().filter_map(Option::take).collect()));
        }
        cx.waker().wake_by_ref(); // "check again soon": busy-polling
        Poll::Pending
    })
    .await
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
