//! Mistake: a transfer without a transaction (a partial write on error).
//! class: path — the credit fails after the debit was committed on its own
//!
//! It is tempting because every single step is the reference's own (`crate::debit`,
//! `crate::credit`): the debit refuses to overdraw, the arithmetic happens in SQL, and the
//! missing account is even reported.
//! Run in a test where everything succeeds, it is correct. But on a pool each statement
//! is its own transaction, committed as soon as it finishes. When the credit fails (no
//! such account, or the database refuses it), the debit has already been committed:
//! the error is returned, and the money is gone.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // Each step on a connection of its own from the pool, outside any transaction:
    // committed the moment it finishes.
    crate::debit(&mut *pool.acquire().await?, from, cents).await?;
    // Refused here, or no such account? The debit above is already committed, and the
    // money is gone.
    crate::credit(&mut *pool.acquire().await?, to, cents).await
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
