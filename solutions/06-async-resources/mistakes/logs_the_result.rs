//! Mistake: logs what the body returned, so the signature asks for `T: Debug`.
//! class: fixture — every value the tests' bodies returned was `Debug`; one that is not shows it.
//!
//! Found by round 12's attack. A log line with `{:?}` is a habit from Python's
//! `logging.debug(f"{result!r}")`, and the compiler then asks for `T: Debug`; the rest
//! is right. But `with_resource` only hands the body's value back, and nothing needs
//! to print it: rows with no `Debug` are then refused. The spec's
//! `borrowed_results_need_no_bounds` returns such rows, so against this the spec does
//! not compile; this file does the same below.
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
    T: std::fmt::Debug,
{
    let conn = pool.acquire().await;
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = body(conn).await;
    if let Ok(value) = &result {
        eprintln!("with_resource: conn {} returned {value:?}", conn.0);
    }
    pool.release(conn).await;
    lease.disarm();
    result
}

/// Rows with no `Debug`.
pub struct Rows(pub u32);

/// What the spec's `borrowed_results_need_no_bounds` does: a body whose rows have no
/// `Debug`.
pub async fn rows_with_no_debug<P: Pool>(pool: &P) -> Result<Rows, String> {
    with_resource(pool, |conn| async move { Ok(Rows(conn.0)) }).await
}
// ANCHOR_END: mistake

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
