//! Mistake: a transaction is begun, but the statements run on the pool.
//! class: path — a failing credit leaves the debit that ran outside the transaction
//!
//! It looks like the transfer of the chapter: `pool.begin()` at the top, `commit()` at
//! the end. But each statement is executed on `pool`, not on `&mut *tx`, so it takes a
//! connection of its own from the pool and commits on its own, outside the transaction.
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
    // `tx` holds a connection with BEGIN sent on it, but the statements below go to
    // `pool`: each takes another connection, outside the transaction, and commits.
    let debit =
        sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?")
            .bind(cents)
            .bind(from)
            .bind(cents)
            .execute(pool)
            .await?;
    if debit.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_optional(pool)
            .await?;
        return Err(match exists {
            Some(_) => TransferError::InsufficientFunds,
            None => TransferError::NoSuchAccount(from),
        });
    }

    let credit = sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(cents)
        .bind(to)
        .execute(pool)
        .await?;
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to)); // rolls back nothing
    }
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
