//! Mistake: "all at once" in rounds of 4096, one round after the other.
//! class: fixture — with up to 4096 entries it is one round, and exactly right.
//!
//! Each round is the reference itself, so a batch no bigger than a round is
//! indistinguishable from it: every lookup at once, results in order, the first error
//! at once. From 4097 entries the next round starts only when the whole round before
//! it has finished. It is a hidden limit like `buffer_unordered(1000)`, only larger
//! than the spec's 2500 entries; its batch of 10 001 shows it.

use std::future::Future;

const ROUND: usize = 4096;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut records = Vec::with_capacity(ids.len());
    for round in ids.chunks(ROUND) {
        records.extend(reference::fetch_all(round, &fetch).await);
    }
    records
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut records = Vec::with_capacity(ids.len());
    for round in ids.chunks(ROUND) {
        records.extend(reference::try_fetch_all(round, &fetch).await?);
    }
    Ok(records)
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
