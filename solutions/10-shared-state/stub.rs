//! # Exercise 10: shared state — a bank that stays correct under concurrency (`asyncio.Lock`)
//!
//! A bank keeps one balance (a `u64`) per account; an [`AccountId`] is the index of the
//! account's balance in the `Vec` the bank was opened with. Many tasks use the bank at
//! the same time. Every change to a balance must be **approved by an [`Audit`] before
//! it is written**, and the audit is slow: it is a remote fraud check, an `.await`. So
//! each operation goes:
//!
//! 1. read the balance(s);
//! 2. decide the new balance(s), and await the audit's approval for each account that
//!    changes (`audit.approve(account, before, after).await`);
//! 3. if every account was approved, write the new balance(s); otherwise change nothing.
//!
//! The rules, however many tasks call the bank at once:
//!
//! - **No update is lost.** 50 concurrent deposits of 10 into an empty account leave
//!   it at 500, and each deposit returns the balance it wrote.
//! - **No account is overdrawn.** Taking out more than the balance (a withdrawal, or
//!   the paying side of a transfer) fails with [`BankError::InsufficientFunds`] and
//!   changes nothing. (Check this first: there is no need to ask the audit.) However
//!   large the amount (`u64::MAX`, say), that is all it is: never a panic.
//! - **Money is conserved.** A transfer takes from one account and adds to another as
//!   one step: nobody ever sees, or overwrites, the money half-way.
//! - **Nothing unapproved is written or seen.** When the audit refuses, the operation
//!   fails with [`BankError::Refused`] and every balance stays as it was; no reader may
//!   see a new balance while the audit is still deciding on it.
//! - **A read waits for the operation in progress.** `balance` of an account that an
//!   operation is changing (it is in its audit) waits until that operation is over, and
//!   returns the balance it left. Reads go through the same lock (or, in part 2, the
//!   same queue) as the changes; a read that does not wait could, on a multi-thread
//!   runtime, see a transfer half-way.
//!
//! Steps 1 to 3 of one operation must run as one, with no other operation on the same
//! account in between, *including across the `.await` of the audit*: that `.await` is
//! exactly where other tasks run.
//!
//! What the audit is asked, and the amounts:
//!
//! - The audit is asked exactly once about each account that changes, with that
//!   account's id and its balance before and after: one question for a deposit or a
//!   withdrawal, two for a transfer (in either order, or both at once; once one side is
//!   refused, asking the other is up to you). Nothing else is asked.
//! - An amount of **0** changes nothing: the operation succeeds (a deposit or withdrawal
//!   returns the balance as it is) and, since no account changes, asks no audit.
//! - Taking out exactly the whole balance is allowed: it leaves 0.
//! - A deposit, or the receiving side of a transfer, whose new balance would be more
//!   than a `u64` holds (a deposit of `u64::MAX`, say) fails with
//!   [`BankError::Overflow`] and changes nothing. Like the funds, check it before you
//!   ask the audit; never let it panic.
//! - A transfer that fails both ways at once (its paying side cannot cover it *and* its
//!   receiving side would overflow) fails with [`BankError::InsufficientFunds`]: the
//!   funds are checked first.
//!
//! Cancellation and panics:
//!
//! - Part 1: an operation whose future is dropped before it returns (a `timeout` around
//!   it, an aborted task) changes nothing, and leaves the bank working.
//! - Part 2: once a request is in the mailbox, the actor carries it out to the end even
//!   if its caller has stopped waiting (the answer is then dropped, and that is not an
//!   error), and goes on serving everyone else.
//! - If the audit panics (a bug in it), the operation changes nothing. In part 1 the
//!   bank goes on working for the other tasks. In part 2 the actor stops, and from then
//!   on every request, the one it was handling and every later one from every handle,
//!   gets `Err(BankError::Unavailable)`: never a panic or a hang in the caller.
//!
//! ## Part 1: [`Bank`], with a lock
//!
//! `Bank` is shared by reference: the tests put it in an `Arc` and call it from many
//! spawned tasks, so its futures must be `Send`. Choose the type of its `balances`
//! field (replace the `()`), write [`Bank::new`] and the four operations.
//!
//! ## Part 2: [`BankHandle`], an actor
//!
//! The same bank and the same rules, without a lock. [`BankHandle::spawn`] starts one
//! task, the actor, that owns the balances and the audit and handles one message at a
//! time, each to the end. Every method of the handle sends the actor a message
//! carrying the operation and the sending half of a reply channel, then awaits the
//! reply. On top of the rules above:
//!
//! - **Every request gets its answer**, however many callers there are at once (a
//!   hundred thousand while the actor is busy, say: far more than any mailbox holds):
//!   when the actor's mailbox is full, wait for room; never drop a request, never leave
//!   one unanswered. [`BankError::Unavailable`] is only for an actor that has stopped.
//!   However long the actor is busy (an audit may take a day), a caller waits, for room
//!   in the mailbox and for its answer: the handle never gives up by itself (a caller
//!   who cannot wait puts a `timeout` around the call).
//! - **The mailbox is bounded**, and small: it holds at most 1024 requests (a few dozen
//!   are plenty). The wait for room is the backpressure that slows callers down to the
//!   pace of the audit; a mailbox without a bound (or a huge one) takes in any number
//!   of requests and hides the overload until memory runs out.
//! - **The actor stops by itself** once every `BankHandle` (the handle is `Clone`) has
//!   been dropped, and not before (unless its audit panics, above).
//!
//! Transferring from an account to itself, and ids out of range, are not tested: do
//! what you find reasonable (a panic for a bad id is fine).
//!
//! Hint: part 1 needs a lock whose guard can be held across an `.await`
//! (`tokio::sync::Mutex`); part 2 a bounded `tokio::sync::mpsc` channel for the
//! requests and a `tokio::sync::oneshot` channel per reply. Run `cargo workshop hint
//! 10` for more.
//!
//! Check your work with `cargo workshop check 10` (or `cargo test -p
//! shared-state-exercise`).

// The stubs below don't use their arguments or fields yet; remove this line when you
// are done.
#![allow(unused_variables, dead_code)]

use std::future::Future;

use tokio::sync::mpsc;

/// An account: the index of its balance in the `Vec` the bank was opened with.
pub type AccountId = usize;

/// Why an operation changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    /// The account holds less than the amount to take out.
    InsufficientFunds,
    /// The audit did not approve the change.
    Refused,
    /// The new balance would be more than a `u64` holds.
    Overflow,
    /// The actor has stopped, so nobody can answer (part 2 only).
    Unavailable,
}

/// The approval every change of a balance needs. The tests implement it with a fake
/// fraud check that takes time and refuses balances above a limit.
pub trait Audit: Send + Sync + 'static {
    /// Whether `account`'s balance may change from `before` to `after`.
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send;
}

/// Part 1: the bank, shared by many tasks, kept correct by a lock.
pub struct Bank<A> {
    audit: A,
    /// One balance per account. Replace `()` with the type you choose.
    balances: (),
}

impl<A: Audit> Bank<A> {
    /// Opens a bank with these balances; `balances[id]` belongs to account `id`.
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        todo!("Bank::new: put the balances behind a lock that can be held across .await")
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: AccountId) -> u64 {
        todo!("Bank::balance: read one balance under the lock")
    }

    /// Adds `amount` to `account`; returns the new balance.
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        todo!("Bank::deposit: lock, read, await the audit, write; keep the lock until the write")
    }

    /// Takes `amount` out of `account`; returns the new balance.
    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        todo!("Bank::withdraw: like deposit, and refuse to overdraw")
    }

    /// Moves `amount` from `from` to `to`, as one step.
    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        todo!(
            "Bank::transfer: both accounts under the lock, both audits approved, then both writes"
        )
    }
}

/// Part 2: the address of a bank actor. Clone it for every task that needs the bank.
#[derive(Debug, Clone)]
pub struct BankHandle {
    /// The actor's mailbox.
    mailbox: mpsc::Sender<Request>,
}

/// A message to the actor. Add a variant per operation, with the operation's arguments
/// and a `reply: tokio::sync::oneshot::Sender<…>` for its answer.
#[derive(Debug)]
enum Request {}

impl BankHandle {
    /// Spawns the actor, which owns `balances` and `audit`, and returns its address.
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        todo!(
            "BankHandle::spawn: a bounded mpsc channel, and a task that owns the balances and answers each request"
        )
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        todo!("BankHandle::balance: send a request with a oneshot sender, await the reply")
    }

    /// Adds `amount` to `account`; returns the new balance.
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        todo!("BankHandle::deposit: send a request with a oneshot sender, await the reply")
    }

    /// Takes `amount` out of `account`; returns the new balance.
    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        todo!("BankHandle::withdraw: send a request with a oneshot sender, await the reply")
    }

    /// Moves `amount` from `from` to `to`, as one step.
    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        todo!("BankHandle::transfer: send a request with a oneshot sender, await the reply")
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
