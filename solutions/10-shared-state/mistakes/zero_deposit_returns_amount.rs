//! Mistake: a deposit of 0 returns the amount deposited, 0, instead of the balance.
//! class: fixture — into an empty account the two are the same number; only a deposit
//! of 0 into an account that holds something shows it.
//!
//! "Nothing to deposit: return early" is right, and so is asking no audit. But a deposit
//! returns the new balance, and after a deposit of 0 that is the balance as it was, not
//! the 0 that came in. Into an empty account both are 0, so a test that only tries that
//! one cannot tell. An early return has to return the same thing as the long way round.
//! (Everything else is the reference's here.)

// ANCHOR: mistake
async fn deposit_into(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    if amount == 0 {
        return Ok(amount); // nothing deposited
    }
    let after = crate::deposited(balances[account], amount)?;
    crate::change_to(balances, audit, account, after).await
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
