//! Mistake: tagging each result with its id, and giving each entry the first result
//! with its id.
//! class: fixture — while every lookup of an id returns the same record, nobody can
//! tell which lookup filled which entry; versions of a record that change show it.
//!
//! It handles unsorted and repeated ids, and looks careful: each result is matched back
//! to an entry with the same id. But two lookups of one id are two results, and the one
//! that finished first goes to the first entry with that id, whichever entry it was
//! looked up for. Tag each lookup with its *position* instead.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .map(|&id| {
            let lookup = fetch(id);
            async move { (id, lookup.await) }
        })
        .collect();
    let mut done: Vec<(u32, T)> = Vec::with_capacity(ids.len());
    while let Some(finished) = pending.next().await {
        done.push(finished);
    }
    ids.iter()
        .map(|id| {
            let at = done
                .iter()
                .position(|(d, _)| d == id)
                .expect("every id was fetched");
            done.remove(at).1
        })
        .collect()
}

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .map(|&id| {
            let lookup = fetch(id);
            async move { (id, lookup.await) }
        })
        .collect();
    let mut done: Vec<(u32, T)> = Vec::with_capacity(ids.len());
    while let Some((id, result)) = pending.next().await {
        done.push((id, result?));
    }
    Ok(ids
        .iter()
        .map(|id| {
            let at = done
                .iter()
                .position(|(d, _)| d == id)
                .expect("every id was fetched");
            done.remove(at).1
        })
        .collect())
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
