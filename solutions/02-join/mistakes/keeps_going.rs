//! Mistake: the fallible variant waits for every lookup, then looks for errors.
//! class: path — only a failure that is not the slowest lookup shows it.
//!
//! This is `gather(..., return_exceptions=True)` followed by a check: concurrent, but
//! the first failure is reported only after the slowest lookup is done, and the error
//! returned is the first in *input* order rather than the first to happen.

use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    join_all(ids.iter().map(|&id| fetch(id)))
        .await
        .into_iter()
        .collect()
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
