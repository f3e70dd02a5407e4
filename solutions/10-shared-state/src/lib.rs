//! Reference solution for exercise 10: one bank, kept correct two ways. Part 1 holds a
//! `tokio::sync::Mutex` across the audit; part 2 gives the balances to a task of their
//! own and talks to it with messages.
//!
//! Both run the same rules (`deposit_into`, `withdraw_from`, `transfer_between`).
//! What differs is only *who makes sure one operation runs at a time*: the lock's guard,
//! or the actor's loop.
//!
//! The steps are called by their path from the crate root (`crate::withdraw_from(…)`,
//! `crate::ask(…)`). Each file in `mistakes/` includes this one as a module, beside its
//! own version of one step; the path then leads to that version, and everything else
//! stays as it is here.

use std::future::Future;

use tokio::sync::{Mutex, mpsc, oneshot};

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

/// The approval every change of a balance needs.
pub trait Audit: Send + Sync + 'static {
    /// Whether `account`'s balance may change from `before` to `after`.
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send;
}

// The rules, for whoever has the balances to itself.
//
// Each takes `&mut` balances across the audit's `.await`. The borrow checker then
// guarantees what the exercise asks: while one operation is suspended in its audit,
// nothing else can read or write these balances. Whoever calls a rule must hold that
// `&mut` for the whole call: the `MutexGuard` in part 1, the actor's ownership in part 2.

/// The balance once `amount` has gone in: an Overflow if a `u64` cannot hold it.
pub(crate) fn deposited(before: u64, amount: u64) -> Result<u64, BankError> {
    before.checked_add(amount).ok_or(BankError::Overflow)
}

/// The balance once `amount` has come out: InsufficientFunds if the account holds less.
pub(crate) fn withdrawn(before: u64, amount: u64) -> Result<u64, BankError> {
    before
        .checked_sub(amount)
        .ok_or(BankError::InsufficientFunds)
}

/// Sets `account` to `after`, but only once the audit has approved; returns `after`.
pub(crate) async fn change_to(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    after: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    // A change of nothing needs no approval.
    if after == before {
        return Ok(before);
    }
    // The only `.await`: dropping this future here leaves the balance as it was.
    if !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    balances[account] = after;
    Ok(after)
}

/// Deposits `amount`; writes only once the audit has approved.
pub(crate) async fn deposit_into(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    // Everything that can be decided without the audit is decided first: an impossible
    // balance is refused before anyone is asked.
    let after = crate::deposited(balances[account], amount)?;
    crate::change_to(balances, audit, account, after).await
}

/// Takes `amount` out; writes only once the audit has approved.
pub(crate) async fn withdraw_from(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let after = crate::withdrawn(balances[account], amount)?;
    crate::change_to(balances, audit, account, after).await
}

/// Moves `amount` from `from` to `to`; writes both only once both are approved.
pub(crate) async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    if from == to {
        // Nothing moves; still refuse what the account could not pay.
        return match balances[from] >= amount {
            true => Ok(()),
            false => Err(BankError::InsufficientFunds),
        };
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    // The funds first: a payer who cannot pay hears that, whatever the other holds.
    let from_after = crate::withdrawn(from_before, amount)?;
    let to_after = crate::deposited(to_before, amount)?;
    if amount == 0 {
        return Ok(());
    }
    // The two checks are independent: run them at the same time.
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

/// Part 1: the bank, shared by many tasks, kept correct by a lock.
pub struct Bank<A> {
    pub(crate) audit: A,
    /// A *tokio* mutex: every operation holds it across the audit's `.await`. A
    /// `std::sync::MutexGuard` held there would make the futures `!Send` (they could
    /// no longer be spawned), and would block the whole thread, not just the task,
    /// for anyone else who wants the lock meanwhile.
    pub(crate) balances: Mutex<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    /// Opens a bank with these balances; `balances[id]` belongs to account `id`.
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: AccountId) -> u64 {
        // Waits for an operation in its audit to finish: a reader never sees a balance
        // that the audit has not approved yet.
        self.balances.lock().await[account]
    }

    /// Adds `amount` to `account`; returns the new balance.
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        // The guard lives until the end of the method, so the read, the audit and the
        // write happen as one. Cancelling this future during the audit drops the guard
        // before anything was written: the operation simply did not happen.
        let mut balances = self.balances.lock().await;
        crate::deposit_into(&mut balances, &self.audit, account, amount).await
    }

    /// Takes `amount` out of `account`; returns the new balance.
    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.lock().await;
        crate::withdraw_from(&mut balances, &self.audit, account, amount).await
    }

    /// Moves `amount` from `from` to `to`, as one step.
    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        // One lock for the whole bank: a transfer needs no second lock, so two
        // transfers in opposite directions cannot deadlock. The price is that audits
        // of unrelated accounts wait for each other too; that is the trade-off to
        // measure before reaching for a lock per account.
        let mut balances = self.balances.lock().await;
        crate::transfer_between(&mut balances, &self.audit, from, to, amount).await
    }
}

/// How many requests wait in the actor's mailbox before senders have to wait.
pub(crate) const MAILBOX: usize = 16;

/// Part 2: the address of a bank actor. Clone it for every task that needs the bank.
#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

/// Where the actor sends one answer.
pub(crate) type Reply<T> = oneshot::Sender<Result<T, BankError>>;

/// A message to the actor: the operation, and where to send its answer.
#[derive(Debug)]
pub(crate) enum Request {
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

/// The actor: the only owner of the balances. It takes one request at a time and runs
/// it to the end, audit included, before it takes the next. That is the whole
/// synchronisation: the requests queue in the mailbox instead of at a lock.
pub(crate) async fn run_bank(
    mut balances: Vec<u64>,
    audit: impl Audit,
    mut mailbox: mpsc::Receiver<Request>,
) {
    // `recv` yields `None` once every `BankHandle` is gone and the mailbox is empty.
    // If the audit panics, this task ends with it: `mailbox` is dropped, so the reply
    // senders of every queued request are dropped too (their callers get
    // `Unavailable`), and every later `send` fails (`Unavailable` again).
    while let Some(request) = mailbox.recv().await {
        crate::serve(&mut balances, &audit, request).await;
    }
}

/// Carries out one request, and answers it: every arm answers, on every path.
pub(crate) async fn serve(balances: &mut [u64], audit: &impl Audit, request: Request) {
    match request {
        Request::Balance { account, reply } => crate::answer(reply, Ok(balances[account])),
        Request::Deposit {
            account,
            amount,
            reply,
        } => {
            let done = crate::deposit_into(balances, audit, account, amount).await;
            crate::answer(reply, done);
        }
        Request::Withdraw {
            account,
            amount,
            reply,
        } => {
            let done = crate::withdraw_from(balances, audit, account, amount).await;
            crate::answer(reply, done);
        }
        Request::Transfer {
            from,
            to,
            amount,
            reply,
        } => {
            let done = crate::transfer_between(balances, audit, from, to, amount).await;
            crate::answer(reply, done);
        }
    }
}

/// Sends one answer. A caller that has stopped waiting (dropped its receiver) makes
/// `send` fail; the operation has happened anyway, and there is nobody to tell, so the
/// error is ignored.
pub(crate) fn answer<T>(reply: Reply<T>, result: Result<T, BankError>) {
    let _ = reply.send(result);
}

/// Sends the request that `make` builds around a fresh reply channel, and waits for the
/// answer.
pub(crate) async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    // `send` waits while the mailbox is full: backpressure, never a dropped request.
    // It fails only if the actor is gone (the receiver was dropped).
    mailbox
        .send(make(reply))
        .await
        .map_err(|_| BankError::Unavailable)?;
    // Cancelling here (dropping this future) does not cancel the operation: the actor
    // already has the request and will run it; only the answer is lost.
    answer.await.map_err(|_| BankError::Unavailable)?
}

impl BankHandle {
    /// Spawns the actor, which owns `balances` and `audit`, and returns its address.
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(crate::MAILBOX);
        // Detached on purpose: the actor's lifetime is tied to its handles, not to a
        // `JoinHandle`. It ends when the last handle (the last `Sender`) is dropped.
        tokio::spawn(crate::run_bank(balances, audit, inbox));
        Self { mailbox }
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        crate::ask(&self.mailbox, |reply| Request::Balance { account, reply }).await
    }

    /// Adds `amount` to `account`; returns the new balance.
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Deposit {
            account,
            amount,
            reply,
        };
        crate::ask(&self.mailbox, request).await
    }

    /// Takes `amount` out of `account`; returns the new balance.
    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Withdraw {
            account,
            amount,
            reply,
        };
        crate::ask(&self.mailbox, request).await
    }

    /// Moves `amount` from `from` to `to`, as one step.
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
        crate::ask(&self.mailbox, request).await
    }
}
