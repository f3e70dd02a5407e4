//! Mistake: a sliding window whose permits come back by spawned tasks.
//! class: cancellation — every start is on time and no call outlives the batch; only
//! the tasks the runtime still holds after a drop show what was left behind.
//!
//! Each start takes a permit from a `Semaphore` of `per_second`, and a
//! `tokio::spawn`ed task gives it back one second later: a true sliding window. But
//! those tasks are detached: when the batch is dropped (or a call's panic unwinds out
//! of it), up to `per_second` of them sleep on for a caller that is gone, each holding
//! the semaphore. Give permits back without tasks (a schedule in time needs no permits
//! at all), or spawn into a `JoinSet`, which aborts its tasks when it is dropped.
//! (Found by the reviewer who attacked the spec.)

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    // A sliding window: a start takes a permit, and gives it back one second later.
    let permits = (per_second as usize)
        .min(ids.len())
        .min(Semaphore::MAX_PERMITS);
    let window = Arc::new(Semaphore::new(permits));
    join_all(ids.iter().map(|&id| {
        let (window, call) = (&window, &call);
        async move {
            let permit = Arc::clone(window)
                .acquire_owned()
                .await
                .expect("never closed");
            let answer = call(id);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                drop(permit);
            });
            answer.await
        }
    }))
    .await
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
