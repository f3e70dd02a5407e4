//! Mistake: a transfer checks the receiving side for an overflow before the paying side
//! for its funds.
//! class: path — two failures at once: a transfer that one account cannot pay and the
//! other could not hold. Alone, each check is right, in either order.
//!
//! Both checks come before the audit, as they should, and each one on its own gives the
//! right error. Only a transfer that fails both ways tells the order, and the exercise
//! decides it: the funds first, so that "you do not have the money" is what the caller
//! hears, whatever the other account holds (the receiving side is the bank's business,
//! not the payer's). (The rest, part 2 included, is the reference's here.)

// ANCHOR: mistake
async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    if from == to {
        return match balances[from] >= amount {
            true => Ok(()),
            false => Err(BankError::InsufficientFunds),
        };
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    let to_after = crate::deposited(to_before, amount)?;
    let from_after = crate::withdrawn(from_before, amount)?;
    if amount == 0 {
        return Ok(());
    }
    let (from_ok, to_ok) = tokio::join!(
        audit.approve(from, from_before, from_after),
        audit.approve(to, to_before, to_after),
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
