//! Mistake: a guard, and then `?` on the body's result, "since the guard handles errors".
//! class: path — the error path: the early return leaves the release to the guard.
//!
//! Found by the reviewer's attack. Unlike `skips_release_on_error.rs` this one has the
//! guard, so the connection does go back once on an `Err`: the `?` returns early, the
//! guard is dropped, its `drop` calls `release_now`. But an error is an ordinary
//! outcome with time to spare: the exercise asks for the graceful release, and the
//! pool throws away a healthy connection instead of resetting it.

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
    let value = body(conn).await?; // an `Err` returns here: the guard discards conn
    pool.release(conn).await;
    lease.disarm();
    Ok(value)
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
