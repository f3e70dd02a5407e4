//! Mistake: write the new balance first, await the audit, and put the old one back if
//! it refuses ("optimistic write, roll back").
//! class: cancellation — under the lock nobody sees the temporary write; only an
//! operation dropped during its audit (or an audit that panics) leaves it written.
//!
//! It reads like a database transaction, and while the lock is held no reader can see
//! the unapproved balance, so every test of results passes. But the rollback is code
//! after an `.await`, and a future dropped at that `.await` (a `timeout` around the
//! deposit, an aborted task) never runs it: the balance the audit never approved stays
//! written for good. Write only after the approval, and a dropped operation simply did
//! not happen. (The actor runs this rule too, but nothing stops it half-way there: a
//! caller that gives up does not cancel the operation, and an audit that panics ends the
//! actor with its balances. So only part 1 shows it.)

// ANCHOR: mistake
async fn change_to(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    after: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    // Write now, undo below if the audit says no: nobody else can see it meanwhile.
    balances[account] = after;
    if after != before && !audit.approve(account, before, after).await {
        balances[account] = before; // never runs if this future is dropped
        return Err(BankError::Refused);
    }
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
