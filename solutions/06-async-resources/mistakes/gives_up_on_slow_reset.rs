//! Mistake: the graceful release gets a time limit, then the guard discards the connection.
//! class: bad-argument — a pool whose reset is slow (a huge duration).
//!
//! "A reset that hangs must not hang the request", so the release is awaited under a
//! `timeout`, and if that runs out the guard, still armed, discards the connection
//! with `release_now`. The tests' reset takes 20 ms, well inside any limit. But the
//! exercise's doc says the graceful release is awaited for as long as it takes: a
//! limit is the caller's to choose (a `timeout` around `with_resource`), and a pool
//! that resets slowly loses a healthy connection, and a fast return, to a number
//! picked here.

use std::future::Future;
use std::time::Duration;

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
    let limit = Duration::from_secs(5);
    if tokio::time::timeout(limit, pool.release(conn))
        .await
        .is_ok()
    {
        lease.disarm();
    } // else the guard, still armed, discards it with `release_now`
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
