//! Mistake: the table's CHECK catches overdrafts, and any failed debit is "insufficient".
//! class: path — the debit refused for another reason: only the payee had been frozen
//!
//! Found by the reviewer's attack. `CHECK (balance >= 0)` does refuse an overdraft, so
//! debiting unconditionally and reading the refusal as `InsufficientFunds` passes every
//! overdraft test. But the database refuses a statement for many reasons (a trigger, a
//! full disk, a lock): mapping all of them to "not enough money" tells the caller
//! something false, and hides the real error. Only a refusal that *is* the CHECK (or a
//! conditional debit that matched no row) means the funds were short.

use sqlx::sqlite::SqliteConnection;

// ANCHOR: mistake
pub(crate) async fn debit(
    conn: &mut SqliteConnection,
    from: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // "If the debit is refused, the account did not hold enough."
    let debit = sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ?")
        .bind(cents)
        .bind(from)
        .execute(conn)
        .await
        .map_err(|_| TransferError::InsufficientFunds)?;
    if debit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(from));
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
