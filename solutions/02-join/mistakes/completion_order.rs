//! Mistake: collecting results in the order they finish.
//! class: fixture — only a fixture whose lookups finish out of input order shows it.
//!
//! `FuturesUnordered` is concurrent, so the timing is right, but it yields each result
//! as it completes: the caller can no longer tell which record belongs to which id.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt, TryStreamExt};

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    ids.iter()
        .map(|&id| fetch(id))
        .collect::<FuturesUnordered<_>>()
        .collect()
        .await
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    ids.iter()
        .map(|&id| fetch(id))
        .collect::<FuturesUnordered<_>>()
        .try_collect()
        .await
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
