//! Reference solution for exercise 02: `asyncio.gather` as `join_all`, and its fallible
//! twin as a `FuturesUnordered` that returns at the first error.

use std::future::Future;

use futures::TryStreamExt;
use futures::future::join_all;
use futures::stream::FuturesUnordered;

/// Fetches every id concurrently; results in the order of `ids`.
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    // Calling `fetch` only builds the futures; nothing has started yet. `join_all`
    // then polls all of them inside this one task, so each lookup's wait overlaps the
    // others': concurrency without threads. It keeps a slot per input, so results come
    // back in the order of `ids` whatever order they finish in.
    join_all(ids.iter().map(|&id| fetch(id))).await
}

/// Fetches every id concurrently; stops at the first error.
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // `try_join_all` would return the first `Err` at once only up to 30 futures; above
    // that it hands results back in input order, so an early error waits for every
    // future before it. A `FuturesUnordered` yields each lookup as it finishes, however
    // many there are, so each carries its position back to its slot.
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { lookup.await.map(|record| (slot, record)) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    // The first `Err` to *happen* returns here, and returning drops `pending` with the
    // lookups still in it: dropping a future is how Rust cancels it, so they stop where
    // they were instead of running on unobserved.
    while let Some((slot, record)) = pending.try_next().await? {
        slots[slot] = Some(record);
    }
    Ok(slots.into_iter().flatten().collect())
}
