//! Mistake: a cap of 1024 in flight of its own, "to be nice to the partner".
//! class: fixture — a cap above the test's batch never bites: with 1000 calls and no
//! limit, a cap of 1024 runs them all at once; only a batch above the cap shows it.
//!
//! A round "sane maximum" looks safe when it is far above any batch one tries. But the
//! limit is the caller's to choose: `usize::MAX` is no limit at all, however large the
//! batch, and 5000 calls should have all 5000 in flight, not 1024 at a time. Clamp only
//! to the batch (`limit.min(ids.len())`), which changes nothing. (Found by the
//! reviewer who attacked the spec.)

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
    // Never hammer the partner with more than this many at once, whatever the caller says.
    const MAX_IN_FLIGHT: usize = 1024;
    let permits = Semaphore::new(limit.min(ids.len()).min(MAX_IN_FLIGHT));
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
