//! Mistake: a copy-paste slip in a transfer's second question to the audit.
//! class: other-side — the balances are right; only the audit sees that it was asked
//! about the wrong account.
//!
//! The two questions look alike, and the second was copied from the first: it asks
//! about the paying account `from` with the receiving account's balances. Nothing in
//! the results shows it while the audit approves. But the fraud check was never asked
//! about the account that receives the money, so whatever it would have refused there
//! goes through. (Both parts run this rule, as in the reference, so both show it.)

// ANCHOR: mistake
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
    if amount == 0 {
        return Ok(());
    }
    let (from_ok, to_ok) = tokio::join!(
        audit.approve(from, from_before, from_after),
        audit.approve(from, to_before, to_after), // should be `to`
    );
    if !(from_ok && to_ok) {
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
