//! Mistake: calling `fetch` twice per id (once to count, once to run).
//! class: other-side — the results are right; only the number of calls shows it.
//!
//! `.count()` on a cloned iterator of futures drives the `map`, calling `fetch` for
//! every id and dropping those futures unpolled. With a `fetch` that starts work when
//! called (a spawned task, a request that is sent at once) every lookup happens twice.

use std::future::Future;

use futures::future::{join_all, try_join_all};

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let futs = ids.iter().map(|&id| fetch(id));
    let n = futs.clone().count();
    let mut out = Vec::with_capacity(n);
    out.extend(join_all(futs).await);
    out
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let futs = ids.iter().map(|&id| fetch(id));
    let n = futs.clone().count();
    let mut out = Vec::with_capacity(n);
    out.extend(try_join_all(futs).await?);
    Ok(out)
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
