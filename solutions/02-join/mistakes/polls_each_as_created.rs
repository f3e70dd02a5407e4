//! Mistake: `fetch_all` polls each lookup once as it creates it, "to start it now",
//! keeping a record that is ready at once, and only then calls `fetch` for the next.
//! class: path — the results, their order and the timing are all right; only when each
//! lookup is first polled shows it.
//!
//! It is the careful version of `kick_poll_drops_ready.rs`: nothing is dropped, and
//! `join_all` then waits for the rest. But it mixes the two steps the task keeps apart:
//! the first lookups run before the later entries have been looked up at all. A future
//! needs no starting: create all the lookups first, then wait for them together.

use std::future::Future;
use std::task::Poll;

use futures::future::{Either, join_all};

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut started = Vec::with_capacity(ids.len());
    for &id in ids {
        let mut lookup = Box::pin(fetch(id));
        // Start it now; a cache hit has its record at once, so keep that.
        match std::future::poll_fn(|cx| Poll::Ready(lookup.as_mut().poll(cx))).await {
            Poll::Ready(record) => started.push(Either::Left(std::future::ready(record))),
            Poll::Pending => started.push(Either::Right(lookup)),
        }
    }
    join_all(started).await
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
