//! Mistake: the release comes after a `?`.
//! class: path — the error path: only a body that returns `Err` takes the early return.
//!
//! It is the happy path written down: get a connection, use it, give it back. The
//! `?` is what Rust code does with a `Result` from habit, and it returns early on the
//! first `Err`, past the release. (Without the `?` the error path would be fine; the
//! panic and cancellation paths would still leak: see `skips_release_on_cancel.rs`.)

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let value = body(conn).await?;
    pool.release(conn).await;
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
