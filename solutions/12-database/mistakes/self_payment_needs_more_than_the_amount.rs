//! Mistake: an account paying itself is checked with `balance > cents`, not `>=`.
//! class: boundary — a self-payment of exactly the balance: no test paid one
//!
//! Found by the reviewer's attack. The shortcut for `from == to` is the one the
//! exercise allows for: it looks the account up (a missing one is `NoSuchAccount`)
//! and checks the funds without writing. But its comparison is its own, not the
//! debit's `balance >= ?`, and it is off by one: an account holding exactly 2500 may
//! pay 2500, to itself as to anyone, and this one is told `InsufficientFunds`. Two
//! paths for one rule drift apart; the reference has one path for every transfer.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    if from == to {
        // Paying oneself moves nothing: check the account and its funds, write nothing.
        let balance: Option<i64> = sqlx::query_scalar("SELECT balance FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_optional(pool)
            .await?;
        return match balance {
            None => Err(TransferError::NoSuchAccount(from)),
            Some(balance) if balance > i64::from(cents) => Ok(()),
            Some(_) => Err(TransferError::InsufficientFunds),
        };
    }
    reference::transfer(pool, from, to, cents).await
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
