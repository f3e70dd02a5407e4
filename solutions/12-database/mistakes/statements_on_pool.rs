//! Mistake: a transaction is begun, but the statements run on the pool.
//! class: path — a failing credit leaves the debit that ran outside the transaction
//!
//! It looks like the transfer of the chapter: `pool.begin()` at the top, `commit()` at
//! the end. But each step (the reference's `debit` and `credit`) runs on a connection
//! of its own from the pool, not on `&mut *tx`, and commits on its own, outside the
//! transaction.
//! The transaction holds a connection and does nothing with it: when the credit fails,
//! there is nothing to roll back, and the debit stays. Under load it is worse: every
//! transfer holds one connection for its transaction and waits for a second one, so a
//! few of them can hold the whole pool and wait for each other forever.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let tx = pool.begin().await?;
    // `tx` holds a connection with BEGIN sent on it, but the steps below run on `pool`:
    // each takes another connection, outside the transaction, and commits.
    crate::debit(&mut *pool.acquire().await?, from, cents).await?;
    crate::credit(&mut *pool.acquire().await?, to, cents).await?; // rolls back nothing
    tx.commit().await?; // commits nothing: nothing ran on its connection
    Ok(())
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
