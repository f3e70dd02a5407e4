//! Mistake: `Semaphore::new(limit)` with the limit as given.
//! class: bad-argument — every sensible limit works; only a huge one (`usize::MAX`, "no
//! limit, really") shows that a `Semaphore` cannot hold that many permits.
//!
//! It is the textbook answer, the one the hint points to. But `Semaphore::new` panics
//! above `Semaphore::MAX_PERMITS` (`usize::MAX >> 3`), deep inside tokio, for a limit
//! the task calls valid. More permits than calls change nothing: clamp the limit to the
//! number of ids first. (Found by the reviewer who attacked the spec.)

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
    let permits = Semaphore::new(limit); // panics above Semaphore::MAX_PERMITS
    join_all(ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            let _permit = permits.acquire().await.expect("never closed");
            call(id).await
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
