//! Mistake: a transfer that writes the paying side as soon as its audit approves, then
//! asks about the receiving side, and puts the paying side back if that is refused.
//! class: cancellation — under the lock nobody sees the half-done transfer, and a refusal
//! is undone; only a transfer dropped during its *second* audit (or whose second audit
//! panics) leaves the money gone from one account and never arrived in the other.
//!
//! It reads as careful: each side is written only once it is approved, and a refusal is
//! rolled back. But the roll-back is code after an `.await`, and a future dropped at that
//! `.await` (a `timeout` around the transfer, an aborted task), or an audit that panics
//! there, never runs it. Between the two audits the bank holds the money in neither
//! account, and it stays that way. Get both approvals first, and only then write both
//! sides: then a transfer cut anywhere simply did not happen. (The actor runs this rule
//! too, but nothing stops it half-way there: a caller that gives up does not cancel the
//! operation, and an audit that panics ends the actor with its balances. So only part 1
//! shows it.)

// ANCHOR: mistake
async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    if amount == 0 || from == to {
        return reference::transfer_between(balances, audit, from, to, amount).await;
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    let from_after = crate::withdrawn(from_before, amount)?;
    let to_after = crate::deposited(to_before, amount)?;
    if !audit.approve(from, from_before, from_after).await {
        return Err(BankError::Refused);
    }
    balances[from] = from_after; // approved: write it
    if !audit.approve(to, to_before, to_after).await {
        balances[from] = from_before; // undo; never runs if this future is dropped
        return Err(BankError::Refused);
    }
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
