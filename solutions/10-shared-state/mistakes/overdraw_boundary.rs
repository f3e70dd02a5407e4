//! Mistake: `balance <= amount` as the test for insufficient funds.
//! class: boundary — every withdrawal short of the whole balance is right; only taking out
//! exactly the balance (or 0 from an empty account) shows it.
//!
//! "Not enough money" written the other way round, with one `=` too many: an account
//! can never be emptied, and withdrawing 0 from an empty account fails. The rule is
//! *more than* the balance; `checked_sub` says exactly that, with no comparison to get
//! wrong. (Both parts run this rule, as in the reference, so both show it.)

// ANCHOR: mistake
fn withdrawn(before: u64, amount: u64) -> Result<u64, BankError> {
    if before <= amount {
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
