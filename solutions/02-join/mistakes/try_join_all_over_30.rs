//! Mistake: `try_join_all` for the fallible version.
//! class: fixture — with five ids it returns the first error the moment it happens;
//! above 30 futures it switches to input order, and thousands of ids show it.
//!
//! It is the function the library offers for exactly this, and it is right up to 30
//! futures. Above that (`SMALL` in futures-util's `try_join_all.rs`) it collects a
//! `FuturesOrdered`, which hands results back in input order: an error that happens
//! first, late in the list, waits until every lookup before it has finished.

use std::future::Future;

use futures::future::try_join_all;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    try_join_all(ids.iter().map(|&id| fetch(id))).await
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
