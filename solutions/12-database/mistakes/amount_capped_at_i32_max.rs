//! Mistake: the amount capped at `i32::MAX` before it is bound, "so that it cannot wrap".
//! class: fixture — no account held more than `i32::MAX`, so every amount above it was
//! refused as `InsufficientFunds` whatever reached the database
//!
//! Found by the reviewer's attack. It has heard that `cents as i32` wraps (see
//! `amount_cast_to_i32`) and converts with care instead:
//! `i32::try_from(cents).unwrap_or(i32::MAX)`. Nothing wraps now, but an amount above
//! 2147483647 is silently cut down to it: an account that holds enough pays less than
//! asked, and the transfer reports success. SQLite's INTEGER is 64 bits:
//! `i64::from(cents)` holds every `u32`, and so does the `u32` itself.

// ANCHOR: mistake
pub(crate) fn amount(cents: u32) -> i64 {
    i32::try_from(cents).unwrap_or(i32::MAX).into() // no wrapping: a cap
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
