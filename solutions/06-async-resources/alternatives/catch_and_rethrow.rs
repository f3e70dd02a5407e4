//! Another correct way: catch the panic, drop the body's future, `release_now`, re-raise.
//!
//! What `try: … except BaseException: discard(conn); raise` would be, with a guard
//! kept for cancellation, which no `catch` sees. The exercise allows catching, on the
//! same terms as a guard's `drop`: the same panic goes on at once (`resume_unwind`,
//! nothing awaited first), the connection is discarded with `release_now`, and only
//! after the body's future is gone. The future lives in an inner block, so it is
//! dropped before either release. A guard alone does all this with less code; this
//! shows that the tests judge what happens, not the shape. Found by the reviewer's
//! attack.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::task::Poll;

/// A connection checked out of a [`Pool`]: only a number, copied freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub u32);

/// A pool of connections (as in the exercise).
pub trait Pool {
    fn acquire(&self) -> impl Future<Output = ConnId> + Send;
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send;
    fn release_now(&self, conn: ConnId);
}

/// Releases with `release_now` when dropped, unless `conn` was taken out first.
struct Fallback<'a, P: Pool> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool> Drop for Fallback<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.release_now(conn);
        }
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    // Only for a cancelled caller: every other way out is handled below.
    let mut fallback = Fallback {
        pool,
        conn: Some(conn),
    };
    let outcome = {
        // The closure's own code may panic as well as its future.
        match catch_unwind(AssertUnwindSafe(|| body(conn))) {
            Err(panic) => Err(panic),
            Ok(fut) => {
                let mut fut = Box::pin(fut);
                std::future::poll_fn(|cx| {
                    match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
                        Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
                        Ok(Poll::Pending) => Poll::Pending,
                        Err(panic) => Poll::Ready(Err(panic)),
                    }
                })
                .await
            } // `fut` is dropped here, before any release
        }
    };
    match outcome {
        Ok(result) => {
            pool.release(conn).await;
            fallback.conn = None;
            result
        }
        Err(panic) => {
            if let Some(conn) = fallback.conn.take() {
                pool.release_now(conn);
            }
            resume_unwind(panic)
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
