//! Mistake: every value bound but the amount in the credit, pasted into its SQL text.
//! class: other-side — every result is right; only the SQL text SQLite receives shows
//! it, and only for a transfer that gets as far as its credit
//!
//! Found by the reviewer's attack. The debit binds its three values and the credit its
//! id, but the amount went into the credit's text with `format!` (and `AssertSqlSafe`
//! to make sqlx accept it): "a `u32` cannot hold a quote". It cannot, and every
//! balance comes out right; but each amount makes a new statement for SQLite to parse
//! and plan, and the exercise asks for every value as a bind parameter. The test's only
//! amount of its own had been one no account holds, refused at the debit, so the
//! credit never ran with it.

use sqlx::AssertSqlSafe;
use sqlx::sqlite::SqliteConnection;

// ANCHOR: mistake
pub(crate) async fn credit(
    conn: &mut SqliteConnection,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let sql = format!("UPDATE accounts SET balance = balance + {cents} WHERE id = ?");
    let credit = sqlx::query(AssertSqlSafe(sql))
        .bind(to)
        .execute(&mut *conn)
        .await?;
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to));
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
