//! Mistake: `transfer` reports `NoSuchAccount` for an id below 1 without asking the
//! database, "ids start at 1".
//! class: boundary — every account of the fixtures had an id from 1 up
//!
//! From round 12's attack, where it passed every test. A cheap check before the
//! transaction looks careful, but an INTEGER PRIMARY KEY holds any 64-bit value: an
//! account with id 0 or -1 exists as soon as a row says so, and only the database can
//! tell. `NoSuchAccount` means the account was looked for and not found. The doc now
//! says that any `i64` may be an id, and the tests seed accounts 0 and -1.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // "ids start at 1"
    if from < 1 {
        return Err(TransferError::NoSuchAccount(from));
    }
    if to < 1 {
        return Err(TransferError::NoSuchAccount(to));
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
