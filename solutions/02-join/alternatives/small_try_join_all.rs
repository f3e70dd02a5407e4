//! Another correct way: a `buffered` stream for the infallible version; for the
//! fallible one `try_join_all` up to 30 entries, and above that an unordered stream
//! collected with the positions, then sorted back.
//!
//! `buffered(n)` keeps up to `n` lookups running and yields in input order; with `n` the
//! number of ids it starts them all at once. `buffered(0)` would never start one, so an
//! empty list asks for one (the `buffer_len_empty` mistake does not). `try_join_all`
//! returns the first error the moment it happens up to 30 futures exactly (its `SMALL`),
//! which is where this switches (the `try_join_all_up_to_32` mistake switches at 32).
//! Above that, `buffer_unordered` yields each lookup as it finishes, `try_collect` stops
//! at the first `Err`, and the entries are put back in order by their positions:
//! `sort_by_key` moves the records and asks nothing of them.

use std::future::Future;

use futures::future::try_join_all;
use futures::stream::{self, StreamExt, TryStreamExt};

/// The most futures for which `try_join_all` returns the first error at once.
const TRY_JOIN_ALL_EARLY: usize = 30;

pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    stream::iter(ids)
        .map(|&id| fetch(id))
        .buffered(ids.len().max(1))
        .collect()
        .await
}

// ANCHOR: small_try_join_all
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    if ids.len() <= TRY_JOIN_ALL_EARLY {
        return try_join_all(ids.iter().map(|&id| fetch(id))).await;
    }
    let mut done: Vec<(usize, T)> = stream::iter(ids.iter().enumerate())
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { lookup.await.map(|record| (slot, record)) }
        })
        .buffer_unordered(ids.len())
        .try_collect()
        .await?;
    done.sort_by_key(|&(slot, _)| slot);
    Ok(done.into_iter().map(|(_, record)| record).collect())
}
// ANCHOR_END: small_try_join_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
