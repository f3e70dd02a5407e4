//! Mistake: `try_join_all` for "small" batches, with the limit misremembered as 32.
//! class: boundary — 30 vs 32: right for 30 entries or fewer, wrong for 31 and 32.
//!
//! `try_join_all` returns the first error the moment it happens up to 30 futures
//! (`SMALL` in futures-util's `try_join_all.rs`: `size_hint().1 <= Some(30)`); from
//! 31 it collects a `FuturesOrdered`, and an early error waits behind every entry
//! before it. Switching at "about 32" passes fixtures of five entries and of
//! thousands; the spec's batch of 31 entries is one past the real limit.

use std::future::Future;

use futures::future::try_join_all;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    if ids.len() <= 32 {
        // A small batch: try_join_all returns at the first error.
        return try_join_all(ids.iter().map(|&id| fetch(id))).await;
    }
    reference::try_fetch_all(ids, fetch).await
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
