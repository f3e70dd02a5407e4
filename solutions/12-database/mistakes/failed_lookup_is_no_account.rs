//! Mistake: both accounts looked up first, and a lookup that fails is "no such account".
//! class: path — a read of the accounts that fails: no earlier test made one fail
//!
//! Found by the reviewer's attack. Checking that both accounts exist before the
//! transaction looks careful, and `.ok().flatten()` turns the lookup into a plain
//! `Option`: found or not. The transfer itself is the reference's, so every balance is
//! right. But a lookup can fail for other reasons than a missing row (the table gone,
//! the database unreachable), and then the caller hears `NoSuchAccount`: that the
//! account does not exist, when the database could not say. Only `Ok(None)` means no
//! such row; an `Err` is `TransferError::Database`.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    for id in [from, to] {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await
            .ok()
            .flatten(); // an error, too, is "not found"
        if found.is_none() {
            return Err(TransferError::NoSuchAccount(id));
        }
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
