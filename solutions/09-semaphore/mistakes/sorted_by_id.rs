//! Mistake: `buffer_unordered`, then the results sorted by id to put them back in order.
//! class: fixture — with ids `0..n` in ascending order, sorting by id *is* the order of
//! `ids`; only unsorted ids show the difference.
//!
//! `buffer_unordered` hands results back as the calls finish, so they need putting back
//! in order, and the id is right there to sort by. But the order to restore is that of
//! the entries of `ids`, which need not be sorted: carry each entry's position instead.
//! (Found by the reviewer who attacked the spec: its ids were always `0..n`.)

use std::future::Future;

use futures::stream::{self, StreamExt};

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let mut done: Vec<(u32, T)> = stream::iter(ids)
        .map(|&id| {
            let answer = call(id);
            async move { (id, answer.await) }
        })
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(id, _)| id); // the order of the ids' values, not of `ids`
    done.into_iter().map(|(_, answer)| answer).collect()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
