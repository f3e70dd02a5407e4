//! Mistake: collecting completions into a map keyed by id.
//! class: fixture — only unsorted or repeated ids show it.
//!
//! The Python habit `{id: rec for id, rec in results}`: the values come out sorted by
//! id, not in the order of `ids`, and a repeated id collapses into one result.

use std::collections::BTreeMap;
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
    let mut by_id = BTreeMap::new();
    while let Some((id, value)) = pending.next().await {
        by_id.insert(id, value);
    }
    by_id.into_values().collect()
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
    let mut by_id = BTreeMap::new();
    while let Some((id, result)) = pending.next().await {
        by_id.insert(id, result?);
    }
    Ok(by_id.into_values().collect())
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
