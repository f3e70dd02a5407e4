//! Another correct way: the transfer takes the write lock up front, reads both
//! accounts in one query, decides in Rust, and lets SQL do the arithmetic.
//!
//! On a connection checked out with `acquire()`, `Connection::begin_with("BEGIN
//! IMMEDIATE")` starts the transaction with SQLite's write lock already held, so the
//! read cannot go stale before the writes. One `SELECT … WHERE id IN (?, ?)` finds
//! both accounts (one row when an account pays itself); the errors are decided from
//! those rows, `from` first. Then one `UPDATE … SET balance = balance + ?` per account,
//! with a signed amount: the database adds to the row as it is now, so an account that
//! pays itself is debited and credited on the same row and ends where it started.
//! (Writing `from_balance - cents` back instead would lose that debit:
//! `mistakes/cached_balances_self_transfer.rs`.) Errors are converted with `map_err`
//! rather than `?` and `From`.
//!
//! Round 12: written by the attack as a correct solution in a style the unit lacked.

use sqlx::{Connection, SqlitePool};

// ANCHOR: one_read
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let amount = i64::from(cents);
    let mut conn = pool.acquire().await.map_err(TransferError::Database)?;
    let mut tx = conn
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(TransferError::Database)?;
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, balance FROM accounts WHERE id IN (?, ?)")
            .bind(from)
            .bind(to)
            .fetch_all(&mut *tx)
            .await
            .map_err(TransferError::Database)?;
    let balance_of = |wanted: i64| rows.iter().find(|(id, _)| *id == wanted).map(|r| r.1);
    let available = balance_of(from).ok_or(TransferError::NoSuchAccount(from))?;
    balance_of(to).ok_or(TransferError::NoSuchAccount(to))?;
    if available < amount {
        return Err(TransferError::InsufficientFunds);
    }
    for (id, change) in [(from, -amount), (to, amount)] {
        sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
            .bind(change)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(TransferError::Database)?;
    }
    tx.commit().await.map_err(TransferError::Database)
}
// ANCHOR_END: one_read

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
