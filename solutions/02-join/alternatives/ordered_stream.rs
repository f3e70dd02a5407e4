//! Another correct way: `FuturesOrdered` for the infallible version, and a loop over
//! an unordered set for the fallible one.
//!
//! `FuturesOrdered` polls every future at once but yields them in input order, which
//! is exactly `fetch_all`. For `try_fetch_all` an ordered stream would hold back an
//! early failure behind slower lookups, so the loop drains an unordered set instead.

use std::future::Future;

use futures::stream::{FuturesOrdered, FuturesUnordered, StreamExt};

// ANCHOR: ordered
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    ids.iter()
        .map(|&id| fetch(id))
        .collect::<FuturesOrdered<_>>()
        .collect()
        .await
}
// ANCHOR_END: ordered

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
            async move { lookup.await.map(|record| (slot, record)) }
        })
        .collect();
    let mut done = Vec::with_capacity(ids.len());
    while let Some(finished) = pending.next().await {
        done.push(finished?);
    }
    done.sort_by_key(|&(slot, _)| slot);
    Ok(done.into_iter().map(|(_, record)| record).collect())
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
