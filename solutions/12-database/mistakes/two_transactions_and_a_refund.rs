//! Mistake: the debit and the credit in two transactions, with a refund if the second fails.
//! class: cancellation — dropped between the two commits: the refund never runs
//!
//! Found by the reviewer's attack. Each step is the reference's, in a transaction of
//! its own, and every failure of the credit (no such account, a refusal, a refused
//! COMMIT) is answered by giving the money back: every test that fails a step passes,
//! and so does a caller that gives up during the debit, whose transaction is rolled
//! back. But between the first COMMIT and the second the money is in neither account,
//! for every reader to see; and a caller that gives up there (a `timeout` around the
//! call) drops the future with the debit committed and the refund never run. One
//! transaction around both steps needs no refund.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut tx = pool.begin().await?;
    crate::debit(&mut tx, from, cents).await?;
    crate::commit(tx).await?; // the money has left `from`…
    let credited = async {
        let mut tx = pool.begin().await?;
        crate::credit(&mut tx, to, cents).await?;
        crate::commit(tx).await // …and reaches `to` only here
    };
    if let Err(error) = credited.await {
        crate::credit(&mut *pool.acquire().await?, from, cents).await?; // the refund
        return Err(error);
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
