//! Mistake: the credit's `UPDATE` is trusted to fail when the account is missing.
//! class: path — the credit, a later step, "succeeds" matching no row
//!
//! Everything is in one transaction, and every `?` rolls it back. But an `UPDATE` whose
//! `WHERE` matches no row is not an error in SQL: it succeeds, changing nothing, and
//! says so only in `rows_affected()`. So a transfer to an account that does not exist
//! debits the payer, credits nobody, returns `Ok(())`, and commits: the money is gone,
//! and the caller was told it arrived.

use sqlx::sqlite::SqliteConnection;

// ANCHOR: mistake
pub(crate) async fn credit(
    conn: &mut SqliteConnection,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // A missing account would be an error, so `?` is enough here. (It is not: an
    // UPDATE that matches no row succeeds, with `rows_affected() == 0`.)
    sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(cents)
        .bind(to)
        .execute(conn)
        .await?;
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
