//! Mistake: `try/except/finally` by hand, with `catch_unwind`, and no `Drop` guard.
//! class: cancellation — every outcome the body gives back is handled; a dropped future is not.
//!
//! Found by the reviewer's attack. Every outcome the body can *return* or *raise* is
//! handled: `Ok` and `Err` get the graceful release, a caught panic gets
//! `release_now` and goes on with `resume_unwind` (which the exercise allows). It is
//! what Python's `finally` covers, because there cancellation is one more exception.
//! In Rust it is not: the caller's `timeout` drops this future where it is suspended,
//! none of the `match` runs, and only a value's `Drop` could still release the
//! connection. (A second flaw: the body's future, pinned with `pin!`, is still alive
//! when either release runs, so a statement it holds closes on a connection already
//! given back; `catch_releases_before_drop.rs` has only that one.)

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let mut fut = pin!(body(conn));
    let outcome =
        std::future::poll_fn(
            |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
                Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
                Ok(Poll::Pending) => Poll::Pending,
                Err(panic) => Poll::Ready(Err(panic)),
            },
        )
        .await; // cancelled here: nothing below runs, and nothing is dropped that releases
    match outcome {
        Ok(result) => {
            pool.release(conn).await;
            result
        }
        Err(panic) => {
            pool.release_now(conn);
            resume_unwind(panic)
        }
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
