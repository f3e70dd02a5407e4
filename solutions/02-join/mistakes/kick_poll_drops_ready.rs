//! Mistake: poll each lookup once "to start it", dropping what that poll returns.
//! class: path — only a lookup that is ready at its first poll (a cache hit) shows it.
//!
//! "Nothing runs until it is polled", so this polls every lookup once, in order, then
//! hands them to `join_all`. With lookups that wait that is harmless: the first poll
//! returns `Pending` and `join_all` polls again later. But a lookup that has its
//! record at once returns it from that first poll, in `Ready`, and the code throws it
//! away; `join_all` then polls a finished future, which an `async fn` answers with a
//! panic. A future needs no starting: whatever awaits it runs it, and keeps its result.

use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut lookups: Vec<_> = ids.iter().map(|&id| Box::pin(fetch(id))).collect();
    for lookup in &mut lookups {
        let _ = futures::poll!(lookup.as_mut()); // get it going
    }
    join_all(lookups).await
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
