//! Mistake: the guard is disarmed before the graceful release, not after it.
//!
//! Taking the id out of the guard and then releasing it reads naturally. But the
//! graceful `release` is an `.await` too, and the caller can give up during it: the
//! half-done release has released nothing, and the guard, already empty, does nothing.

use std::future::Future;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub u32);

pub trait Pool {
    fn acquire(&self) -> impl Future<Output = ConnId> + Send;
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send;
    fn release_now(&self, conn: ConnId);
}

struct Lease<'a, P: Pool> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.release_now(conn);
        }
    }
}

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
    let result = body(conn).await;
    if let Some(conn) = lease.conn.take() {
        pool.release(conn).await; // cancelled here: nobody releases
    }
    result
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
