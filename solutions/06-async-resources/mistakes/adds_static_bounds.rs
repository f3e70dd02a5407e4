//! Mistake: `T: 'static` and `E: Debug + 'static`, "to be safe".
//! class: fixture — every body the tests ran returned owned, printable values; one that borrows shows it.
//!
//! Found by round 7's attack. Bounds like these come from habit (spawned tasks need
//! `'static`, `unwrap` needs `Debug`), but `with_resource` neither spawns nor prints
//! what the body returns: it only hands it back. A body that returns rows borrowed
//! from the caller (`&str`), or an error type with no `Debug`, is then refused. The
//! spec's `borrowed_results_need_no_bounds` returns both, so against
//! this the spec does not compile; this file does the same below.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    T: 'static,
    E: std::fmt::Debug + 'static,
{
    let conn = pool.acquire().await;
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = body(conn).await;
    pool.release(conn).await;
    lease.disarm();
    result
}

/// An error with no `Debug`, borrowed from the caller.
pub struct Failed<'a>(pub &'a str);

/// What the spec's `borrowed_results_need_no_bounds` does.
pub async fn borrowed<'a, P: Pool>(pool: &P, name: &'a str) -> Result<&'a str, Failed<'a>> {
    with_resource(pool, |_conn| async move { Ok::<_, Failed<'a>>(name) }).await
}
// ANCHOR_END: mistake

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
