//! Mistake: the guard's `drop` calls `pool.release(conn)`, drops that future unpolled,
//! and then discards the connection.
//! class: other-side — only a pool that starts its reset when called shows it.
//!
//! Found by round 5's attack. "Try the graceful way, it cannot be awaited here, so
//! discard it as well": and since a future that is never polled does nothing, the
//! call looks harmless. But the pool may begin the reset in the call itself (the
//! trait's doc says so), and then a connection whose body panicked, or whose caller
//! gave up, has a reset begun on it that nobody finishes, right as it is discarded. In
//! a `drop`, call only `release_now`.

use std::future::Future;

// ANCHOR: mistake
struct Lease<'a, P: Pool> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            drop(self.pool.release(conn)); // "a future: it does nothing unless polled"
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
