//! Another correct way: the transfer runs in a task of its own, so a caller that gives
//! up does not stop it: the transfer is then made entirely, where the reference's is
//! not made at all.
//!
//! It is `asyncio.shield`: `tokio::spawn` starts the reference's transfer as a task
//! that holds a clone of the pool (a handle), and the caller awaits its `JoinHandle`.
//! Dropping a `JoinHandle` does not cancel its task, so when the caller is dropped (a
//! `timeout` around the call) the transfer still runs to its commit. The exercise
//! allows either end, entirely or not at all; what it forbids is half. The price: a
//! caller that gave up cannot tell whether the money moved, and a runtime that shuts
//! down drops the task all the same (its transaction is then rolled back). A panic in
//! the task goes on to the caller. Everything else is the reference's. From the
//! reviewer's attack.

use sqlx::SqlitePool;

// ANCHOR: shielded
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let pool = pool.clone();
    let task = tokio::spawn(async move { reference::transfer(&pool, from, to, cents).await });
    match task.await {
        Ok(result) => result,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
// ANCHOR_END: shielded

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
