//! Mistake: the amount cast `as i32` before it is bound, "as INTEGER columns want".
//! class: bad-argument — amounts above `i32::MAX`: no earlier test moved that much
//!
//! Found by the reviewer's attack. SQLite's INTEGER is 64 bits and sqlx binds a `u32`
//! as it is, but the cast looks tidy, and every amount below 2^31 survives it. Above,
//! `as` wraps around without a word: 3_000_000_000 becomes -1_294_967_296, and
//! `u32::MAX` becomes -1. A negative debit is a credit: `balance - -1` pays the payer,
//! and `balance >= -1` always holds. So `transfer(1, 2, u32::MAX)` "succeeds" and moves
//! one cent the wrong way. `i64::from(cents)` cannot wrap; neither can the u32 itself.

// ANCHOR: mistake
pub(crate) fn amount(cents: u32) -> i64 {
    (cents as i32).into() // wraps above i32::MAX
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
