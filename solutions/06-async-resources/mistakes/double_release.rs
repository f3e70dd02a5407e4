//! Mistake: a guard releases in `Drop`, and the happy path releases as well.
//! class: other-side — the caller gets the right result; only the pool sees two releases.
//!
//! Each half is right on its own: the guard covers panics and cancellation, the awaited
//! `release` is the graceful path. Together, on success and on error, the connection
//! goes back twice: once gracefully, then again when the guard is dropped at the end.
//! The `ConnId` is `Copy`, so the compiler cannot see that it was used up.

use std::future::Future;

// ANCHOR: mistake
struct Lease<'a, P: Pool> {
    pool: &'a P,
    conn: ConnId,
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        self.pool.release_now(self.conn);
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let _lease = Lease { pool, conn };
    let result = body(conn).await;
    pool.release(conn).await; // and `_lease` still releases when it goes out of scope
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
