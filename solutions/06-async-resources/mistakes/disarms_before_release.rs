//! Mistake: the guard is disarmed before the graceful release, not after it.
//! class: cancellation — dropped during the graceful release, which had done nothing yet.
//!
//! Taking the id out of the guard and then releasing it reads naturally. But the
//! graceful `release` is an `.await` too, and the caller can give up during it: the
//! half-done release has released nothing, and the guard, already empty, does nothing.
//! (The reviewer's attack wrote it too, as `guard.conn.take().expect("armed")`.)

use std::future::Future;

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

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
