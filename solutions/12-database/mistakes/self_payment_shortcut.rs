//! Mistake: an account paying itself only has its balance checked: "nothing moves".
//! class: boundary — `from == to` for an account that does not exist
//!
//! Found by the reviewer's attack. A payment to oneself leaves the balance as it was,
//! so skipping the writes and only checking the funds looks like a fair shortcut, and
//! it gives the right answer for every account that exists. But `fetch_one` on a
//! missing account fails with `RowNotFound`, and `?` makes that a database error:
//! `transfer(99, 99, 10)` says the database failed, not that there is no account 99.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    if from == to {
        // Paying oneself moves nothing: only the funds need checking.
        let balance: i64 = sqlx::query_scalar("SELECT balance FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_one(pool)
            .await?;
        return if balance >= i64::from(cents) {
            Ok(())
        } else {
            Err(TransferError::InsufficientFunds)
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
