//! Mistake: the guard's `drop` spawns the graceful release, as the chapter's `Session` does.
//! class: cancellation — the caller gave up, yet a detached task goes on to reset the
//! connection later.
//!
//! Found by the reviewer's attack. The worked example's `Drop` spawns its goodbye, so
//! why not spawn `pool.release(conn)` here, and keep `release_now` for a panic? It
//! needs `P: Clone + 'static` (a bound the exercise does not have), and it breaks the
//! exercise's promise for a cancelled caller: the connection is released *right then*,
//! with `release_now`. Here nothing is released when the future is dropped; a task
//! the caller knows nothing about resets it later.

use std::future::Future;

// ANCHOR: mistake
struct Lease<P: Pool + Clone + Send + Sync + 'static> {
    pool: P,
    conn: Option<ConnId>,
}

impl<P: Pool + Clone + Send + Sync + 'static> Drop for Lease<P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            if std::thread::panicking() {
                self.pool.release_now(conn);
            } else {
                // Cancelled: there is time for the graceful release, in a task of its own.
                let pool = self.pool.clone();
                tokio::spawn(async move { pool.release(conn).await });
            }
        }
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool + Clone + Send + Sync + 'static,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let mut lease = Lease {
        pool: pool.clone(),
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
