//! Another correct way: a `tokio::sync::RwLock` for part 1, and a handle that reserves
//! room in the mailbox before it builds its request, for part 2.
//!
//! Part 1: reads share a read guard; every change holds the *write* guard from its read
//! to its write, audit included, so readers wait while an audit decides and never see a
//! balance it has not approved, and no two changes overlap. (With many readers and few
//! writers, the readers no longer wait for each other.)
//! Part 2: `Sender::reserve().await` waits for room in the mailbox and hands back a
//! permit; `permit.send` then cannot fail or wait. The request is only built once there
//! is room for it, and a closed mailbox shows up as `reserve` failing: `Unavailable`.

use std::future::Future;

use tokio::sync::{RwLock, mpsc, oneshot};

pub type AccountId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    InsufficientFunds,
    Refused,
    Overflow,
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

/// The rules, on balances that the caller has to itself for the whole call.
async fn deposit_into(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    let after = before.checked_add(amount).ok_or(BankError::Overflow)?;
    if amount > 0 && !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    balances[account] = after;
    Ok(after)
}

async fn withdraw_from(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    let after = before
        .checked_sub(amount)
        .ok_or(BankError::InsufficientFunds)?;
    if amount > 0 && !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    balances[account] = after;
    Ok(after)
}

async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    if from == to {
        return (balances[from] >= amount)
            .then_some(())
            .ok_or(BankError::InsufficientFunds);
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    let from_after = from_before
        .checked_sub(amount)
        .ok_or(BankError::InsufficientFunds)?;
    let to_after = to_before.checked_add(amount).ok_or(BankError::Overflow)?;
    if amount == 0 {
        return Ok(());
    }
    // One question after the other; once the paying side is refused, the other is not
    // asked at all.
    if !audit.approve(from, from_before, from_after).await
        || !audit.approve(to, to_before, to_after).await
    {
        return Err(BankError::Refused);
    }
    balances[from] = from_after;
    balances[to] = to_after;
    Ok(())
}

pub struct Bank<A> {
    audit: A,
    balances: RwLock<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = RwLock::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        // Waits while a change holds the write guard (in its audit).
        self.balances.read().await[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.write().await;
        deposit_into(&mut balances, &self.audit, account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.write().await;
        withdraw_from(&mut balances, &self.audit, account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.balances.write().await;
        transfer_between(&mut balances, &self.audit, from, to, amount).await
    }
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

async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        // Each answer may find nobody waiting any more: not an error for the actor.
        match request {
            Request::Balance { account, reply } => {
                let _ = reply.send(Ok(balances[account]));
            }
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(deposit_into(&mut balances, &audit, account, amount).await);
            }
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(withdraw_from(&mut balances, &audit, account, amount).await);
            }
            Request::Transfer {
                from,
                to,
                amount,
                reply,
            } => {
                let done = transfer_between(&mut balances, &audit, from, to, amount).await;
                let _ = reply.send(done);
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(16);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }

    // ANCHOR: reserve
    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, BankError> {
        // Wait for room first; only then build the request and hand it over.
        let permit = self
            .mailbox
            .reserve()
            .await
            .map_err(|_| BankError::Unavailable)?;
        let (reply, answer) = oneshot::channel();
        permit.send(make(reply));
        answer.await.map_err(|_| BankError::Unavailable)?
    }
    // ANCHOR_END: reserve

    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        self.ask(|reply| Request::Balance { account, reply }).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Deposit {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Withdraw {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let request = |reply| Request::Transfer {
            from,
            to,
            amount,
            reply,
        };
        self.ask(request).await
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
