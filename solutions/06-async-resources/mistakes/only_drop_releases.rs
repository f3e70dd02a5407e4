//! Mistake: only the guard releases, on every path, with `release_now`.
//! class: other-side — the caller gets every result right; only the pool sees discards.
//!
//! The hint says `Drop` runs on every way out, so why write a release anywhere else?
//! This is exactly once on every path, and it is simpler than the reference. But
//! `release_now` discards the connection: on success and on error, where there is all
//! the time in the world, the pool loses a healthy connection and must open a new one.
//! `Drop` is the release of last resort; the graceful `release(conn).await` is for
//! every path that reaches it.

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let _lease = Lease {
        pool,
        conn: Some(conn),
    };
    body(conn).await // `_lease` is dropped after this, on every path: `release_now`
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
