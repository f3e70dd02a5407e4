//! Mistake: a call that panics is made a second time before its panic goes on.
//! class: other-side — the caller sees the right panic; only the partner sees the
//! request made twice.
//!
//! "A flaky call gets a second chance": `catch_unwind` around the call, and on a panic
//! `call(id)` again, whose panic then comes out as the function's. The caller gets the
//! very panic it should, and nothing is left running. But calling `call(id)` is making
//! the request: the partner gets one more than `ids` asked for, and a retry is not
//! the function's to decide. One call per entry; pass the panic on as it is. (Found
//! by the reviewer who attacked the spec.)

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
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
            let _permit = permits.acquire().await.expect("never closed");
            // A flaky call gets a second chance before we give up on the batch.
            match AssertUnwindSafe(call(id)).catch_unwind().await {
                Ok(answer) => answer,
                Err(_first) => call(id).await,
            }
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
