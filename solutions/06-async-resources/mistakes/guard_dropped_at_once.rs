//! Mistake: the guard is bound with `let _ = …`, so it is dropped on that very line.
//!
//! Everything else is the reference solution. `let _ = value;` reads like "keep this, I
//! won't name it", and `let _lease = value;` is right; but `_` is not a variable: the
//! value is dropped at once, and the guard releases the connection before the body has
//! even started. The graceful release then hands it back a second time. No warning
//! from rustc or clippy by default: only a test that uses the connection catches it.

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
    let _ = Lease {
        pool,
        conn: Some(conn),
    }; // dropped right here: `release_now(conn)` runs before the body
    let result = body(conn).await;
    pool.release(conn).await;
    result
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
