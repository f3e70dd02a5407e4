//! Mistake: under `BEGIN IMMEDIATE`, both balances read first and both written back.
//! class: boundary — `from == to`: the two balances are one row
//!
//! From the reviewer's attack, who wrote it as a correct answer. `BEGIN IMMEDIATE` takes
//! the write lock before the first read, so reading the balances, deciding in Rust and
//! writing the results is safe from other transfers: nobody can write in between, and
//! "database is locked" cannot happen. But the two balances are read before either is
//! written, and when an account pays itself they are the same row: the debit writes
//! `10000 - 4000`, then the credit writes `10000 + 4000` over it, and 4000 cents
//! appear from nowhere. Let SQL do the arithmetic on the row as it is
//! (`SET balance = balance + ?`), or read each balance just before writing it.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // Take the write lock up front: then reading first and writing later is safe.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let balance_of =
        |id| sqlx::query_scalar::<_, i64>("SELECT balance FROM accounts WHERE id = ?").bind(id);
    let from_balance = balance_of(from)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(TransferError::NoSuchAccount(from))?;
    let to_balance = balance_of(to)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(TransferError::NoSuchAccount(to))?;
    let cents = i64::from(cents);
    if from_balance < cents {
        return Err(TransferError::InsufficientFunds);
    }
    // Both computed from balances read before either write: one row, if from == to.
    for (id, balance) in [(from, from_balance - cents), (to, to_balance + cents)] {
        sqlx::query("UPDATE accounts SET balance = ? WHERE id = ?")
            .bind(balance)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    crate::commit(tx).await
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
