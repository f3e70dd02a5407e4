//! Mistake: `try_fetch_all` creates each lookup and polls it before calling `fetch` for
//! the next entry, so an error ready at its first poll returns before the later entries
//! are ever looked up.
//! class: path — only an error that is ready at once, before the last entry, shows it.
//!
//! "Start each lookup as soon as it exists" sounds eager, but it mixes two steps: a
//! lookup ready at once (a cache that knows the id is missing) decides the result
//! before `fetch` has been called for the entries after it. The task asks for one
//! `fetch` call per entry of `ids`, every entry: create all the lookups first, then
//! wait for them together.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut lookups: Vec<Option<Pin<Box<Fut>>>> = Vec::new();
    let mut slots: Vec<Option<T>> = Vec::new();
    std::future::poll_fn(|cx| {
        // Call `fetch` for one more entry, poll it at once, and so on.
        while lookups.len() < ids.len() {
            let mut lookup = Box::pin(fetch(ids[lookups.len()]));
            slots.push(None);
            match lookup.as_mut().poll(cx) {
                Poll::Ready(Ok(record)) => {
                    *slots.last_mut().expect("just pushed") = Some(record);
                    lookups.push(None);
                }
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => lookups.push(Some(lookup)),
            }
        }
        for (lookup, slot) in lookups.iter_mut().zip(slots.iter_mut()) {
            if let Some(future) = lookup
                && let Poll::Ready(result) = future.as_mut().poll(cx)
            {
                *lookup = None;
                *slot = Some(result?);
            }
        }
        if lookups.iter().all(Option::is_none) {
            Poll::Ready(Ok(()))
        } else {
            Poll::Pending
        }
    })
    .await?;
    Ok(slots.into_iter().flatten().collect())
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
