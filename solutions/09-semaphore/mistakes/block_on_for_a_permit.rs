//! Mistake: each call takes its permit with `futures::executor::block_on`.
//! class: path — the wait for a slot blocks the thread that the slots' holders need.
//!
//! "Acquiring is quick, and the call itself is awaited": `block_on(permits.acquire())`
//! returns at once while permits are left, so the first `limit` calls start as they
//! should. The next one finds none, and `block_on` parks the thread until a permit is
//! released: but that thread is the runtime's, the one that would run the calls holding
//! the permits, so none of them ever finishes and nothing ever wakes it. Inside an
//! `async fn`, `.await` the acquire. (Round 6's attack found it hanging the suite;
//! testkit's `no_busy_task` now ends such a run with a failure.)

use std::future::Future;

use futures::future::join_all;
use tokio::sync::Semaphore;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Semaphore::new(limit.min(ids.len()));
    let calls = ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            // Blocks the runtime's thread whenever no permit is left.
            let _permit = futures::executor::block_on(permits.acquire())
                .expect("the semaphore is never closed");
            call(id).await
        }
    });
    join_all(calls).await
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
