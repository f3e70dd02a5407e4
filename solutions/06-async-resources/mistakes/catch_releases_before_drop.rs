//! Mistake: the panic is caught, `release_now` runs, then the panic goes on; but the
//! body's future is still alive.
//! class: path — a panic: the connection goes back before the body's future is dropped.
//!
//! Found by the reviewer's attack. Catching a panic to clean up and then
//! `resume_unwind` is allowed (the exercise's doc says so), and this one keeps a guard
//! for cancellation too. But the body's future, pinned on this function's stack, lives
//! to the end of the function: `release_now` runs while it still holds a statement on
//! the connection, and that statement closes only as `resume_unwind` drops it. Drop
//! the body's future first; or let the guard do it, since locals are dropped in reverse
//! order. (On success the graceful release runs with the finished future still alive.)

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
    let outcome =
        std::future::poll_fn(
            |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
                Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
                Ok(Poll::Pending) => Poll::Pending,
                Err(panic) => Poll::Ready(Err(panic)),
            },
        )
        .await;
    match outcome {
        Ok(result) => {
            pool.release(conn).await;
            lease.disarm();
            result
        }
        Err(panic) => {
            lease.disarm();
            pool.release_now(conn); // `fut` is still alive: it is dropped only below
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
