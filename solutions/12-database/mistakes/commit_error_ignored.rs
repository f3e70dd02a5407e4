//! Mistake: the commit's result is dropped: "both statements succeeded, nothing can fail".
//! class: path — the last step fails: no earlier test made the COMMIT fail
//!
//! Found by the reviewer's attack. Once the debit and the credit have both succeeded,
//! `let _ = tx.commit().await` looks safe. But the database may still refuse the
//! COMMIT (a deferred constraint is checked only then, a disk may be full), and then
//! the transaction is rolled back: nothing moved, and the caller is told `Ok`.

use sqlx::{Sqlite, Transaction};

// ANCHOR: mistake
pub(crate) async fn commit(tx: Transaction<'_, Sqlite>) -> Result<(), TransferError> {
    let _ = tx.commit().await; // "both statements succeeded"
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
