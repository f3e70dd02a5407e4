//! Mistake: a `select_all` loop that calls `select_all` on nothing.
//! class: boundary — only `try_fetch_all(&[])` shows it.
//!
//! Returning at the first `Err` from a `select_all` loop is right, but the loop polls
//! before it checks whether anything is left, and `select_all` panics on an empty list.

use std::future::Future;

use futures::FutureExt;
use futures::future::select_all;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut pending: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let fut = fetch(id);
            async move { (i, fut.await) }.boxed_local()
        })
        .collect();
    let mut slots: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    loop {
        let ((i, result), _, rest) = select_all(pending).await;
        slots[i] = Some(result?);
        if rest.is_empty() {
            break;
        }
        pending = rest;
    }
    Ok(slots.into_iter().map(Option::unwrap).collect())
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
