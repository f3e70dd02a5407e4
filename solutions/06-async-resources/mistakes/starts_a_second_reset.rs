//! Mistake: `let _ = pool.release(conn);` to "kick off" the reset, then the awaited one.
//! class: other-side — the caller gets its result and one graceful release; only the pool sees two resets begun.
//!
//! Found by round 7's attack. Read as Python, `pool.release(conn)` without `await` does
//! nothing: a coroutine never awaited never runs. But a Rust function that returns a
//! future may do work before the future is first polled, and the trait says this one
//! may: the reset can begin as soon as `release` is called. The first call starts a
//! reset whose future is dropped at once, abandoned half-way; the second is awaited.
//! `let _ =` silences rustc's "unused future" warning that would have said so; clippy's
//! `let_underscore_future`, which this workspace denies, still says so.
#![allow(clippy::let_underscore_future)]

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
    let _ = pool.release(conn); // "kick off" the reset…
    pool.release(conn).await; // …then wait for it
    lease.disarm();
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
