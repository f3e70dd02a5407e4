//! Mistake: trying a failed lookup once more before giving up on the batch.
//! class: other-side — the error returned is the right one; the lookups the service
//! received show the second try.
//!
//! "Lookups go over the network and are flaky: give each a second chance" (a
//! `tenacity.retry` habit). But the task is one call per entry and the first error at
//! once: the retry is a call nobody asked for, and it holds the error back for a whole
//! second lookup. Whether to retry is the caller's decision.

use std::future::Future;

use futures::TryStreamExt;
use futures::stream::FuturesUnordered;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let fetch = &fetch;
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move {
                let record = match lookup.await {
                    Ok(record) => record,
                    Err(_) => fetch(id).await?,
                };
                Ok((slot, record))
            }
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
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
