//! Mistake: the guard's `drop` polls `release(conn)` once, then calls `release_now`.
//! class: other-side — only the pool sees the reset that was begun and abandoned.
//!
//! Found by the reviewer's attack. "Be nice to the pool": the guard tries the graceful
//! release without blocking, and discards the connection only if that did not finish
//! at once (it never does: a reset takes a moment). Every release still comes out as
//! one `release_now`, but the pool has begun resetting a connection that a panic left
//! broken, or that a dropped future must leave alone: work done in a `drop`, which
//! nobody finishes.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

// ANCHOR: mistake
struct Lease<'a, P: Pool> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Try the graceful reset first, without blocking; if it is not done at
            // once, discard the connection.
            let mut graceful = pin!(self.pool.release(conn));
            let mut cx = Context::from_waker(Waker::noop());
            if graceful.as_mut().poll(&mut cx).is_pending() {
                self.pool.release_now(conn);
            }
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
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = body(conn).await;
    pool.release(conn).await;
    lease.conn = None;
    result
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
