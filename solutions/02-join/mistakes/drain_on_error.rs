//! Mistake: on the first error, waiting for the other lookups "to wind down".
//! class: cancellation — in Rust, dropping the rest is the cancellation; awaiting them
//! lets them run to the end.
//!
//! The asyncio habit: cancel the rest, then `await gather(*pending)`. Here there is no
//! separate cancel step, so draining the set simply waits for every lookup.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let fut = fetch(id);
            async move { (i, fut.await) }
        })
        .collect();
    let mut slots: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    while let Some((i, result)) = pending.next().await {
        match result {
            Ok(t) => slots[i] = Some(t),
            Err(e) => {
                // "cancel" the others and wait for them to wind down
                while pending.next().await.is_some() {}
                return Err(e);
            }
        }
    }
    Ok(slots.into_iter().map(Option::unwrap).collect())
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
