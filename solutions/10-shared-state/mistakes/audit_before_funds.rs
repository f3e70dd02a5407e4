//! Mistake: asking the audit first, and checking the funds only afterwards.
//! class: other-side — the results are right; only the audit sees the questions it should
//! never have been asked.
//!
//! "Fraud first" sounds prudent. But a withdrawal the balance cannot cover changes
//! nothing, so there is nothing to approve: every doomed withdrawal now costs a slow
//! remote check, made about a balance (`saturating_sub` gives 0) that will never be
//! written, while everyone else waits for the lock (or the actor). Decide what you can
//! on your own first. (Both parts run this rule, as in the reference, so both show it.)

// ANCHOR: mistake
async fn withdraw_from(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    let after = before.saturating_sub(amount);
    if amount > 0 && !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    let after = crate::withdrawn(before, amount)?; // only now: "can they pay?"
    balances[account] = after;
    Ok(after)
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
