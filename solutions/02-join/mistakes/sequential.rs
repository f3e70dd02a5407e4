//! Mistake: awaiting each lookup before starting the next.
//! class: other-side — the results are right; only the clock and the in-flight gauge see it.
//!
//! It reads like Python's `[await fetch(i) for i in ids]`, and it is just as
//! sequential: each `.await` finishes one lookup before the next one is even created.

use std::future::Future;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut records = Vec::with_capacity(ids.len());
    for &id in ids {
        records.push(fetch(id).await);
    }
    records
}
// ANCHOR_END: mistake

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut records = Vec::with_capacity(ids.len());
    for &id in ids {
        records.push(fetch(id).await?);
    }
    Ok(records)
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
