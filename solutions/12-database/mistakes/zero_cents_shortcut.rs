//! Mistake: a transfer of 0 cents returns `Ok` at once: "there is nothing to move".
//! class: bad-argument — 0 cents: no earlier test moved nothing
//!
//! Found by the reviewer's attack. Skipping work that changes nothing looks like a
//! harmless optimisation, and every transfer of a real amount behaves as before. But
//! the shortcut also skips the checks: `transfer(1, 99, 0)` reports success for an
//! account that does not exist, and a caller that uses a zero transfer to validate a
//! pair of accounts is told they are fine. An amount of 0 is a transfer like any other.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    if cents == 0 {
        return Ok(()); // nothing to move, and nothing checked
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
