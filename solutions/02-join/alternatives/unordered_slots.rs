//! Another correct way: `FuturesUnordered` with a slot per input.
//!
//! The futures run concurrently and come back as they finish; each carries its index,
//! so the result goes into its own slot and input order is restored at the end. The
//! fallible version returns from the loop at the first `Err` it sees, which is the
//! first to happen; returning drops the set, and with it every lookup still pending.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { (slot, lookup.await) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some((slot, record)) = pending.next().await {
        slots[slot] = Some(record);
    }
    slots.into_iter().flatten().collect()
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { (slot, lookup.await) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some((slot, record)) = pending.next().await {
        slots[slot] = Some(record?);
    }
    Ok(slots.into_iter().flatten().collect())
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
