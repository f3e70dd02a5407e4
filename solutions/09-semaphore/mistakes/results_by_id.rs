//! Mistake: the results kept in a `HashMap` from id to its answers, in the order the
//! calls finished, and taken back out per id.
//! class: fixture — every call of an id answered the same, so two entries of one id
//! could swap results unseen; the fake now numbers the calls of a repeated id.
//!
//! The calls are right: one per entry, at most `limit` at once, the next the moment a
//! slot frees. Only the way back is by id: each id's answers pile up as its calls
//! finish, and each entry pops the last one. For an id that appears once that is its
//! own answer; for a repeated id the entries get each other's, which is wrong as soon
//! as two calls of one id answer differently (a counter, a timestamp, a retry). Carry
//! each entry's position with its call, not its id. (Found by the reviewer who attacked
//! the spec.)

use std::collections::HashMap;
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
    for &id in ids {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let (permit, answer) = (permit.expect("never closed"), call(id));
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit);
            (id, answer)
        });
    }
    let mut by_id: HashMap<u32, Vec<T>> = HashMap::new();
    while let Some(done) = calls.join_next().await {
        match done {
            Ok((id, answer)) => by_id.entry(id).or_default().push(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    // An entry of id 30 takes the last answer of id 30, whichever call gave it.
    ids.iter()
        .map(|id| by_id.get_mut(id).and_then(Vec::pop).expect("an answer"))
        .collect()
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
