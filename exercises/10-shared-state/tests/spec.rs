//! The specification for exercise 10. Every test runs on tokio's paused clock: the
//! audit's delay is virtual, so the whole file runs in milliseconds.
//!
//! The tests spawn many tasks on one thread. That does not make races unlikely, it
//! makes them certain: every task runs until its first `.await` that has to wait (the
//! audit), so all of them have read their balance before any of them writes. Code that
//! lets other operations in between its read and its write fails here every time.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use shared_state::{AccountId, Audit, Bank, BankError, BankHandle};
use testkit::{Gauge, ms, tasks_alive, within};
use tokio::task::JoinSet;
use tokio::time::sleep;

/// How long the fake audit takes to decide.
const AUDIT_TIME: Duration = ms(10);
/// The fake audit refuses any balance above this.
const LIMIT: u64 = 10_000;
/// Long enough for anything the tests do, in virtual time; a hang fails at once.
const WATCHDOG: Duration = ms(3_600_000);

/// A fake remote fraud check: takes `AUDIT_TIME`, refuses balances above `LIMIT`, and
/// counts how many checks are in progress at once.
#[derive(Debug, Clone, Default)]
struct FraudCheck {
    checking: Gauge,
}

impl Audit for FraudCheck {
    fn approve(
        &self,
        _account: AccountId,
        _before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send {
        let checking = self.checking.clone();
        async move {
            let _in_progress = checking.enter();
            sleep(AUDIT_TIME).await;
            after <= LIMIT
        }
    }
}

/// What the tests need of a bank, so that each scenario runs against both parts: the
/// `Bank` behind a lock, and the actor's `BankHandle`.
trait Teller: Clone + Send + Sync + 'static {
    /// How the failure messages name this part.
    const PART: &str;
    /// What to reach for when an update is lost.
    const KEEP_IT_ONE_STEP: &str;

    fn open(balances: Vec<u64>, audit: FraudCheck) -> Self;
    fn balance(&self, account: AccountId) -> impl Future<Output = Result<u64, BankError>> + Send;
    fn deposit(
        &self,
        account: AccountId,
        amount: u64,
    ) -> impl Future<Output = Result<u64, BankError>> + Send;
    fn withdraw(
        &self,
        account: AccountId,
        amount: u64,
    ) -> impl Future<Output = Result<u64, BankError>> + Send;
    fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> impl Future<Output = Result<(), BankError>> + Send;
}

impl Teller for Arc<Bank<FraudCheck>> {
    const PART: &str = "Bank (part 1)";
    const KEEP_IT_ONE_STEP: &str = "Take the lock before reading and keep the guard until \
        after the write, across the audit's `.await`. A `tokio::sync::Mutex` guard may be \
        held across `.await`; taking the lock twice (once to read, once to write) leaves \
        the gap open.";

    fn open(balances: Vec<u64>, audit: FraudCheck) -> Self {
        Arc::new(Bank::new(balances, audit))
    }
    async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        Ok(Bank::balance(self, account).await)
    }
    async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        Bank::deposit(self, account, amount).await
    }
    async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        Bank::withdraw(self, account, amount).await
    }
    async fn transfer(&self, from: AccountId, to: AccountId, amount: u64) -> Result<(), BankError> {
        Bank::transfer(self, from, to, amount).await
    }
}

impl Teller for BankHandle {
    const PART: &str = "BankHandle (part 2, the actor)";
    const KEEP_IT_ONE_STEP: &str = "An actor is correct because it handles one message at a \
        time, to the end: await the audit inside the actor's loop, and don't spawn a task \
        per message (that brings the race back).";

    fn open(balances: Vec<u64>, audit: FraudCheck) -> Self {
        BankHandle::spawn(balances, audit)
    }
    async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        BankHandle::balance(self, account).await
    }
    async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        BankHandle::deposit(self, account, amount).await
    }
    async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        BankHandle::withdraw(self, account, amount).await
    }
    async fn transfer(&self, from: AccountId, to: AccountId, amount: u64) -> Result<(), BankError> {
        BankHandle::transfer(self, from, to, amount).await
    }
}

/// Runs `operation(bank, i)` for every `i` in `0..count`, each in its own task, all at
/// once; returns the results in the order of `i`.
async fn all_at_once<T, F, Fut, R>(bank: &T, count: usize, what: &str, operation: F) -> Vec<R>
where
    T: Teller,
    F: Fn(T, usize) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let mut tasks = JoinSet::new();
    for i in 0..count {
        let task = operation(bank.clone(), i);
        tasks.spawn(async move { (i, task.await) });
    }
    let mut results = within(WATCHDOG, what, tasks.join_all()).await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

async fn balance_of<T: Teller>(bank: &T, account: AccountId) -> u64 {
    let balance = within(WATCHDOG, "balance", bank.balance(account)).await;
    balance.unwrap_or_else(|error| {
        panic!(
            "{}: balance({account}) returned Err({error:?}), but it cannot fail.{}",
            T::PART,
            unavailable(error)
        )
    })
}

/// The lesson of an unexpected `Unavailable`, if that is what `error` is.
fn unavailable(error: BankError) -> &'static str {
    if error == BankError::Unavailable {
        " `Unavailable` while the actor is running means a request was lost: either it \
         was never delivered (`try_send` drops it when the mailbox is full; `send(…).await` \
         waits for room), or the actor dropped its reply sender without answering."
    } else {
        ""
    }
}

/// The lesson of an unexpected `Unavailable` in `result`, if that is what it holds.
fn if_unavailable<R>(result: &Result<R, BankError>) -> &'static str {
    match result {
        Err(error) => unavailable(*error),
        Ok(_) => "",
    }
}

/// Checks that every result is `Ok`, explaining the first that is not.
fn all_ok<R: std::fmt::Debug>(part: &str, what: &str, results: &[Result<R, BankError>]) {
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    if let Some(&&error) = failed.first() {
        panic!(
            "{part}: {} of {} {what} failed, the first with Err({error:?}); all of them \
             should have succeeded.{}",
            failed.len(),
            results.len(),
            unavailable(error)
        );
    }
}

/// The first lines of every lost-update message: what overlapping audits mean.
fn overlapping(audit: &FraudCheck) -> String {
    let max = audit.checking.max();
    if max > 1 {
        format!(
            "Up to {max} audits were in progress at the same time: each operation read \
             its balance, then awaited the audit while the others read the *same* old \
             balance, then wrote its result over theirs. That is a read–await–write lost \
             update."
        )
    } else {
        "The audits never overlapped, yet updates were lost: some write used a balance \
         read before another operation's write."
            .to_owned()
    }
}

async fn deposits_are_never_lost<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![0, 0], audit.clone());
    let results = all_at_once(&bank, 50, "50 concurrent deposits", |bank, _| async move {
        bank.deposit(0, 10).await
    })
    .await;
    all_ok(T::PART, "deposits of 10", &results);
    let balance = balance_of(&bank, 0).await;

    assert!(
        balance == 500,
        "{}: 50 concurrent deposits of 10 into an empty account left it at {balance}, not \
         500: {} deposits were lost.\n{}\n{}",
        T::PART,
        (500 - balance.min(500)) / 10,
        overlapping(&audit),
        T::KEEP_IT_ONE_STEP
    );
    let mut written: Vec<u64> = results.into_iter().flatten().collect();
    written.sort_unstable();
    let expected: Vec<u64> = (1..=50).map(|n| n * 10).collect();
    assert_eq!(
        written,
        expected,
        "{}: each deposit returns the balance it wrote; one after another, they wrote 10, \
         20, … 500",
        T::PART
    );
    assert_eq!(balance_of(&bank, 1).await, 0, "account 1 was not touched");
}

async fn withdrawals_never_overdraw<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![100], audit.clone());
    let results = all_at_once(
        &bank,
        10,
        "10 concurrent withdrawals",
        |bank, _| async move { bank.withdraw(0, 30).await },
    )
    .await;
    let balance = balance_of(&bank, 0).await;
    let paid = results.iter().filter(|r| r.is_ok()).count();

    assert!(
        paid == 3 && balance == 10,
        "{}: 10 concurrent withdrawals of 30 from a balance of 100: {paid} succeeded \
         ({} paid out) and the balance is now {balance}. Only 3 can succeed, leaving 10; \
         the other 7 must fail with InsufficientFunds.\n{}\n{}\nResults: {results:?}",
        T::PART,
        paid * 30,
        overlapping(&audit),
        T::KEEP_IT_ONE_STEP
    );
    for result in &results {
        if let Err(error) = result {
            assert_eq!(
                *error,
                BankError::InsufficientFunds,
                "{}: a withdrawal the balance cannot cover fails with InsufficientFunds.{}",
                T::PART,
                unavailable(*error)
            );
        }
    }
}

/// 120 transfers among 4 accounts of 1000, in every direction at once. None can fail
/// (no account pays out more than 210), so the end balances do not depend on order.
fn transfers() -> Vec<(AccountId, AccountId, u64)> {
    (0..120)
        .map(|i| {
            let from = i % 4;
            let to = (from + 1 + (i / 4) % 3) % 4;
            (from, to, 1 + i as u64 % 7)
        })
        .collect()
}

async fn transfers_conserve_money<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![1000; 4], audit.clone());
    let mut expected = vec![1000u64; 4];
    for &(from, to, amount) in &transfers() {
        expected[from] -= amount;
        expected[to] += amount;
    }

    let mut tasks = JoinSet::new();
    for (from, to, amount) in transfers() {
        let bank = bank.clone();
        tasks.spawn(async move { bank.transfer(from, to, amount).await });
    }
    let Ok(results) = tokio::time::timeout(WATCHDOG, tasks.join_all()).await else {
        panic!(
            "{}: 120 concurrent transfers never finished (an hour of virtual time). Some \
             were waiting for each other: a transfer from 0 to 1 holding account 0's lock \
             while it waits for account 1's, and one from 1 to 0 holding 1 and waiting for \
             0, wait forever (a deadlock). Lock the whole bank as one, or always lock the \
             lower account id first.",
            T::PART
        );
    };
    all_ok(T::PART, "transfers", &results);
    let mut balances = Vec::new();
    for account in 0..4 {
        balances.push(balance_of(&bank, account).await);
    }

    let total: u64 = balances.iter().sum();
    assert!(
        balances == expected,
        "{}: after 120 concurrent transfers the balances are {balances:?} (total {total}); \
         they should be {expected:?} (total 4000). {}\n{}\n{}",
        T::PART,
        if total == 4000 {
            "The total is right, but money went to the wrong places."
        } else {
            "Money was created or destroyed: a transfer must move it as one step."
        },
        overlapping(&audit),
        T::KEEP_IT_ONE_STEP
    );
}

async fn refusals_change_nothing<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![9_990, 500], audit);

    // A deposit the audit refuses (10 010 > 10 000); while it is being audited, read.
    let depositing = bank.clone();
    let refused = tokio::spawn(async move { depositing.deposit(0, 20).await });
    sleep(AUDIT_TIME / 2).await;
    let during = balance_of(&bank, 0).await;
    assert_eq!(
        during,
        9_990,
        "{}: while the audit was still deciding on a deposit of 20 into 9990 (it refuses \
         it), balance(0) returned {during}: the new balance was written before the audit \
         approved it. Await the audit first, write after.",
        T::PART
    );
    let refused = within(WATCHDOG, "a refused deposit", refused).await;
    let refused = refused.expect("the deposit task panicked");
    assert_eq!(
        refused,
        Err(BankError::Refused),
        "{}: the audit refuses a balance of 10010 (above 10000); the deposit must fail.{}",
        T::PART,
        if_unavailable(&refused)
    );

    let transfer = within(WATCHDOG, "a refused transfer", bank.transfer(1, 0, 20)).await;
    assert_eq!(
        transfer,
        Err(BankError::Refused),
        "{}: a transfer of 20 from 500 into 9990 would make 10010, which the audit \
         refuses.{}",
        T::PART,
        if_unavailable(&transfer)
    );
    let after_transfer = [balance_of(&bank, 0).await, balance_of(&bank, 1).await];
    assert!(
        after_transfer == [9_990, 500],
        "{}: a transfer of 20 from account 1 (500) into account 0 (9990) was refused, yet \
         the balances went from [9990, 500] to {after_transfer:?}. {}",
        T::PART,
        if after_transfer == [9_990, 480] {
            "The 20 left account 1 and arrived nowhere: the paying side was written before \
             the receiving side was refused. A withdrawal followed by a deposit is two \
             steps, each correct on its own, and not one transfer: read both balances, get \
             both approvals, and only then write both."
        } else {
            "A refused transfer writes neither side."
        }
    );
    let withdraw = within(WATCHDOG, "an overdraft", bank.withdraw(1, 600)).await;
    assert_eq!(
        withdraw,
        Err(BankError::InsufficientFunds),
        "{}: withdrawing 600 from 500 must fail with InsufficientFunds.{}",
        T::PART,
        if_unavailable(&withdraw)
    );
    let overdraft = within(WATCHDOG, "a transfer overdraft", bank.transfer(1, 0, 600)).await;
    assert_eq!(
        overdraft,
        Err(BankError::InsufficientFunds),
        "{}: transferring 600 out of 500 must fail with InsufficientFunds.{}",
        T::PART,
        if_unavailable(&overdraft)
    );
    let balances = [balance_of(&bank, 0).await, balance_of(&bank, 1).await];
    assert_eq!(
        balances,
        [9_990, 500],
        "{}: refused and failed operations must leave every balance as it was",
        T::PART
    );

    let allowed = within(WATCHDOG, "an approved deposit", bank.deposit(0, 10)).await;
    assert_eq!(
        allowed,
        Ok(10_000),
        "{}: a deposit up to exactly the limit (10000) is approved.{}",
        T::PART,
        if_unavailable(&allowed)
    );
}

// ---- Part 1: Bank, with a lock ----

type LockedBank = Arc<Bank<FraudCheck>>;

#[tokio::test(start_paused = true)]
async fn bank_loses_no_deposit() {
    deposits_are_never_lost::<LockedBank>().await;
}

#[tokio::test(start_paused = true)]
async fn bank_never_overdraws() {
    withdrawals_never_overdraw::<LockedBank>().await;
}

#[tokio::test(start_paused = true)]
async fn bank_transfers_conserve_money() {
    transfers_conserve_money::<LockedBank>().await;
}

#[tokio::test(start_paused = true)]
async fn bank_refusals_change_nothing() {
    refusals_change_nothing::<LockedBank>().await;
}

// ---- Part 2: BankHandle, an actor ----

#[tokio::test(start_paused = true)]
async fn actor_loses_no_deposit() {
    deposits_are_never_lost::<BankHandle>().await;
}

#[tokio::test(start_paused = true)]
async fn actor_never_overdraws() {
    withdrawals_never_overdraw::<BankHandle>().await;
}

#[tokio::test(start_paused = true)]
async fn actor_transfers_conserve_money() {
    transfers_conserve_money::<BankHandle>().await;
}

#[tokio::test(start_paused = true)]
async fn actor_refusals_change_nothing() {
    refusals_change_nothing::<BankHandle>().await;
}

#[tokio::test(start_paused = true)]
async fn actor_answers_every_request() {
    let bank = BankHandle::spawn(vec![1000; 4], FraudCheck::default());
    // 300 requests at once, far more than a mailbox holds: deposits, withdrawals that
    // cannot be covered, and balance reads.
    let results = all_at_once(
        &bank,
        300,
        "300 concurrent requests",
        |bank, i| async move {
            let account = i % 4;
            match i % 3 {
                0 => ("deposit", bank.deposit(account, 1).await.map(drop)),
                1 => ("withdraw", bank.withdraw(account, 5000).await.map(drop)),
                _ => ("balance", bank.balance(account).await.map(drop)),
            }
        },
    )
    .await;

    let lost = |kind: &str| {
        let of_kind = results.iter().filter(|(k, _)| *k == kind);
        of_kind
            .filter(|(_, r)| *r == Err(BankError::Unavailable))
            .count()
    };
    let (deposits, withdrawals, balances) = (lost("deposit"), lost("withdraw"), lost("balance"));
    let why = if deposits + balances == 0 {
        "Only withdrawals went unanswered, and every one of them was refused for \
         insufficient funds: the actor drops the reply sender on that path instead of \
         sending the error back. Answer every request, on every path."
    } else {
        "Requests of every kind went unanswered: the handle dropped requests it could \
         not deliver at once. `try_send` fails when the mailbox is full; `send(…).await` \
         waits for room, so the caller slows down instead of losing its request."
    };
    assert!(
        deposits + withdrawals + balances == 0,
        "{} of 300 concurrent requests came back Err(Unavailable) although the actor was \
         running ({deposits} deposits, {withdrawals} withdrawals, {balances} balance \
         reads). {why}",
        deposits + withdrawals + balances,
    );
    for (kind, result) in &results {
        let expected = if *kind == "withdraw" {
            Err(BankError::InsufficientFunds)
        } else {
            Ok(())
        };
        assert_eq!(*result, expected, "the answer to a {kind} request");
    }
    for account in 0..4 {
        let balance = balance_of(&bank, account).await;
        assert!(
            balance == 1025,
            "{}: 25 concurrent deposits of 1 into account {account} (1000) left it at \
             {balance}, not 1025. {}",
            BankHandle::PART,
            BankHandle::KEEP_IT_ONE_STEP
        );
    }
}

#[tokio::test(start_paused = true)]
async fn actor_stops_when_the_last_handle_is_dropped() {
    let before = tasks_alive();
    let bank = BankHandle::spawn(vec![100], FraudCheck::default());
    let other = bank.clone();
    assert_eq!(
        tasks_alive(),
        before + 1,
        "BankHandle::spawn should start one task, the actor, and leave it running"
    );
    within(WATCHDOG, "a deposit", bank.deposit(0, 1))
        .await
        .unwrap();

    drop(bank);
    sleep(ms(1)).await;
    assert_eq!(
        tasks_alive(),
        before + 1,
        "the actor stopped while a clone of its handle was still alive: it must run as \
         long as anyone can send it a request"
    );
    let balance = within(WATCHDOG, "balance", other.balance(0)).await;
    assert_eq!(balance, Ok(101), "the remaining handle still works");

    drop(other);
    sleep(ms(1)).await;
    assert_eq!(
        tasks_alive(),
        before,
        "every handle is dropped, yet the actor task is still alive. When the last \
         `mpsc::Sender` is dropped, `recv()` returns `None`: end the actor's loop there \
         (`while let Some(request) = mailbox.recv().await`), and don't keep a sender \
         inside the actor itself"
    );
}
