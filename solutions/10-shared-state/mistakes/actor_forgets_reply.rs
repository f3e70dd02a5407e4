//! Mistake: the actor skips a request it cannot carry out, without answering it.
//! class: path — every request that succeeds is answered; only a withdrawal the balance
//! cannot cover shows it.
//!
//! It is tempting because it reads like input validation: a withdrawal the balance
//! cannot cover has nothing to do, so `return`, on to the next message. But the request
//! carried a reply sender, and it is dropped unanswered: the caller, waiting on the
//! other end of the `oneshot`, learns only that the channel closed, and reports
//! `Unavailable` instead of `InsufficientFunds`. An actor answers every request, on
//! every path, errors included. (Part 1, the lock, is the reference's here.)

// ANCHOR: mistake
async fn serve(balances: &mut [u64], audit: &impl Audit, request: Request) {
    match request {
        Request::Withdraw {
            account,
            amount,
            reply,
        } => {
            // Not enough money: nothing to do, on to the next request.
            if balances[account] < amount {
                return;
            }
            answer(reply, withdraw_from(balances, audit, account, amount).await);
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
