//! Mistake: a transfer made of a withdrawal and then a deposit.
//!
//! It is tempting because both already exist and each one is correct: it holds the
//! lock from its read to its write, audit included, so no update is lost and money is
//! conserved when everything is approved. But the lock is let go between the two, so
//! the transfer is two steps, not one: the money is out of one account before the
//! other has been approved, and when the deposit is refused it is gone. Atomic parts
//! do not make an atomic whole. (Part 2, the actor, is right here.)

use std::future::Future;

use tokio::sync::{Mutex, mpsc, oneshot};

pub type AccountId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    InsufficientFunds,
    Refused,
    Unavailable,
}

pub trait Audit: Send + Sync + 'static {
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send;
}

#[derive(Debug)]
struct Ledger {
    balances: Vec<u64>,
}

impl Ledger {
    async fn deposit(
        &mut self,
        audit: &impl Audit,
        account: AccountId,
        amount: u64,
    ) -> Result<u64, BankError> {
        let before = self.balances[account];
        let after = before + amount;
        if !audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.balances[account] = after;
        Ok(after)
    }

    async fn withdraw(
        &mut self,
        audit: &impl Audit,
        account: AccountId,
        amount: u64,
    ) -> Result<u64, BankError> {
        let before = self.balances[account];
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        if !audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.balances[account] = after;
        Ok(after)
    }

    async fn transfer(
        &mut self,
        audit: &impl Audit,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        if from == to {
            // Nothing moves; still refuse what the account could not pay.
            return match self.balances[from] >= amount {
                true => Ok(()),
                false => Err(BankError::InsufficientFunds),
            };
        }
        let (from_before, to_before) = (self.balances[from], self.balances[to]);
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before + amount;
        // The two checks are independent: run them at the same time.
        let (from_ok, to_ok) = tokio::join!(
            audit.approve(from, from_before, from_after),
            audit.approve(to, to_before, to_after),
        );
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        self.balances[from] = from_after;
        self.balances[to] = to_after;
        Ok(())
    }
}

pub struct Bank<A> {
    audit: A,
    ledger: Mutex<Ledger>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        Self {
            audit,
            ledger: Mutex::new(Ledger { balances }),
        }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        // Waits for an operation in its audit to finish: a reader never sees a balance
        // that the audit has not approved yet.
        self.ledger.lock().await.balances[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        // The guard lives until the end of the statement, so the read, the audit and
        // the write happen as one. Cancelling this future during the audit drops the
        // guard before anything was written: the operation simply did not happen.
        let mut ledger = self.ledger.lock().await;
        ledger.deposit(&self.audit, account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        ledger.withdraw(&self.audit, account, amount).await
    }

    // ANCHOR: mistake
    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        // Two operations, each one atomic: but the lock is let go in between.
        self.withdraw(from, amount).await?;
        self.deposit(to, amount).await?; // refused: the withdrawal is already written
        Ok(())
    }
    // ANCHOR_END: mistake
}

const MAILBOX: usize = 16;

#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

type Reply<T> = oneshot::Sender<Result<T, BankError>>;

#[derive(Debug)]
enum Request {
    Balance {
        account: AccountId,
        reply: Reply<u64>,
    },
    Deposit {
        account: AccountId,
        amount: u64,
        reply: Reply<u64>,
    },
    Withdraw {
        account: AccountId,
        amount: u64,
        reply: Reply<u64>,
    },
    Transfer {
        from: AccountId,
        to: AccountId,
        amount: u64,
        reply: Reply<()>,
    },
}

async fn run_bank(mut ledger: Ledger, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    // `recv` yields `None` once every `BankHandle` is gone and the mailbox is empty.
    while let Some(request) = mailbox.recv().await {
        // Every arm answers, on every path. A caller that has stopped waiting
        // (dropped its receiver) makes `send` fail; the operation has happened
        // anyway, and there is nobody to tell, so the error is ignored.
        match request {
            Request::Balance { account, reply } => {
                let _ = reply.send(Ok(ledger.balances[account]));
            }
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.deposit(&audit, account, amount).await);
            }
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.withdraw(&audit, account, amount).await);
            }
            Request::Transfer {
                from,
                to,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.transfer(&audit, from, to, amount).await);
            }
        }
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(MAILBOX);
        // Detached on purpose: the actor's lifetime is tied to its handles, not to a
        // `JoinHandle`. It ends when the last handle (the last `Sender`) is dropped.
        tokio::spawn(run_bank(Ledger { balances }, audit, inbox));
        Self { mailbox }
    }

    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, BankError> {
        let (reply, answer) = oneshot::channel();
        // `send` waits while the mailbox is full: backpressure, never a dropped request.
        // It fails only if the actor is gone (the receiver was dropped).
        self.mailbox
            .send(make(reply))
            .await
            .map_err(|_| BankError::Unavailable)?;
        // Cancelling here (dropping this future) does not cancel the operation: the
        // actor already has the request and will run it; only the answer is lost.
        answer.await.map_err(|_| BankError::Unavailable)?
    }

    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        self.ask(|reply| Request::Balance { account, reply }).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ask(|reply| Request::Deposit {
            account,
            amount,
            reply,
        })
        .await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ask(|reply| Request::Withdraw {
            account,
            amount,
            reply,
        })
        .await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        self.ask(|reply| Request::Transfer {
            from,
            to,
            amount,
            reply,
        })
        .await
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
