//! Mistake: an amount above `i32::MAX` is `InsufficientFunds` at once, before the accounts.
//! class: bad-argument — a huge amount from an account that does not exist
//!
//! Found by the reviewer's attack. After the `as i32` wrap-around
//! (`amount_cast_to_i32.rs`), `i32::try_from(cents)` looks like the careful fix, and
//! no account here holds anywhere near 2^31 cents, so "insufficient" is the right
//! answer for every account that exists. But it answers before looking at the
//! accounts: `transfer(99, 1, u32::MAX)` says the funds are short for an account that
//! does not exist, where the exercise asks for `NoSuchAccount(99)`, `from` checked
//! first; and the day an account holds more than `i32::MAX`, it cannot pay what it
//! holds. The amount is data like the ids: bind it as it is and let the debit decide.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // "No account holds that much": refused up front, before anything is looked at.
    i32::try_from(cents).map_err(|_| TransferError::InsufficientFunds)?;
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
