//! Another correct way: `join_all` for the infallible version, and a `select_all` loop
//! for the fallible one.
//!
//! `select_all` waits for whichever future finishes first and hands back the rest, so
//! the loop sees every result the moment it happens: the first `Err` returns at once,
//! however many ids there are, and returning drops the rest. Each future carries its
//! position back to its slot. `select_all` panics on an empty list, so the loop checks
//! that something is left before it selects (the `select_all_empty` mistake does not).

use std::future::Future;

use futures::FutureExt;
use futures::future::{join_all, select_all};

pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    join_all(ids.iter().map(|&id| fetch(id))).await
}

// ANCHOR: select_all
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { (slot, lookup.await) }.boxed_local()
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while !pending.is_empty() {
        let ((slot, result), _, rest) = select_all(pending).await;
        slots[slot] = Some(result?);
        pending = rest;
    }
    Ok(slots.into_iter().flatten().collect())
}
// ANCHOR_END: select_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
