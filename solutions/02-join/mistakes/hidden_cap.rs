//! Mistake: "gather, but politely": a hidden limit of a thousand lookups in flight.
//! class: fixture — with a thousand ids or fewer a cap of 1000 never bites; 2500 show it.
//!
//! `buffer_unordered(1000)` looks like "no limit in practice", and with the positions
//! put back it keeps the order. But the 1001st lookup waits for a free place: it is
//! not "all at once, however many", and a test whose largest batch is the limit itself
//! cannot tell the difference. The spec's largest batch is 2500 entries.

use std::future::Future;

use futures::stream::{self, StreamExt, TryStreamExt};

const MAX_IN_FLIGHT: usize = 1000;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut tagged: Vec<(usize, T)> = stream::iter(ids.iter().enumerate())
        .map(|(i, &id)| {
            let fut = fetch(id);
            async move { (i, fut.await) }
        })
        .buffer_unordered(MAX_IN_FLIGHT)
        .collect()
        .await;
    tagged.sort_by_key(|(i, _)| *i);
    tagged.into_iter().map(|(_, t)| t).collect()
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut tagged: Vec<(usize, T)> = stream::iter(ids.iter().enumerate())
        .map(|(i, &id)| {
            let fut = fetch(id);
            async move { fut.await.map(|t| (i, t)) }
        })
        .buffer_unordered(MAX_IN_FLIGHT)
        .try_collect()
        .await?;
    tagged.sort_by_key(|(i, _)| *i);
    Ok(tagged.into_iter().map(|(_, t)| t).collect())
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
