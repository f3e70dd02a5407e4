//! Mistake: a hand-written poll loop that asks "all done?" only before it polls, and
//! returns `Pending` after every pass: the pass that finishes the last lookup says
//! `Pending`, and nothing is left to wake the call.
//! class: boundary — every pass but the last is right; only the last lookup shows it.
//!
//! Each lookup that says `Pending` arranges to wake the task, so the next pass comes.
//! But a lookup that returns `Ready` arranges nothing: once the last one has, the call
//! waits for a wake-up that never comes, and returns only when something else polls it
//! (on the paused clock, the test's watchdog). Decide after polling: return `Ready`
//! from the very poll that finishes the last lookup.

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
    std::future::poll_fn(|cx| {
        if lookups.iter().all(Option::is_none) {
            return Poll::Ready(Ok(()));
        }
        for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
            if let Some(Poll::Ready(result)) = lookup.as_mut().map(|f| f.as_mut().poll(cx)) {
                *lookup = None;
                match result {
                    Ok(record) => *slot = Some(record),
                    Err(error) => return Poll::Ready(Err(error)),
                }
            }
        }
        Poll::Pending
    })
    .await?;
    Ok(slots.into_iter().flatten().collect())
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
