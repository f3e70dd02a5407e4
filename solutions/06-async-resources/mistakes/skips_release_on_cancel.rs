//! Mistake: the release is a statement after the body's `.await`, with no guard.
//! class: cancellation — dropped mid-`.await`, the future never reaches the release.
//!
//! This is Python's `try: … finally: await pool.release(conn)` carried over, and it
//! handles errors: the body's `Err` is just a value. But a cancelled future is not
//! resumed with an exception to run a `finally`; it is dropped where it was suspended,
//! and nothing after that `.await` ever runs. A panic skips the line as well.

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let result = body(conn).await; // a cancelled caller never comes back from here
    pool.release(conn).await;
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
