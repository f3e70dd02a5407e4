//! Mistake: a hand-written poll loop that, after its first pass, stops each pass at the
//! first lookup still `Pending`.
//! class: path — only lookups that wait more than once show it.
//!
//! Every lookup is polled once at the start, so all of them begin together. After that,
//! each wake-up polls the slots in order and returns `Pending` at the first one not yet
//! done: a later lookup that woke the task is not polled until every lookup before it
//! has finished. A lookup that waits once (one timer) is done by then anyway, so the
//! batch still ends with the slowest; a lookup that waits twice (connect, then read)
//! starts its second wait only when the ones before it are done. `join_all` (or a
//! `FuturesUnordered`) polls whichever lookup woke it.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut lookups: Vec<Pin<Box<Fut>>> = ids.iter().map(|&id| Box::pin(fetch(id))).collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    let mut started = false;
    std::future::poll_fn(|cx| {
        for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            match lookup.as_mut().poll(cx) {
                Poll::Ready(record) => *slot = Some(record),
                // "The ones after it can wait": but they may have woken us.
                Poll::Pending if started => return Poll::Pending,
                Poll::Pending => {}
            }
        }
        started = true;
        if slots.iter().all(Option::is_some) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
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
