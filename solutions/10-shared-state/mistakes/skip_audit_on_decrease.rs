//! Mistake: auditing only the money that comes in.
//! class: other-side — the balances are right while the audit approves; only the audit
//! sees that it was never asked about a decrease.
//!
//! "Fraud is about money arriving": so a withdrawal is not audited, and a transfer asks
//! only about the receiving account. With a fake that refuses only large balances,
//! every result is even right. But the task is that *every* change is approved before
//! it is written, and an account being emptied is a change the fraud check must see.
//! (Both parts run these rules, as in the reference, so both show it.)

// ANCHOR: mistake
async fn withdraw_from(
    balances: &mut [u64],
    _audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let after = crate::withdrawn(balances[account], amount)?;
    // Money going out: nothing for a fraud check to look at.
    balances[account] = after;
    Ok(after)
}

async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    let (from_before, to_before) = (balances[from], balances[to]);
    let from_after = crate::withdrawn(from_before, amount)?;
    let to_after = crate::deposited(to_before, amount)?;
    // Only the receiving side is asked about.
    if amount > 0 && !audit.approve(to, to_before, to_after).await {
        return Err(BankError::Refused);
    }
    balances[from] = from_after;
    balances[to] = to_after;
    Ok(())
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
