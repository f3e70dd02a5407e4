//! Mistake: no transaction; if the credit fails, a second UPDATE gives the money back.
//! class: cancellation — dropped between the debit and the credit: nothing undoes it
//!
//! Found by the reviewer's attack. It is the "saga" of distributed systems: do the
//! steps one by one, and compensate for the done ones when a later one fails. Every
//! error path is handled, and every test that fails a step passes. But a caller that
//! gives up (a `timeout` around the call) drops this future between its statements:
//! the debit has committed on its own, and neither the credit nor the compensation ever
//! runs. A transaction needs no compensation: one that is dropped before its commit is
//! rolled back by the database.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // Saga style: debit, then credit, each on a connection of its own and committed on
    // its own; if the credit fails, undo the debit.
    crate::debit(&mut *pool.acquire().await?, from, cents).await?;
    match crate::credit(&mut *pool.acquire().await?, to, cents).await {
        Ok(()) => Ok(()),
        Err(error) => {
            crate::credit(&mut *pool.acquire().await?, from, cents).await?; // the undo
            Err(error)
        }
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
