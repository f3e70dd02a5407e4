//! Reference solution for exercise 02: `asyncio.gather` as `join_all`.

use std::future::Future;

use futures::future::{join_all, try_join_all};

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
    // The first `Err` to *happen* completes `try_join_all`, which then drops the
    // futures still pending: dropping a future is how Rust cancels it, so the other
    // lookups stop where they were instead of running on unobserved.
    try_join_all(ids.iter().map(|&id| fetch(id))).await
}
