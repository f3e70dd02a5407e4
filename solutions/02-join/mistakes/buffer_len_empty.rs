//! Mistake: "all at once" as `buffer_unordered(ids.len())`.
//! class: bad-argument — a limit derived from the input becomes 0 when the input is empty.
//!
//! With no ids the limit is 0, and `buffer_unordered(0)` never pulls from its source,
//! so it never sees the source end: `try_fetch_all(&[])` waits forever.

use std::future::Future;

use futures::stream::{self, StreamExt, TryStreamExt};

// ANCHOR: mistake
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
        .buffer_unordered(ids.len())
        .try_collect()
        .await?;
    tagged.sort_unstable_by_key(|(i, _)| *i);
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
