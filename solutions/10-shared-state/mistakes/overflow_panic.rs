//! Mistake: a plain `before + amount` in the actor's deposit.
//! class: bad-argument — every sensible amount is right; only a deposit too large for a
//! `u64` shows it: it panics inside the actor, and the bank dies for everyone.
//!
//! Balances are `u64`, and who deposits 18 quintillion? But the amount comes from the
//! caller, and `before + amount` past `u64::MAX` panics (in a debug build; a release
//! build wraps around to a small balance, which is worse). In part 1 that would be one
//! caller's panic; in the actor it kills the task that owns every balance, and from then
//! on every request of every handle gets `Unavailable`. `checked_add` turns it into an
//! answer: `Err(BankError::Overflow)`. (Part 1, the lock, is the reference's here.)

// ANCHOR: mistake
async fn serve(balances: &mut [u64], audit: &impl Audit, request: Request) {
    match request {
        Request::Deposit {
            account,
            amount,
            reply,
        } => {
            let before = balances[account];
            let after = before + amount; // panics past u64::MAX, killing the actor
            let approved = amount == 0 || audit.approve(account, before, after).await;
            if approved {
                balances[account] = after;
            }
            answer(reply, approved.then_some(after).ok_or(BankError::Refused));
        }
        other => reference::serve(balances, audit, other).await,
    }
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
