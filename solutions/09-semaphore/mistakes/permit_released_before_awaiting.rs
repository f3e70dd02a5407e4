//! Mistake: the permit is held while the call's future is *created*, not while it runs.
//! class: other-side — the results and their order are right; only the partner, which
//! counts the calls open at once, sees that nothing was bounded.
//!
//! "Take a slot, then make the call" reads naturally as a block that acquires the
//! permit and calls `call(id)`. That does make the request under the permit, but the
//! call runs on until its future is done, and the future is awaited only after the
//! block has ended and the permit is back: the slot frees the moment the call begins.
//! (Found by the reviewer who attacked the spec.)

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
    join_all(ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            let pending = {
                let _permit = permits.acquire().await.expect("never closed");
                call(id) // only creates the future; the permit ends with this block
            };
            pending.await
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
