//! Mistake: the guard's `drop` blocks until a graceful release has finished.
//! class: cancellation — the caller gave up, and its `drop` still waits for a reset.
//!
//! Found by the reviewer's attack. `drop` cannot `.await`, but it can block: here on a
//! runtime of its own, on a thread of its own (`block_on` on the caller's runtime
//! would panic). A panic still gets `release_now`. But a cancelled caller is promised
//! the release right then, with `release_now`: instead the thread that dropped the
//! future stops dead until the reset is done, and every other task on it with it.

use std::future::Future;

// ANCHOR: mistake
struct Lease<'a, P: Pool + Sync> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool + Sync> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            if std::thread::panicking() {
                self.pool.release_now(conn);
                return;
            }
            // Cancelled: block until the graceful release is done.
            std::thread::scope(|s| {
                s.spawn(|| {
                    tokio::runtime::Builder::new_current_thread()
                        .enable_time()
                        .build()
                        .expect("a runtime for the release")
                        .block_on(self.pool.release(conn));
                });
            });
        }
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool + Sync,
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
