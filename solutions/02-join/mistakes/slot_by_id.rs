//! Mistake: putting each result in the slot numbered by its id.
//! class: fixture — only ids that are not their own positions show it.
//!
//! With ids `0..n` the id *is* the position, so `slots[id]` looks right; with
//! `[42, 7, 1000]` it indexes out of bounds, and unsorted or repeated ids land in the
//! wrong places. Tag each future with its position instead.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .map(|&id| {
            let fut = fetch(id);
            async move { (id, fut.await) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    while let Some((id, value)) = pending.next().await {
        slots[id as usize] = Some(value);
    }
    slots
        .into_iter()
        .map(|s| s.expect("every lookup finished"))
        .collect()
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .map(|&id| {
            let fut = fetch(id);
            async move { (id, fut.await) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    while let Some((id, result)) = pending.next().await {
        slots[id as usize] = Some(result?);
    }
    Ok(slots
        .into_iter()
        .map(|s| s.expect("every lookup finished"))
        .collect())
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
