//! Mistake: a call's panic passed on as a new panic with the same words.
//! class: path — the batch panics, with the call's text even: only the payload is new.
//!
//! The calls are spawned into a `JoinSet` and the results put back in place: all
//! right. For a task that panicked, the text is taken out of the `JoinError`'s
//! payload and raised again with `panic!("{text}")`, as Python's `raise
//! RuntimeError(str(e))` would. The words match, so a check of the message alone
//! passes; but the panic is a new one, whose payload is a `String` made here: a
//! payload of another type (a `&'static str`, an error value given to `panic_any`)
//! is lost, or turned into the empty text. `resume_unwind(error.into_panic())` passes
//! the call's own panic on, untouched. (Found by round 5's attack.)

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let permit = permit.expect("never closed");
        let answer = call(id);
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit);
            (place, answer)
        });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(finished) = calls.join_next().await {
        match finished {
            Ok((place, answer)) => results[place] = Some(answer),
            Err(error) => {
                let payload = error.into_panic();
                let text = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!("{text}"); // the same words, a new panic
            }
        }
    }
    results.into_iter().flatten().collect()
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
