//! Mistake: Overflow only for a deposit of `u64::MAX`, or into a balance of `u64::MAX`;
//! then a plain `+`.
//! class: fixture — the task's own example (a deposit of `u64::MAX`) and an account that
//! is already full are refused; only a sum too big made of two smaller numbers shows it.
//!
//! The doc says "a deposit of `u64::MAX`, say", and the check written for that example
//! passes it. But the example is one of many: 10 more into `u64::MAX - 5` does not fit
//! either, and `before + amount` then panics (in a debug build; a release build wraps
//! around, and the account is left holding 4). Whether a sum fits is not a property of
//! either number: ask the sum, `checked_add`. (Everything else is the reference's here.)

// ANCHOR: mistake
fn deposited(before: u64, amount: u64) -> Result<u64, BankError> {
    if amount == u64::MAX || before == u64::MAX {
        return Err(BankError::Overflow);
    }
    Ok(before + amount) // still overflows: u64::MAX - 5 + 10
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
