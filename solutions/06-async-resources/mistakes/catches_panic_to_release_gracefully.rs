//! Mistake: the panic is caught, the connection released gracefully, the panic re-raised.
//! class: other-side — the caller still gets its panic; only the pool sees a reset, late.
//!
//! Found by the reviewer's attack. It is Python's `except BaseException: await
//! cleanup(); raise`: `catch_unwind` around each poll of the body, then the same
//! awaited `release` as on success, then `resume_unwind`. The caller does get the
//! panic, but only after the reset (20 ms late here), and the pool takes back, as good
//! as new, a connection that a panicking body left in an unknown state. Catching is
//! allowed; what the exercise asks of a panic is that it goes on at once and the
//! connection is discarded, with `release_now`, which a guard's `drop` does while the
//! panic unwinds. (The body's future, pinned with `pin!`, also outlives the release.)

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
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let mut fut = pin!(body(conn));
    // Catch a panic in any poll of the body, as `except BaseException` would.
    let outcome =
        std::future::poll_fn(
            |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
                Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
                Ok(Poll::Pending) => Poll::Pending,
                Err(panic) => Poll::Ready(Err(panic)),
            },
        )
        .await;
    pool.release(conn).await; // the panic waits for the reset
    lease.disarm();
    match outcome {
        Ok(result) => result,
        Err(panic) => resume_unwind(panic),
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
