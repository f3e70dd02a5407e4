//! Mistake: a read-first transfer that fails with "database is locked" is retried after
//! `std::thread::sleep(10 ms)`.
//! class: other-side — every transfer ends right; only the runtime's thread, asleep
//! between tries, shows it
//!
//! From round 12's attack. The debit reads the balance first (`read_modify_write`), so
//! concurrent transfers get SQLITE_BUSY; retrying a rolled-back transaction is safe,
//! and a short pause between tries looks polite. But `std::thread::sleep` blocks the
//! thread the runtime runs on, and every task on it: the other transfers cannot even
//! finish and release the lock while it sleeps. The tests used to report this as a
//! pool that ran out of connections; they now watch the thread (`no_busy_task`) and
//! say what it was doing. Await `tokio::time::sleep` instead, or better, take the
//! lock up front (a write first, or `BEGIN IMMEDIATE`) so that there is nothing to retry.

// ANCHOR: mistake
pub async fn transfer(
    pool: &sqlx::SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    for _ in 0..20 {
        match reference::transfer(pool, from, to, cents).await {
            Err(TransferError::Database(e)) if e.to_string().contains("locked") => {
                std::thread::sleep(std::time::Duration::from_millis(10)); // "back off"
            }
            other => return other,
        }
    }
    reference::transfer(pool, from, to, cents).await
}
// ANCHOR_END: mistake

// The debit reads first (as in `read_modify_write`), so that there is something to retry.
#[path = "common/read_first_debit.rs"]
mod read_first_debit;
pub(crate) use read_first_debit::debit;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
