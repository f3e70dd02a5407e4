//! Another correct way: no combinator at all, a `poll_fn` that polls every lookup still
//! running each time the task is woken (what `join_all` does by hand up to 30 futures).
//!
//! Every lookup is created and boxed first (`Pin<Box<Fut>>` needs no `Unpin` and no
//! `'static`), so all of them start at the first poll. Each poll of the call polls the
//! lookups not yet done, in the order of `ids`, and keeps what a `Ready` returns in the
//! entry's slot at once: a lookup ready at its first poll is kept like any other, and a
//! finished one is never polled again. The call returns `Pending` only when lookups did
//! and never wakes itself: each lookup that returned `Pending` has arranged to wake the
//! task, so there is nothing to spin for. The first `Err` returns on the poll that sees
//! it, and returning drops the rest.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Polls every lookup still in `lookups`; each one done leaves its result in its slot.
/// `Some(Err)` at the first failure, `None` while some are still running.
fn poll_each<Fut, T, E>(
    lookups: &mut [Option<Pin<Box<Fut>>>],
    slots: &mut [Option<T>],
    cx: &mut Context<'_>,
) -> Option<Result<(), E>>
where
    Fut: Future<Output = Result<T, E>>,
{
    let mut running = false;
    for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
        if let Some(future) = lookup {
            match future.as_mut().poll(cx) {
                Poll::Ready(Ok(record)) => {
                    *slot = Some(record);
                    *lookup = None;
                }
                Poll::Ready(Err(error)) => return Some(Err(error)),
                Poll::Pending => running = true,
            }
        }
    }
    (!running).then_some(Ok(()))
}

// ANCHOR: poll_fn
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut lookups: Vec<Option<Pin<Box<Fut>>>> =
        ids.iter().map(|&id| Some(Box::pin(fetch(id)))).collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| match poll_each(&mut lookups, &mut slots, cx) {
        Some(done) => Poll::Ready(done),
        None => Poll::Pending,
    })
    .await?;
    Ok(slots.into_iter().flatten().collect())
}
// ANCHOR_END: poll_fn

/// The same loop, for lookups that cannot fail.
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let never_fails = |id| {
        let lookup = fetch(id);
        async move { Ok::<T, std::convert::Infallible>(lookup.await) }
    };
    match try_fetch_all(ids, never_fails).await {
        Ok(records) => records,
        Err(never) => match never {},
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
