//! Mistake: the credit first, then the debit, "since the transaction makes the order moot".
//! class: path — two failures at once: with both accounts missing, which one is named?
//!
//! Found by the reviewer's attack. Inside one transaction the order of the two UPDATEs
//! does not change the end balances of a transfer that succeeds, and every single
//! failure is still reported. But the exercise asks for `from` to be checked first, so
//! that a caller with two bad ids hears about the payer; and crediting first has a
//! second, quieter effect: an account paying itself is credited before it is debited,
//! so the credit pays for the debit, and 2600 cents "move" out of an account that
//! holds 2500.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut tx = pool.begin().await?;
    // Credit first, then debit: same transaction, so "the order does not matter".
    crate::credit(&mut tx, to, cents).await?;
    crate::debit(&mut tx, from, cents).await?;
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
