//! Mistake: a transfer without a transaction (a partial write on error).
//! class: path — the credit fails after the debit was committed on its own
//!
//! It is tempting because every single statement is right: the debit refuses to
//! overdraw, the arithmetic happens in SQL, and the missing account is even reported.
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
    // Each statement runs on the pool: on whatever connection is free, and committed
    // the moment it finishes.
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
        .await?; // refused here? the debit above is already committed
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to)); // and the money is gone
    }
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
