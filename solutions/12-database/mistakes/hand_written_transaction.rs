//! Mistake: the transaction written by hand, `BEGIN` … `COMMIT` or `ROLLBACK` as SQL.
//! class: cancellation — dropped mid-transaction: nobody sends the ROLLBACK
//!
//! Found by the reviewer's attack. It is Python's `try: … conn.commit() except:
//! conn.rollback()`: one connection checked out, `BEGIN`, the two updates, and
//! `COMMIT` if they succeeded or `ROLLBACK` if not. Every error is handled and every
//! balance is right. But when the caller stops waiting, the future is dropped between
//! two `.await`s, and neither the COMMIT nor the ROLLBACK is ever sent: the connection
//! goes back to the pool still inside the open transaction, holding SQLite's write
//! lock, and the next call that gets it cannot even begin. The `Transaction` that
//! `pool.begin()` returns rolls back when it is dropped; a `BEGIN` in SQL does not.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut conn = pool.acquire().await?;
    sqlx::query("BEGIN").execute(&mut *conn).await?;
    let moved = async {
        crate::debit(&mut conn, from, cents).await?;
        crate::credit(&mut conn, to, cents).await
    };
    match moved.await {
        Ok(()) => {
            sqlx::query("COMMIT").execute(&mut *conn).await?;
            Ok(())
        }
        Err(error) => {
            sqlx::query("ROLLBACK").execute(&mut *conn).await?;
            Err(error)
        }
    }
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
