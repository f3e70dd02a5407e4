//! Mistake: ask the audit a second time when it refuses ("the fraud check is remote and
//! flaky: give it another chance").
//! class: other-side — the caller sees the right answer, Refused, and nothing changes;
//! only the audit sees that it was asked the same question twice.
//!
//! A retry is the reflex for a remote call that fails, and a decorator away in Python.
//! But a refusal is not a failure: it is the audit's answer. Asking again does not make
//! the deposit any more right; it doubles the load on the fraud check, and against a
//! check that is not deterministic (a score, a rate limit) it lets through exactly what
//! it refused, on the second try. Ask once about each change and take no for an answer;
//! retry only what failed to give an answer, and that is the audit's business, not the
//! bank's. (Deposits and withdrawals run this step in both parts; transfers are the
//! reference's here.)

// ANCHOR: mistake
async fn change_to(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    after: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    if after == before {
        return Ok(before);
    }
    // One more chance before we refuse.
    let approved =
        audit.approve(account, before, after).await || audit.approve(account, before, after).await;
    if !approved {
        return Err(BankError::Refused);
    }
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
