//! Mistake: `try_fetch_all` polls each lookup as soon as it is created, before calling
//! `fetch` for the next entry; an error ready at once is kept while it goes on calling
//! `fetch` for the rest, and is returned only after that.
//! class: path — only a lookup ready at its first poll, before the last entry, shows it.
//!
//! It learnt from `fetch_after_ready_error.rs` that every entry gets its `fetch` call,
//! and it does call `fetch` for all of them, so counting the calls sees nothing wrong.
//! But it still mixes the two steps: the error of id 9 decided the call before the
//! later lookups existed, and they are created only to be dropped unpolled. The task
//! asks to create all the lookups first, then wait for them together.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use futures::TryStreamExt;
use futures::stream::FuturesUnordered;

type Tagged<'a, T, E> = Pin<Box<dyn Future<Output = Result<(usize, T), E>> + 'a>>;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    let mut pending: FuturesUnordered<Tagged<'_, T, E>> = FuturesUnordered::new();
    let mut first_error = None;
    for (slot, &id) in ids.iter().enumerate() {
        let mut lookup = Box::pin(fetch(id));
        if first_error.is_some() {
            continue; // decided already: create it all the same, as the task says
        }
        // Poll it right away: a cache hit is ready at its first poll.
        match std::future::poll_fn(|cx| Poll::Ready(lookup.as_mut().poll(cx))).await {
            Poll::Ready(Ok(record)) => slots[slot] = Some(record),
            Poll::Ready(Err(error)) => first_error = Some(error),
            Poll::Pending => pending.push(Box::pin(async move {
                lookup.await.map(|record| (slot, record))
            })),
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    while let Some((slot, record)) = pending.try_next().await? {
        slots[slot] = Some(record);
    }
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
