//! Mistake: the funds checked in `i64` ("is the balance after it negative?").
//! class: bad-argument — every amount a test takes out fits in an `i64`; only an absurd
//! one (`u64::MAX`, which is -1 as an `i64`) gets through the check.
//!
//! "Would the balance go below zero?" is the natural question, and a `u64` cannot go
//! below zero, so the subtraction is done in `i64`. For every sensible amount that is
//! right. But `u64::MAX as i64` is -1: 100 - (-1) is 101, the check passes, and then
//! `before - amount` in `u64` panics (in a release build it wraps around, and the
//! account holds 101 after taking out eighteen quintillion). `checked_sub` asks the
//! question in the type of the balance: `None` when the amount is more than it holds,
//! however large. (Everything else is the reference's here.)

// ANCHOR: mistake
fn withdrawn(before: u64, amount: u64) -> Result<u64, BankError> {
    if (before as i64) - (amount as i64) < 0 {
        return Err(BankError::InsufficientFunds);
    }
    Ok(before - amount)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
