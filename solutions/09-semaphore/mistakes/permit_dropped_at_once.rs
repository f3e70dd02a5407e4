//! Mistake: the permit is dropped the moment it is acquired.
//! class: other-side — the results and their order are right; only the partner, which
//! counts the calls open at once, sees that nothing was bounded.
//!
//! `let _ = …` is not a variable: the value is dropped at the end of the statement.
//! The code waits for a permit, gets one, gives it straight back, and only then makes
//! the call, so the semaphore bounds nothing. In Python, `async with semaphore:`
//! makes the scope visible; in Rust the scope of a guard is the scope of its variable,
//! and `_` has none. Neither rustc nor clippy warns about it: only a test that counts
//! calls in flight sees it.

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
            let _ = permits.acquire().await.expect("never closed"); // dropped right here
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
