//! Mistake: the accounts and the balance checked first, on the pool; the writes after.
//! class: fixture — one transfer at a time, a check before the transaction holds good
//!
//! Found by the reviewer's attack. "Validate first with cheap reads, then write in a
//! transaction" keeps the transaction short, and it is right as long as nobody else
//! touches the account in between. Transfers that compete for the same money do: four
//! of them read 2500 cents in account 3, all four decide there is enough, and then one
//! after another debits. The first succeeds; the others take the balance below zero,
//! and the table's CHECK refuses them with a database error instead of
//! `InsufficientFunds`. (Without that CHECK, the money would simply go negative.)
//! The check and the debit must be one step: `… WHERE id = ? AND balance >= ?`.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // Validate first: cheap reads on the pool, outside any transaction…
    let balance_of =
        |id| sqlx::query_scalar::<_, i64>("SELECT balance FROM accounts WHERE id = ?").bind(id);
    let Some(balance) = balance_of(from).fetch_optional(pool).await? else {
        return Err(TransferError::NoSuchAccount(from));
    };
    if balance_of(to).fetch_optional(pool).await?.is_none() {
        return Err(TransferError::NoSuchAccount(to));
    }
    if balance < i64::from(cents) {
        return Err(TransferError::InsufficientFunds);
    }
    // …then write, trusting what was read (it may be stale by now).
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ?")
        .bind(cents)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    crate::credit(&mut tx, to, cents).await?;
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
