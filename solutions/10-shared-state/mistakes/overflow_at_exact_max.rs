//! Mistake: the overflow check written by hand, with `<=` where `<` belongs.
//! class: boundary — every sum well past `u64::MAX` is refused as it should be; only a
//! deposit that lands on exactly `u64::MAX` shows it.
//!
//! `u64::MAX - before` is the room left in the account, and it cannot underflow, so the
//! check looks safe. But a deposit of exactly the room left fits: it makes `u64::MAX`,
//! which a `u64` holds. With `<=` that deposit is called an Overflow, and the audit, which
//! should have decided it, is never asked. `checked_add` draws the line where it is and
//! leaves nothing to get wrong: `None` only for a sum that does not fit. (Everything
//! else is the reference's here.)

// ANCHOR: mistake
fn deposited(before: u64, amount: u64) -> Result<u64, BankError> {
    if u64::MAX - before <= amount {
        return Err(BankError::Overflow); // "no room left": but exactly full is allowed
    }
    Ok(before + amount)
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
