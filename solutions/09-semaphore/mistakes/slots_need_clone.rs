//! Mistake: the result slots made with `vec![None; n]`, and the `T: Clone` it asks for
//! added to the signature.
//! class: fixture — every answer in the spec's other tests is a `String`, which is
//! `Clone`; only an answer type that derives nothing shows the bound.
//!
//! Python's `results = [None] * len(ids)` becomes `vec![None; ids.len()]`, which clones
//! its first element, so it needs `Option<T>: Clone`, and the compiler suggests adding
//! `T: Clone`. With the bound every test with `String` answers passes, but the function
//! no longer takes what the task's signature takes: an answer that cannot be cloned (a
//! connection, a file, a response body). `(0..n).map(|_| None).collect()` makes the same
//! slots without cloning anything. The same bound lets results be put back by id from a
//! `HashMap` and cloned, which gives a repeated id one call's answer twice. The spec's
//! `both_take_any_closure_and_any_answer` uses such an answer, so against this the spec
//! does not compile; this file does the same below. (Found by round 5's attack.)
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;

use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::Semaphore;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static + Clone,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let mut results = vec![None; ids.len()]; // asks for `T: Clone`
    let permits = Semaphore::new(limit.min(ids.len()));
    let (permits, call) = (&permits, &call);
    let mut running: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(place, &id)| async move {
            let _permit = permits.acquire().await.expect("never closed");
            (place, call(id).await)
        })
        .collect();
    while let Some((place, answer)) = running.next().await {
        results[place] = Some(answer);
    }
    results.into_iter().flatten().collect()
}
// ANCHOR_END: mistake

/// What the spec's `both_take_any_closure_and_any_answer` does: answers that are not
/// `Clone`.
pub struct Reply {
    pub text: String,
    _not_sync: PhantomData<Cell<()>>,
}

pub async fn replies(ids: &[u32]) -> Vec<Reply> {
    run_bounded(ids, 2, |id| async move {
        Reply {
            text: format!("answer {id}"),
            _not_sync: PhantomData,
        }
    })
    .await
}

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
