//! Mistake: read the balances, compute the new ones in Rust, write them back
//! class: fixture — one transfer at a time, reading first is as good; only concurrency shows it
//! (read–modify–write), inside a transaction.
//!
//! It is tempting because it is how the code would look with an in-memory map, it
//! checks everything before it writes, and the transaction makes it all or nothing:
//! every test that runs one transfer at a time passes. But two transfers that read the
//! same balance both compute from it. A database that let both write would lose one
//! update; SQLite, which allows one writer at a time, refuses the second writer
//! instead: its transaction read a balance that another has since changed, so it fails
//! at once with "database is locked", and busy-waiting cannot help it.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut tx = pool.begin().await?;
    let balance_of =
        |id| sqlx::query_scalar::<_, i64>("SELECT balance FROM accounts WHERE id = ?").bind(id);
    // Read both balances, decide in Rust, write the results back.
    let Some(from_balance) = balance_of(from).fetch_optional(&mut *tx).await? else {
        return Err(TransferError::NoSuchAccount(from));
    };
    let Some(to_balance) = balance_of(to).fetch_optional(&mut *tx).await? else {
        return Err(TransferError::NoSuchAccount(to));
    };
    let cents = i64::from(cents);
    if from_balance < cents {
        return Err(TransferError::InsufficientFunds);
    }
    let set = "UPDATE accounts SET balance = ? WHERE id = ?";
    let debit = sqlx::query(set).bind(from_balance - cents).bind(from);
    debit.execute(&mut *tx).await?;
    let credit = sqlx::query(set).bind(to_balance + cents).bind(to);
    credit.execute(&mut *tx).await?;
    tx.commit().await?;
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
