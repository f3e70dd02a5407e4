//! The specification for exercise 10. Every test runs on tokio's paused clock: the
//! audit's delay is virtual, so the whole file runs in milliseconds.
//!
//! The tests spawn many tasks on one thread. That does not make races unlikely, it
//! makes them certain: every task runs until its first `.await` that has to wait (the
//! audit), so all of them have read their balance before any of them writes. Code that
//! lets other operations in between its read and its write fails here every time.

use std::cell::RefCell;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Once};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use shared_state::{AccountId, Audit, Bank, BankError, BankHandle};
use testkit::{Gauge, ms, panic_text, tasks_alive, within};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

/// How long the fake audit takes to decide.
const AUDIT_TIME: Duration = ms(10);
/// How long the fake audit takes about the account it is slow for: a day.
const SLOW_AUDIT: Duration = ms(24 * 3_600_000);
/// The fake audit refuses any balance above this.
const LIMIT: u64 = 10_000;
/// Long enough for anything the tests do, in virtual time; a hang fails at once.
const WATCHDOG: Duration = ms(3_600_000);

/// One question to the audit: the account, its balance before and after the change.
type Question = (AccountId, u64, u64);

/// What the fake audit says when it is broken on purpose.
const BROKEN: &str = "the fraud check crashed (on purpose, in a test)";

/// A fake remote fraud check: takes `AUDIT_TIME`, refuses balances above `LIMIT` (and
/// every change of a `frozen` account), counts how many checks are in progress at
/// once, and notes every question it is asked. With `broken` set, it panics when it
/// is asked about that account.
#[derive(Debug, Clone, Default)]
struct FraudCheck {
    checking: Gauge,
    asked: Arc<Mutex<Vec<Question>>>,
    frozen: Option<AccountId>,
    broken: Option<AccountId>,
    slow: Option<AccountId>,
}

impl FraudCheck {
    /// A fraud check that refuses every change of `account`, down as well as up.
    fn freezing(account: AccountId) -> Self {
        let frozen = Some(account);
        Self {
            frozen,
            ..Self::default()
        }
    }

    /// A fraud check that panics when it is asked about `account`.
    fn broken_for(account: AccountId) -> Self {
        let broken = Some(account);
        Self {
            broken,
            ..Self::default()
        }
    }

    /// A fraud check that takes a day ([`SLOW_AUDIT`]) to decide about `account`.
    fn slow_for(account: AccountId) -> Self {
        let slow = Some(account);
        Self {
            slow,
            ..Self::default()
        }
    }

    /// The questions asked since the last call, sorted: the order of a transfer's two
    /// questions is free.
    fn questions(&self) -> Vec<Question> {
        let mut asked = self.asked.lock().unwrap_or_else(|p| p.into_inner());
        let mut questions = std::mem::take(&mut *asked);
        questions.sort_unstable();
        questions
    }
}

impl Audit for FraudCheck {
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send {
        let (checking, asked) = (self.checking.clone(), self.asked.clone());
        let (frozen, broken) = (self.frozen, self.broken);
        let takes = match self.slow {
            Some(slow) if slow == account => SLOW_AUDIT,
            _ => AUDIT_TIME,
        };
        async move {
            asked
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((account, before, after));
            let _in_progress = checking.enter();
            sleep(takes).await;
            if broken == Some(account) {
                panic!("{BROKEN}: account {account}");
            }
            after <= LIMIT && frozen != Some(account)
        }
    }
}

thread_local! {
    /// While `Some`, the panics of this thread are collected here instead of printed.
    static HUSHED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `fut` with the panics of this thread kept out of the output, and returns its
/// output with the texts of those panics, for the test's own message to quote. (A
/// current-thread runtime runs every task on the test's thread: the actor's panics
/// are hushed too.) Nothing in `fut` may assert: its panic would be hushed as well.
async fn hushed<F: Future>(fut: F) -> (F::Output, Vec<String>) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = panic_text(info.payload()).unwrap_or("a panic without a text");
            let kept = HUSHED.with(|hushed| match hushed.borrow_mut().as_mut() {
                Some(texts) => {
                    texts.push(text.to_owned());
                    true
                }
                None => false,
            });
            if !kept {
                previous(info);
            }
        }));
    });
    HUSHED.with(|hushed| *hushed.borrow_mut() = Some(Vec::new()));
    let output = fut.await;
    let texts = HUSHED.with(|hushed| hushed.borrow_mut().take());
    (output, texts.unwrap_or_default())
}

/// How a call run by [`guarded`] ended.
#[derive(Debug)]
enum Outcome<R> {
    Returned(R),
    Panicked(String),
    Hung,
}

/// Runs `call` in a task of its own, its panics (and any others on the way, such as
/// the actor's) hushed: how it ended, and the texts of every panic meanwhile.
async fn guarded<R: Send + 'static>(
    call: impl Future<Output = R> + Send + 'static,
) -> (Outcome<R>, Vec<String>) {
    let (ended, panics) = hushed(tokio::time::timeout(WATCHDOG, tokio::spawn(call))).await;
    let outcome = match ended {
        Err(_) => Outcome::Hung,
        Ok(Ok(returned)) => Outcome::Returned(returned),
        Ok(Err(error)) if error.is_panic() => {
            let payload = error.into_panic();
            Outcome::Panicked(panic_text(&*payload).unwrap_or("?").to_owned())
        }
        Ok(Err(error)) => Outcome::Panicked(error.to_string()),
    };
    // The call's own panic is in the outcome; keep the others.
    let mut panics = panics;
    if let Outcome::Panicked(text) = &outcome
        && let Some(own) = panics.iter().position(|p| p == text)
    {
        panics.remove(own);
    }
    (outcome, panics)
}

/// " (panicked meanwhile: …)" for a failure message, if anything did.
fn meanwhile(panics: &[String]) -> String {
    if panics.is_empty() {
        String::new()
    } else {
        format!(" (panicked meanwhile: {panics:?})")
    }
}

/// How often the test's own future may be polled at one instant of virtual time. Code
/// that waits is polled about once per wake-up, a few hundred times at most; a loop
/// that never waits goes past this within a fraction of a second.
const BUSY_POLLS: u32 = 20_000;
/// The same for the crowd of 100 000 callers, whose answers wake the test about once
/// each, all at one instant.
const CROWD_POLLS: u32 = 1_000_000;
/// How long, in real time, the virtual clock may stand still while nothing but
/// `testkit::no_busy_task`'s lookout wakes the test, before the test fails as stuck behind a busy task.
const STILL_FOR: Duration = ms(500);

/// What a busy loop is, and what to await instead, for both symptoms of [`watched`].
const BUSY: &str = "it is busy-waiting (a loop around `try_lock()`, `try_send()` or \
    `try_recv()` with `yield_now()` between the tries) instead of awaiting what it waits \
    for. On the paused test clock a busy loop freezes time (tokio is never idle, so it \
    never moves the clock on, and no timeout ever fires); in production it burns a core. \
    Await the thing itself: the lock (`lock().await`), room in the mailbox \
    (`send(…).await`), the next request (`recv().await`): each wakes the task when it is \
    ready.";

/// Runs a test's body, failing it at once, with an explanation, if some code busy-waits:
/// a busy loop keeps tokio from ever being idle, so the paused clock never moves, no
/// watchdog fires, and the test would hang for real. Two symptoms are watched: the
/// body itself polled [`BUSY_POLLS`] times at one instant of virtual time (the loop is
/// in a call the test awaits), or the virtual clock standing still for [`STILL_FOR`] of
/// real time while the only wake-ups the body gets are a lookout thread's (the loop is
/// in a task: the actor, or a caller the test spawned). Code that waits meets neither:
/// while the clock stands still it is working, and the work wakes the body.
async fn watched<F: Future>(body: F) -> F::Output {
    watched_with(BUSY_POLLS, body).await
}

/// [`watched`], with a limit of its own on the polls at one instant.
async fn watched_with<F: Future>(busy_polls: u32, body: F) -> F::Output {
    let polled = move |_polls: u32, at: Duration| {
        stuck(format!(
            "The test's own call was polled over and over (more than {busy_polls} times) \
             at {at:?} of virtual time, without the clock moving: {BUSY}"
        ))
    };
    let still = |_polls: u32, at: Duration| {
        stuck(format!(
            "For {STILL_FOR:?} of real time the virtual clock stood still at {at:?} \
             while the test waited, and nothing it waits for woke it: some task never \
             stops running (the actor, or a call in a task of its own), so tokio is \
             never idle: {BUSY}"
        ))
    };
    testkit::no_spin(
        busy_polls,
        polled,
        testkit::no_busy_task(STILL_FOR, still, body),
    )
    .await
}

/// The lesson of a watch that fired, with whatever the body was hushing let through:
/// this must be seen.
fn stuck(lesson: String) -> String {
    HUSHED.with(|hushed| hushed.borrow_mut().take());
    lesson
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
         was never delivered (`try_send` drops it when the mailbox is full, `send_timeout` \
         when it stays full for too long; `send(…).await` waits for room), or the actor \
         dropped its reply sender without answering."
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

/// Checks what the audit was asked about one change it refused: `refused` exactly once,
/// and besides it at most the other side of a transfer (`other`), once.
#[track_caller]
fn asked_once_about_a_refusal(
    part: &str,
    what: &str,
    asked: &[Question],
    refused: Question,
    other: Option<Question>,
) {
    let times = |question: Question| asked.iter().filter(|&&q| q == question).count();
    let strays = asked
        .iter()
        .filter(|&&q| q != refused && Some(q) != other)
        .count();
    let other_once = other.is_none_or(|other| times(other) <= 1);
    if times(refused) == 1 && strays == 0 && other_once {
        return;
    }
    let should = match other {
        None => format!("{refused:?} once"),
        Some(other) => format!(
            "{refused:?} once (and the other side, {other:?}, once or not at all: once one \
             side is refused, asking the other is up to you)"
        ),
    };
    let lesson = match times(refused) {
        0 if asked.is_empty() => "Refused means that the audit said no to this change: ask \
              it, and refuse only what it refuses."
            .to_owned(),
        0 => "Ask about each account that changes, with its own id and its own balance \
              before and after."
            .to_owned(),
        1 => "Ask once about each account that changes, and about nothing else.".to_owned(),
        n => format!(
            "It was asked {n} times about the change it refused. A refusal is the audit's \
             answer, not a failure to retry: ask once and take no for an answer (asking \
             again until it says yes lets through exactly what it refused)."
        ),
    };
    panic!(
        "{part}: {what} was refused, as it should be; but the audit was asked {asked:?} \
         (account, before, after), where it should have been asked {should}. {lesson}"
    );
}

async fn refusals_change_nothing<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![9_990, 500], audit.clone());

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
    asked_once_about_a_refusal(
        T::PART,
        "a deposit of 20 into account 0 (9990)",
        &audit.questions(),
        (0, 9_990, 10_010),
        None,
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
    asked_once_about_a_refusal(
        T::PART,
        "a transfer of 20 from account 1 (500) into account 0 (9990)",
        &audit.questions(),
        (0, 9_990, 10_010),
        Some((1, 500, 480)),
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
    watched(async {
        deposits_are_never_lost::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_never_overdraws() {
    watched(async {
        withdrawals_never_overdraw::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_transfers_conserve_money() {
    watched(async {
        transfers_conserve_money::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_refusals_change_nothing() {
    watched(async {
        refusals_change_nothing::<LockedBank>().await;
    })
    .await;
}

// ---- Part 2: BankHandle, an actor ----

#[tokio::test(start_paused = true)]
async fn actor_loses_no_deposit() {
    watched(async {
        deposits_are_never_lost::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_never_overdraws() {
    watched(async {
        withdrawals_never_overdraw::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_transfers_conserve_money() {
    watched(async {
        transfers_conserve_money::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_refusals_change_nothing() {
    watched(async {
        refusals_change_nothing::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_answers_every_request() {
    watched(async {
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
        let (deposits, withdrawals, balances) =
            (lost("deposit"), lost("withdraw"), lost("balance"));
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
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_stops_when_the_last_handle_is_dropped() {
    watched(async {
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
        // A quiet day: nobody sends anything, and a handle is still alive.
        sleep(ms(24 * 3_600_000)).await;
        assert_eq!(
            tasks_alive(),
            before + 1,
            "the actor stopped during a day (of virtual time) with no request, while a handle \
             was still alive: it must run as long as anyone can send it a request. Waiting in \
             `recv().await` costs nothing; stop only when it returns `None` (every handle is \
             gone), never because the mailbox has been quiet for a while"
        );
        let balance = within(WATCHDOG, "balance", other.balance(0)).await;
        assert_eq!(
            balance,
            Ok(101),
            "the remaining handle still works, after a quiet day"
        );

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
    })
    .await;
}

// ---- What the audit is asked, amounts at the edges, reads during an operation ----

/// Checks one step of a sequence: its result, then exactly what the audit was asked.
#[track_caller]
fn check_step<R: PartialEq + Debug>(
    part: &str,
    what: &str,
    (got, want): (Result<R, BankError>, Result<R, BankError>),
    asked: &[Question],
    should_ask: &[Question],
) {
    assert_eq!(got, want, "{part}: {what}.{}", if_unavailable(&got));
    if asked == should_ask {
        return;
    }
    let repeated = asked
        .iter()
        .enumerate()
        .any(|(i, q)| asked[..i].contains(q));
    let lesson = if repeated && !should_ask.is_empty() {
        "It was asked the same question more than once. Ask once about each account that \
         changes, and take the answer it gives, a refusal included: a refusal is an answer, \
         not a failure to retry."
    } else if should_ask.is_empty() {
        "No balance changes here, so there is nothing to approve: decide everything you \
         can without the audit (the funds, an overflow, an amount of 0) before you ask it."
    } else if asked.len() < should_ask.len() {
        "Every account that changes needs the audit's approval: a balance that goes down \
         as much as one that goes up, and both sides of a transfer."
    } else if asked.len() == should_ask.len() {
        "Ask about the account that changes, with its own balance before and after."
    } else {
        "Ask once about each account that changes, and about nothing else."
    };
    panic!(
        "{part}: {what}, and it did; but the audit was asked {asked:?} (account, before, \
         after), where it should have been asked {should_ask:?}. {lesson}"
    );
}

async fn balances_of<T: Teller>(bank: &T, accounts: usize) -> Vec<u64> {
    let mut balances = Vec::with_capacity(accounts);
    for account in 0..accounts {
        balances.push(balance_of(bank, account).await);
    }
    balances
}

async fn the_audit_is_asked_about_each_change<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![100, 50, 0], audit.clone());
    let part = T::PART;
    let run = |what: &'static str| format!("{what} (balances 100, 50, 0 to begin with)");

    let got = within(WATCHDOG, "withdraw", bank.withdraw(0, 500)).await;
    check_step(
        part,
        &run("withdrawing 500 from account 0 (100) fails with InsufficientFunds"),
        (got, Err(BankError::InsufficientFunds)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "transfer", bank.transfer(1, 0, 60)).await;
    check_step(
        part,
        &run("transferring 60 out of account 1 (50) fails with InsufficientFunds"),
        (got, Err(BankError::InsufficientFunds)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "withdraw", bank.withdraw(0, 30)).await;
    check_step(
        part,
        &run("withdrawing 30 from account 0 (100) leaves 70"),
        (got, Ok(70)),
        &audit.questions(),
        &[(0, 100, 70)],
    );
    let got = within(WATCHDOG, "transfer", bank.transfer(0, 1, 20)).await;
    check_step(
        part,
        &run("then transferring 20 from account 0 (70) to account 1 (50) succeeds"),
        (got, Ok(())),
        &audit.questions(),
        &[(0, 70, 50), (1, 50, 70)],
    );
    let got = within(WATCHDOG, "deposit", bank.deposit(2, 5)).await;
    check_step(
        part,
        &run("depositing 5 into account 2 (0) leaves 5"),
        (got, Ok(5)),
        &audit.questions(),
        &[(2, 0, 5)],
    );
    let balances = balances_of(&bank, 3).await;
    assert_eq!(
        balances,
        [50, 70, 5],
        "{part}: after those five operations the balances should be [50, 70, 5]"
    );

    // A frozen account: the audit refuses every change of account 1, down as well as up.
    let frozen = FraudCheck::freezing(1);
    let bank = T::open(vec![100, 100], frozen.clone());
    for (what, from, to, refused, other) in [
        ("withdrawing 10 from", 1, None, (1, 100, 90), None),
        (
            "transferring 10 out of",
            1,
            Some(0),
            (1, 100, 90),
            Some((0, 100, 110)),
        ),
        (
            "transferring 10 into",
            0,
            Some(1),
            (1, 100, 110),
            Some((0, 100, 90)),
        ),
    ] {
        let got = match to {
            None => within(WATCHDOG, "withdraw", bank.withdraw(from, 10))
                .await
                .map(drop),
            Some(to) => within(WATCHDOG, "transfer", bank.transfer(from, to, 10)).await,
        };
        assert_eq!(
            got,
            Err(BankError::Refused),
            "{part}: the audit refuses every change of account 1 (frozen); {what} it must \
             fail with Refused. Every account that changes needs its approval, whichever \
             way its balance goes.{}",
            if_unavailable(&got)
        );
        asked_once_about_a_refusal(
            part,
            &format!("{what} account 1 (frozen)"),
            &frozen.questions(),
            refused,
            other,
        );
        let balances = balances_of(&bank, 2).await;
        assert_eq!(
            balances,
            [100, 100],
            "{part}: {what} account 1 (frozen) was refused, as it should be, yet the balances \
             went from [100, 100] to {balances:?}: a refused operation writes nothing, on \
             either side"
        );
    }
}

async fn zero_amounts_change_nothing<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![0, 40], audit.clone());
    let part = T::PART;
    let asks_nothing = |what: &str| format!("{what}: an amount of 0 succeeds and changes nothing");

    let got = within(WATCHDOG, "deposit", bank.deposit(0, 0)).await;
    check_step(
        part,
        &asks_nothing("deposit(0, 0) into 0 returns Ok(0)"),
        (got, Ok(0)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "withdraw", bank.withdraw(0, 0)).await;
    check_step(
        part,
        &asks_nothing("withdraw(0, 0) from 0 returns Ok(0)"),
        (got, Ok(0)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "deposit", bank.deposit(1, 0)).await;
    check_step(
        part,
        &asks_nothing(
            "deposit(1, 0) into 40 returns Ok(40), the balance as it is (not the amount, \
             nor what was added)",
        ),
        (got, Ok(40)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "withdraw", bank.withdraw(1, 0)).await;
    check_step(
        part,
        &asks_nothing("withdraw(1, 0) from 40 returns Ok(40)"),
        (got, Ok(40)),
        &audit.questions(),
        &[],
    );
    let got = within(WATCHDOG, "transfer", bank.transfer(1, 0, 0)).await;
    check_step(
        part,
        &asks_nothing("transfer(1, 0, 0) returns Ok(())"),
        (got, Ok(())),
        &audit.questions(),
        &[],
    );
    let balances = balances_of(&bank, 2).await;
    assert_eq!(balances, [0, 40], "{part}: amounts of 0 change no balance");
}

async fn the_whole_balance_can_be_taken_out<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![100, 50], audit.clone());
    let part = T::PART;

    let got = within(WATCHDOG, "withdraw", bank.withdraw(0, 100)).await;
    check_step(
        part,
        "withdrawing exactly the balance (100 from 100) is allowed and leaves 0; only \
         *more* than the balance is InsufficientFunds",
        (got, Ok(0)),
        &audit.questions(),
        &[(0, 100, 0)],
    );
    let got = within(WATCHDOG, "transfer", bank.transfer(1, 0, 50)).await;
    check_step(
        part,
        "transferring exactly the balance (50 out of account 1, which holds 50) is allowed",
        (got, Ok(())),
        &audit.questions(),
        &[(0, 0, 50), (1, 50, 0)],
    );
    let balances = balances_of(&bank, 2).await;
    assert_eq!(
        balances,
        [50, 0],
        "{part}: the balances after emptying both accounts in turn"
    );
}

/// Runs `call` on the bank (cloned into a task of its own), its panics hushed; fails
/// with a message if it panicked or hung. For a sum that may not fit.
async fn survives<T: Teller, R: Debug + Send + 'static, Fut>(
    bank: &T,
    what: &str,
    call: impl FnOnce(T) -> Fut,
) -> R
where
    Fut: Future<Output = R> + Send + 'static,
{
    let returned = "`checked_add` tells when a sum does not fit: it is `None`, never a \
        panic (nor, in a release build, a sum that wraps around to a small number).";
    let panicked = "Decide it before the audit: `checked_add` gives `None` when the sum \
        does not fit, and that is `Err(BankError::Overflow)`.";
    survives_with(bank, what, (returned, panicked), call).await
}

/// [`survives`], with the lessons to give if `call` returned but something panicked on
/// the way, or if it panicked itself.
async fn survives_with<T: Teller, R: Debug + Send + 'static, Fut>(
    bank: &T,
    what: &str,
    (if_returned, if_panicked): (&str, &str),
    call: impl FnOnce(T) -> Fut,
) -> R
where
    Fut: Future<Output = R> + Send + 'static,
{
    let (outcome, panics) = guarded(call(bank.clone())).await;
    match outcome {
        Outcome::Returned(returned) => {
            assert!(
                panics.is_empty(),
                "{}: {what} returned {returned:?}, but something panicked on the way: \
                 {panics:?}. {if_returned}",
                T::PART
            );
            returned
        }
        Outcome::Panicked(text) => panic!(
            "{}: {what} panicked in the caller: {text}{}. {if_panicked}",
            T::PART,
            meanwhile(&panics)
        ),
        Outcome::Hung => panic!("{}: {what} never returned{}", T::PART, meanwhile(&panics)),
    }
}

async fn absurd_amounts_are_insufficient_funds<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![100, 50, 0], audit.clone());
    let part = T::PART;
    let lesson = "No balance covers an amount larger than itself, however large: \
        `checked_sub` gives `None` when the amount is more than the balance, and that is \
        `Err(BankError::InsufficientFunds)`, decided before the audit. (A check done in \
        another type lets an absurd amount through: in an `i64`, `u64::MAX` is -1, and the \
        subtraction after it panics, or in a release build wraps around to a huge \
        balance.)";

    let what = "withdraw(0, u64::MAX) from a balance of 100";
    let got = survives_with(&bank, what, (lesson, lesson), |bank| async move {
        bank.withdraw(0, u64::MAX).await
    })
    .await;
    check_step(
        part,
        &format!("{what} is more than the balance: it fails with InsufficientFunds"),
        (got, Err(BankError::InsufficientFunds)),
        &audit.questions(),
        &[],
    );
    // Account 2 holds 0, so the receiving side would fit: only the paying side fails.
    let what = "transfer(1, 2, u64::MAX) out of a balance of 50 (into one of 0)";
    let got = survives_with(&bank, what, (lesson, lesson), |bank| async move {
        bank.transfer(1, 2, u64::MAX).await
    })
    .await;
    check_step(
        part,
        &format!("{what} is more than the paying side holds: it fails with InsufficientFunds"),
        (got, Err(BankError::InsufficientFunds)),
        &audit.questions(),
        &[],
    );
    let balances = balances_of(&bank, 3).await;
    assert_eq!(
        balances,
        [100, 50, 0],
        "{part}: amounts no balance covers change nothing"
    );
}

async fn overflow_is_refused<T: Teller>() {
    let audit = FraudCheck::default();
    let bank = T::open(vec![1, u64::MAX, u64::MAX - 5], audit.clone());
    let part = T::PART;

    let what = "deposit(0, u64::MAX) into a balance of 1";
    let got = survives(&bank, what, |bank| async move {
        bank.deposit(0, u64::MAX).await
    })
    .await;
    check_step(
        part,
        &format!("{what} would not fit in a u64: it fails with Overflow"),
        (got, Err(BankError::Overflow)),
        &audit.questions(),
        &[],
    );
    let what = "transfer(0, 1, 1) into an account that holds u64::MAX";
    let got = survives(
        &bank,
        what,
        |bank| async move { bank.transfer(0, 1, 1).await },
    )
    .await;
    check_step(
        part,
        &format!("{what} would not fit in a u64: it fails with Overflow"),
        (got, Err(BankError::Overflow)),
        &audit.questions(),
        &[],
    );
    // Two failures at once: account 0 cannot pay 5, and account 1 could not take it.
    let what = "transfer(0, 1, 5) out of a balance of 1 into one of u64::MAX";
    let got = survives(
        &bank,
        what,
        |bank| async move { bank.transfer(0, 1, 5).await },
    )
    .await;
    check_step(
        part,
        &format!(
            "{what} fails two ways at once: account 0 cannot cover it, and account 1 could \
             not hold it. The funds are checked first: it fails with InsufficientFunds, \
             whatever the receiving side"
        ),
        (got, Err(BankError::InsufficientFunds)),
        &audit.questions(),
        &[],
    );
    // Neither the amount nor the balance is u64::MAX, and the sum still does not fit.
    let what = "deposit(2, 10) into a balance of u64::MAX - 5";
    let got = survives(&bank, what, |bank| async move { bank.deposit(2, 10).await }).await;
    check_step(
        part,
        &format!(
            "{what} would not fit in a u64 either (it is 4 more than u64::MAX holds): it \
             fails with Overflow. Not only u64::MAX overflows; only a checked sum tells"
        ),
        (got, Err(BankError::Overflow)),
        &audit.questions(),
        &[],
    );
    // Exactly u64::MAX fits: no Overflow; the audit decides (and refuses, as ever above
    // 10000).
    let what = "deposit(2, 5) into a balance of u64::MAX - 5";
    let got = survives(&bank, what, |bank| async move { bank.deposit(2, 5).await }).await;
    check_step(
        part,
        &format!(
            "{what} makes exactly u64::MAX, which a u64 holds: that is no Overflow (only a \
             sum *more* than u64::MAX is), so the audit decides, and refuses it (above \
             10000): Err(Refused)"
        ),
        (got, Err(BankError::Refused)),
        &audit.questions(),
        &[(2, u64::MAX - 5, u64::MAX)],
    );
    let got = within(WATCHDOG, "deposit", bank.deposit(0, 1)).await;
    check_step(
        part,
        "after those deposits were refused, the bank goes on working: deposit(0, 1) into 1 \
         leaves 2",
        (got, Ok(2)),
        &audit.questions(),
        &[(0, 1, 2)],
    );
    let balances = balances_of(&bank, 3).await;
    assert_eq!(
        balances,
        [2, u64::MAX, u64::MAX - 5],
        "{part}: an overflow (and a refusal) changes nothing"
    );
}

async fn reads_wait_for_the_operation_in_progress<T: Teller>() {
    let bank = T::open(vec![100, 100], FraudCheck::default());
    let part = T::PART;
    let lesson = "A read must wait for the operation in progress on its account and return \
        what that operation leaves: take the same lock as the changes (in the actor, a read \
        queues like every other request). A read that does not wait can also, on a \
        multi-thread runtime, see a transfer half-way, between its two writes.";
    let start = Instant::now();

    let depositing = bank.clone();
    let deposit = tokio::spawn(async move {
        let done = depositing.deposit(0, 20).await;
        (done, start.elapsed())
    });
    sleep(AUDIT_TIME / 2).await;
    let read = balance_of(&bank, 0).await;
    let read_at = start.elapsed();
    let (deposited, done_at) = within(WATCHDOG, "the deposit", deposit)
        .await
        .expect("the deposit task panicked");
    assert_eq!(deposited, Ok(120), "{part}: a deposit of 20 into 100");
    assert!(
        read == 120 && read_at >= done_at,
        "{part}: balance(0), asked at 5ms, while a deposit of 20 into 100 was in its \
         audit, returned {read} at {read_at:?}; the deposit was done at {done_at:?}. The \
         read should have waited for it and returned 120. {lesson}"
    );

    let start = Instant::now();
    let transferring = bank.clone();
    let transfer = tokio::spawn(async move {
        let done = transferring.transfer(0, 1, 50).await;
        (done, start.elapsed())
    });
    sleep(AUDIT_TIME / 2).await;
    let read = balance_of(&bank, 1).await;
    let read_at = start.elapsed();
    let (transferred, done_at) = within(WATCHDOG, "the transfer", transfer)
        .await
        .expect("the transfer task panicked");
    assert_eq!(transferred, Ok(()), "{part}: a transfer of 50 out of 120");
    assert!(
        read == 150 && read_at >= done_at,
        "{part}: balance(1), asked 5ms into a transfer of 50 from account 0 (120) to \
         account 1 (100), while it was in its audits, returned {read} at {read_at:?}; the \
         transfer was done at {done_at:?}. The read should have waited for it and returned \
         150. {lesson}"
    );
    assert_eq!(
        balance_of(&bank, 0).await,
        70,
        "{part}: 120 - 50 is left in account 0"
    );
}

#[tokio::test(start_paused = true)]
async fn bank_asks_the_audit_about_each_change() {
    watched(async {
        the_audit_is_asked_about_each_change::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_asks_the_audit_about_each_change() {
    watched(async {
        the_audit_is_asked_about_each_change::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_zero_amounts_change_nothing() {
    watched(async {
        zero_amounts_change_nothing::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_zero_amounts_change_nothing() {
    watched(async {
        zero_amounts_change_nothing::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_lets_the_whole_balance_be_taken_out() {
    watched(async {
        the_whole_balance_can_be_taken_out::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_lets_the_whole_balance_be_taken_out() {
    watched(async {
        the_whole_balance_can_be_taken_out::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_refuses_an_overflow() {
    watched(async {
        overflow_is_refused::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_refuses_an_overflow() {
    watched(async {
        overflow_is_refused::<BankHandle>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_reads_wait_for_the_operation_in_progress() {
    watched(async {
        reads_wait_for_the_operation_in_progress::<LockedBank>().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_reads_wait_for_the_operation_in_progress() {
    watched(async {
        reads_wait_for_the_operation_in_progress::<BankHandle>().await;
    })
    .await;
}

// ---- Cancellation, and a panicking audit ----

/// The balances of accounts `0..accounts`, read right after `what` happened to an
/// operation (it was dropped, or its audit panicked). A read that never returns then
/// fails with what that means.
async fn balances_after<T: Teller>(bank: &T, accounts: usize, what: &str) -> Vec<u64> {
    let read = async {
        let mut balances = Vec::with_capacity(accounts);
        for account in 0..accounts {
            balances.push((account, bank.balance(account).await));
        }
        balances
    };
    let Ok(read) = tokio::time::timeout(WATCHDOG, read).await else {
        panic!(
            "{}: {what}; after that, balance() never returned (an hour of virtual time): \
             whatever that operation held to keep the others out was never given back. Hold \
             the lock as a guard, and let dropping the guard give it back: that happens on \
             every path, a dropped future and a panic included. A release at the end of the \
             operation (`acquire()` … `release()`, as in asyncio without `async with`) is \
             never reached by a future dropped at its `.await`, nor by one that panics.",
            T::PART
        );
    };
    read.into_iter()
        .map(|(account, balance)| {
            balance.unwrap_or_else(|error| {
                panic!(
                    "{}: balance({account}) returned Err({error:?}), but it cannot fail.",
                    T::PART
                )
            })
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn bank_operation_dropped_during_its_audit_changes_nothing() {
    watched(async {
        let bank: LockedBank = Teller::open(vec![0, 100], FraudCheck::default());
        let part = LockedBank::PART;
        let lesson = "Write only after the approval: a future dropped at an `.await` runs \
            nothing after it, so a balance written before the audit (to be put back if it \
            refuses) stays written.";

        let cut = tokio::time::timeout(AUDIT_TIME / 2, bank.deposit(0, 20)).await;
        assert!(
            cut.is_err(),
            "a 5ms timeout cuts a deposit whose audit takes 10ms"
        );
        let what = "a deposit of 20 into account 0 (0) was dropped during its audit (a 5ms \
            timeout around it)";
        let balances = balances_after(&bank, 2, what).await;
        assert_eq!(
            balances,
            [0, 100],
            "{part}: {what}, yet the balances are now {balances:?}. {lesson}"
        );
        let cut = tokio::time::timeout(AUDIT_TIME / 2, bank.transfer(1, 0, 30)).await;
        assert!(
            cut.is_err(),
            "a 5ms timeout cuts a transfer whose audits take 10ms"
        );
        let what = "a transfer of 30 from account 1 (100) to account 0 (0) was dropped during \
            its audits (a 5ms timeout around it)";
        let balances = balances_after(&bank, 2, what).await;
        assert_eq!(
            balances,
            [0, 100],
            "{part}: {what}, yet the balances are now {balances:?}. {lesson}"
        );

        // 15ms in, a transfer that asks its two questions one after the other is in its
        // second; one that asks both at once is done.
        let cut = tokio::time::timeout(AUDIT_TIME * 3 / 2, bank.transfer(1, 0, 30)).await;
        let what = "a transfer of 30 from account 1 (100) to account 0 (0) ran with a 15ms \
            timeout around it";
        let balances = balances_after(&bank, 2, what).await;
        let expected = match cut {
            Err(_) => {
                assert_eq!(
                    balances,
                    [0, 100],
                    "{part}: a transfer of 30 from account 1 (100) to account 0 (0) was dropped \
                     15ms in (a timeout around it), yet the balances are now {balances:?}. By \
                     then its first audit (10ms) was over and its second was not: a side written \
                     as soon as its own audit approved it stays written when the future is \
                     dropped at the second `.await` (code meant to put it back never runs). Get \
                     both approvals first, then write both sides."
                );
                [0, 100]
            }
            Ok(Ok(())) => {
                assert_eq!(
                    balances,
                    [30, 70],
                    "{part}: a transfer of 30 from account 1 (100) to account 0 (0) returned \
                     Ok(()) within 15ms, yet the balances are now {balances:?}"
                );
                [30, 70]
            }
            Ok(other) => panic!("{part}: {what}, and returned {other:?}; it can only succeed"),
        };
        let after = within(
            WATCHDOG,
            "a deposit after three cancelled ones",
            bank.deposit(0, 20),
        )
        .await;
        assert_eq!(
            after,
            Ok(expected[0] + 20),
            "{part}: after operations were dropped half-way, the bank goes on working"
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn actor_finishes_a_request_whose_caller_gave_up() {
    watched(async {
        let bank = BankHandle::spawn(vec![0], FraudCheck::default());
        let part = BankHandle::PART;
        let (cut, mut panics) =
            hushed(tokio::time::timeout(AUDIT_TIME / 2, bank.deposit(0, 20))).await;
        assert!(
            cut.is_err(),
            "a 5ms timeout cuts a deposit whose audit takes 10ms"
        );
        let (after, later) = hushed(tokio::time::timeout(WATCHDOG, bank.balance(0))).await;
        panics.extend(later);
        let after = after.unwrap_or_else(|_| {
            panic!(
                "{part}: after a caller gave up, balance(0) never returned{}",
                meanwhile(&panics)
            )
        });
        assert!(
            after != Err(BankError::Unavailable),
            "{part}: a caller gave up on its deposit (a 5ms timeout), and then the actor had \
             stopped: balance(0) returned Err(Unavailable){}. Sending the answer to a caller \
             that stopped waiting fails, and that is not an error for the actor: it has \
             nobody to tell, so `let _ = reply.send(…)`, and on to the next request.",
            meanwhile(&panics)
        );
        assert_eq!(
            after,
            Ok(20),
            "{part}: the deposit of 20 was in its audit when its caller gave up: the actor \
             carries it out anyway (only the answer is lost), so account 0 holds 20"
        );
        let next = within(WATCHDOG, "a deposit", bank.deposit(0, 1)).await;
        assert_eq!(
            next,
            Ok(21),
            "{part}: and the actor goes on serving everyone"
        );

        // Now a caller that gives up while its request still waits in the mailbox, behind
        // one in its audit.
        let busy = bank.clone();
        let first = tokio::spawn(async move { busy.deposit(0, 100).await });
        sleep(ms(1)).await;
        let cut = tokio::time::timeout(AUDIT_TIME / 2, bank.deposit(0, 300)).await;
        assert!(
            cut.is_err(),
            "a 5ms timeout cuts a deposit queued behind one whose audit takes 10ms"
        );
        let first = within(WATCHDOG, "a deposit", first).await;
        assert_eq!(
            first.expect("the deposit task panicked"),
            Ok(121),
            "{part}: a deposit of 100 into 21"
        );
        let after = within(WATCHDOG, "balance", bank.balance(0)).await;
        let skipped = if after == Ok(121) {
            " The deposit of 300 was skipped. Once a request is in the mailbox, the actor \
             carries it out whether its caller still waits or not: a caller that stops \
             waiting has given up on the answer, not on the deposit (and cannot tell whether \
             it happened). Don't skip a request because its reply channel is closed."
        } else {
            ""
        };
        assert_eq!(
            after,
            Ok(421),
            "{part}: a deposit of 300 was still waiting in the mailbox, behind a deposit of 100 \
             in its audit, when its caller gave up (a 5ms timeout); then balance(0) returned \
             {after:?}, where 21 + 100 + 300 is 421.{skipped}"
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_survives_a_panicking_audit() {
    watched(async {
        let audit = FraudCheck::broken_for(2);
        let bank: LockedBank = Teller::open(vec![10, 10, 10], audit.clone());
        let part = LockedBank::PART;
        let deposit = "Write only after the approval: nothing after an `.await` that panics runs.";
        let transfer = "A transfer writes neither side until both are approved: a side written \
            as soon as its own audit approved it stays written when the other side's audit \
            panics (nothing after that `.await` runs, a put-back included).";
        // The audit panics whenever it is asked about account 2: a deposit into it, and a
        // transfer into it or out of it, whichever side it asks about first.
        for (what, from, to, lesson) in [
            ("a deposit of 5 into account 2 (10)", None, 2, deposit),
            (
                "a transfer of 5 into account 2 (10) from account 0 (10)",
                Some(0),
                2,
                transfer,
            ),
            (
                "a transfer of 5 out of account 2 (10) into account 1 (10)",
                Some(2),
                1,
                transfer,
            ),
        ] {
            let calling = bank.clone();
            let (outcome, panics) = guarded(async move {
                match from {
                    None => calling.deposit(to, 5).await.map(drop),
                    Some(from) => calling.transfer(from, to, 5).await,
                }
            })
            .await;
            assert!(
                !matches!(outcome, Outcome::Hung),
                "{part}: the audit panicked during {what} and the operation never ended{}",
                meanwhile(&panics)
            );
            let asked = audit.questions();
            let ended = match &outcome {
                Outcome::Returned(returned) => format!("returned {returned:?}"),
                Outcome::Panicked(text) => format!("panicked ({text})"),
                Outcome::Hung => unreachable!("checked above"),
            };
            assert!(
                asked.iter().any(|&(account, _, _)| account == 2),
                "{part}: {what} {ended}, and the audit was asked {asked:?} (account, before, \
                 after), never about account 2 (whose audit panics, in this test). Every account \
                 that changes needs the audit's approval, both sides of a transfer."
            );
            let what = format!("the audit panicked during {what}");
            let balances = balances_after(&bank, 3, &what).await;
            assert_eq!(
                balances,
                [10, 10, 10],
                "{part}: {what}, yet the balances are now {balances:?}. {lesson}"
            );
        }
        let after = within(WATCHDOG, "a deposit after the panic", bank.deposit(0, 1)).await;
        assert_eq!(
            after,
            Ok(11),
            "{part}: after one operation's audit panicked, the bank goes on working for others"
        );
    })
    .await;
}

/// What to do with a request that has nothing to do, for [`expect_unavailable`].
const SEND_IT_ANYWAY: &str = " Only the actor knows whether it is still there: send every \
    request, even one with nothing to do (an amount of 0), and let the actor answer it. A \
    handle that answers it by itself answers for an actor that has stopped.";

/// Fails unless a call to an actor that has stopped returned `Err(Unavailable)`;
/// `nothing_to_do` is added to the message if it returned something else.
fn expect_unavailable<R: Debug>(
    what: &str,
    outcome: Outcome<Result<R, BankError>>,
    seen: &[String],
    nothing_to_do: &str,
) {
    let part = BankHandle::PART;
    match outcome {
        Outcome::Returned(Err(BankError::Unavailable)) => {}
        Outcome::Returned(other) => panic!(
            "{part}: {what} returned {other:?}; the audit panicked inside the actor, which \
             then stops: every request from then on gets Err(Unavailable){}.{nothing_to_do}",
            meanwhile(seen)
        ),
        Outcome::Panicked(text) => panic!(
            "{part}: {what} panicked in the caller ({text}){}, once the actor had stopped. \
             A `send` that fails, or a reply channel that closes without an answer, means \
             the actor is gone: turn both into Err(BankError::Unavailable), never `unwrap` \
             them.",
            meanwhile(seen)
        ),
        Outcome::Hung => panic!(
            "{part}: {what} never returned{}: a caller of an actor that has stopped waited \
             forever. Once the actor is gone its channels close; the caller must see that \
             and return Err(Unavailable).",
            meanwhile(seen)
        ),
    }
}

#[tokio::test(start_paused = true)]
async fn actor_that_has_stopped_answers_unavailable() {
    watched(async {
        let bank = BankHandle::spawn(vec![10, 10, 10], FraudCheck::broken_for(2));
        let (other, mut seen) = (bank.clone(), Vec::new());

        let asking = bank.clone();
        let (outcome, panics) = guarded(async move { asking.deposit(2, 5).await }).await;
        seen.extend(panics);
        expect_unavailable(
            "deposit(2, 5), whose audit panicked in the actor,",
            outcome,
            &seen,
            "",
        );

        let (outcome, panics) = guarded(async move { other.balance(0).await }).await;
        seen.extend(panics);
        expect_unavailable(
            "then balance(0), from a clone of the handle,",
            outcome,
            &seen,
            "",
        );

        let asking = bank.clone();
        let (outcome, panics) = guarded(async move { asking.deposit(0, 1).await }).await;
        seen.extend(panics);
        expect_unavailable("then deposit(0, 1)", outcome, &seen, "");

        let asking = bank.clone();
        let (outcome, panics) = guarded(async move { asking.transfer(0, 1, 0).await }).await;
        seen.extend(panics);
        expect_unavailable("then transfer(0, 1, 0)", outcome, &seen, SEND_IT_ANYWAY);

        let (outcome, panics) = guarded(async move { bank.withdraw(1, 0).await }).await;
        seen.extend(panics);
        expect_unavailable("then withdraw(1, 0)", outcome, &seen, SEND_IT_ANYWAY);
    })
    .await;
}

/// How many callers come to a busy actor at once: far more than any mailbox holds.
const CROWD: usize = 100_000;

/// Polls `call` once, with a waker that does nothing: its output if it is ready at once.
/// (Cheaper than a task per call: a crowd of them costs no more than their requests.)
fn ready_at_once<F: Future>(call: &mut Pin<Box<F>>) -> Option<F::Output> {
    let mut cx = Context::from_waker(Waker::noop());
    match call.as_mut().poll(&mut cx) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

#[tokio::test(start_paused = true)]
async fn actor_keeps_a_crowd_waiting_while_it_is_busy() {
    watched_with(CROWD_POLLS, async {
        let bank = BankHandle::spawn(vec![7, 0], FraudCheck::default());
        let part = BankHandle::PART;
        // Keep the actor busy: a deposit in its audit, from 0 to 10ms.
        let depositing = bank.clone();
        let busy = tokio::spawn(async move { depositing.deposit(1, 1).await });
        sleep(ms(1)).await;

        // A crowd of callers at once, each of them as far as it can get before the actor is
        // done with the deposit: none of them can have an answer yet.
        let mut crowd: Vec<_> = (0..CROWD).map(|_| Box::pin(bank.balance(0))).collect();
        let mut early = Vec::new();
        crowd.retain_mut(|call| match ready_at_once(call) {
            Some(returned) => {
                early.push(returned);
                false
            }
            None => true,
        });
        let gave_up = early
            .iter()
            .filter(|r| **r == Err(BankError::Unavailable))
            .count();
        assert!(
            gave_up == 0,
            "{part}: while the actor was busy (a deposit in its 10ms audit), 100 000 callers \
             asked for balance(0) at once, and {gave_up} of them did not wait: they returned \
             Err(Unavailable) at once, with the actor running. A busy actor's mailbox fills \
             up, whatever its size; a caller that finds it full must wait for room \
             (`send(…).await`, or `reserve().await`), not give up (`try_send` fails at once \
             when the mailbox is full: a bigger mailbox only takes a bigger crowd to show it)."
        );

        // Then every one of them gets its answer, in turn.
        let answers = async {
            let mut answers = early;
            for call in crowd {
                answers.push(call.await);
            }
            answers
        };
        let answers = within(WATCHDOG, "a crowd of balance reads", answers).await;
        let lost = answers
            .iter()
            .filter(|r| **r == Err(BankError::Unavailable))
            .count();
        assert_eq!(
            lost,
            0,
            "{part}: {lost} of 100 000 balance reads, made while the actor was busy, came back \
             Err(Unavailable) although the actor was running.{}",
            unavailable(BankError::Unavailable)
        );
        assert!(
            answers.iter().all(|r| *r == Ok(7)),
            "{part}: every read returns 7"
        );
        let busy = within(WATCHDOG, "the deposit", busy).await;
        assert_eq!(
            busy.expect("the deposit task panicked"),
            Ok(1),
            "{part}: the deposit that kept the actor busy"
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn bank_refuses_amounts_no_balance_covers() {
    watched(absurd_amounts_are_insufficient_funds::<LockedBank>()).await;
}

#[tokio::test(start_paused = true)]
async fn actor_refuses_amounts_no_balance_covers() {
    watched(absurd_amounts_are_insufficient_funds::<BankHandle>()).await;
}

/// How many callers come while the actor is busy for a day: more than a mailbox holds.
const QUEUE: usize = 200;

#[tokio::test(start_paused = true)]
async fn actor_callers_wait_however_long_it_is_busy() {
    watched(async {
        let bank = BankHandle::spawn(vec![0, 7], FraudCheck::slow_for(0));
        let part = BankHandle::PART;
        let start = Instant::now();
        // The actor is busy for a day: a deposit whose audit takes that long.
        let depositing = bank.clone();
        let busy = tokio::spawn(async move { (depositing.deposit(0, 5).await, start.elapsed()) });
        sleep(ms(1)).await;
        // Callers come meanwhile, more than the mailbox holds.
        let mut callers = JoinSet::new();
        for _ in 0..QUEUE {
            let reading = bank.clone();
            callers.spawn(async move { (reading.balance(1).await, start.elapsed()) });
        }
        let read = within(
            SLOW_AUDIT * 2,
            "reads queued behind a day-long audit",
            callers.join_all(),
        )
        .await;
        let gave_up: Vec<_> = read
            .iter()
            .filter(|(got, _)| *got == Err(BankError::Unavailable))
            .map(|(_, at)| *at)
            .collect();
        if let Some(&first) = gave_up.iter().min() {
            let how = if first <= ms(1) {
                "at once, as they asked: the handle did not wait for room in the full \
                 mailbox (`try_send` gives up at once; `send(…).await` waits)"
            } else {
                "later, while they waited: the handle puts a time limit of its own on the \
                 wait, for room in the mailbox (`send_timeout`) or for the answer (a \
                 `timeout` around the reply)"
            };
            panic!(
                "{part}: while the actor was busy with a deposit whose audit takes a day, \
                 {QUEUE} callers asked for balance(1); {} of them returned Err(Unavailable), \
                 the first at {first:?} (they asked at 1ms), with the actor running all along: they gave up \
                 {how}. A busy actor has not stopped, and the handle must not give up by \
                 itself: `Unavailable` is only for an actor that is gone; a caller who cannot \
                 wait puts a `timeout` around the call, and then knows that it gave up.",
                gave_up.len()
            );
        }
        assert!(
            read.iter().all(|(got, _)| *got == Ok(7)),
            "{part}: every read of account 1 returns 7, once the deposit into account 0 is done"
        );
        let (deposited, done_at) = within(SLOW_AUDIT * 2, "the day-long deposit", busy)
            .await
            .expect("the deposit task panicked");
        assert_eq!(deposited, Ok(5), "{part}: the deposit whose audit took a day");
        // The actor handles one message at a time, each to the end: a read waits its turn
        // even when it is about another account. (In part 1, a lock per account may answer
        // it at once; the actor promises one message at a time.)
        let early: Vec<_> = read.iter().map(|(_, at)| *at).filter(|at| *at < done_at).collect();
        if let Some(&first) = early.iter().min() {
            panic!(
                "{part}: while the actor was busy with a deposit into account 0 whose audit \
                 takes a day (done at {done_at:?}), {QUEUE} callers asked for balance(1); {} \
                 of them were answered before that deposit was done, the first at {first:?}. \
                 The actor handles one message at a time, each to the end, audit included: \
                 it takes the next request out of the mailbox only once the last one is \
                 done, even a read of an account the operation does not touch. An actor that \
                 answers reads while it waits for an audit (a `select!` on `recv()` beside \
                 the operation) is no longer one message at a time, and each shortcut of that \
                 kind is a rule of its own to get right.",
                early.len()
            );
        }
    })
    .await;
}

/// The most requests the actor's mailbox may hold (the exercise's doc).
const MAILBOX_AT_MOST: usize = 1024;
/// How many callers start a deposit, and give up on it, while the actor is busy (all of
/// them carried out stay under the audit's limit).
const STARTED: usize = 5_000;

#[tokio::test(start_paused = true)]
async fn actor_mailbox_is_bounded() {
    watched(async {
        let bank = BankHandle::spawn(vec![0], FraudCheck::default());
        let part = BankHandle::PART;
        // Keep the actor busy: a deposit in its audit, from 0 to 10ms.
        let depositing = bank.clone();
        let busy = tokio::spawn(async move { depositing.deposit(0, 1).await });
        sleep(ms(1)).await;

        // Callers, each a task of its own, that keep waiting for 1ms and then give up: a
        // deposit whose request got into the mailbox is carried out all the same (a
        // request in the mailbox is carried out); one that was still waiting for room
        // never is. While they wait, the actor runs too (it is still in its audit): an
        // actor that takes requests out of the mailbox meanwhile, into a queue of its own,
        // makes room for them all.
        let mut callers = JoinSet::new();
        for _ in 0..STARTED {
            let depositing = bank.clone();
            callers.spawn(async move { depositing.deposit(0, 1).await });
        }
        sleep(ms(1)).await;
        callers.shutdown().await;
        // The actor now answers callers that gave up: hush what that may make panic.
        let (ended, panics) = hushed(tokio::time::timeout(WATCHDOG, async {
            let first = busy.await;
            (first, bank.balance(0).await)
        }))
        .await;
        let Ok((first, balance)) = ended else {
            panic!(
                "{part}: after callers gave up on their deposits, the actor never answered \
                 again{}",
                meanwhile(&panics)
            );
        };
        let balance = match balance {
            Ok(balance) => balance,
            Err(error) => panic!(
                "{part}: callers gave up on their deposits while they waited, and then \
                 balance(0) returned Err({error:?}){}. The actor carries out a request whose \
                 caller has stopped waiting, and goes on: the answer it sends then fails, \
                 and that is not an error for the actor (`let _ = reply.send(…)`).",
                meanwhile(&panics)
            ),
        };
        assert_eq!(
            first.map_err(|_| "the deposit task panicked"),
            Ok(Ok(1)),
            "{part}: the deposit that kept the actor busy, into 0"
        );
        let entered = balance.saturating_sub(1);
        let how = if entered as usize >= STARTED {
            format!(
                "all {STARTED} of them: nobody waited for room. The mailbox has no bound \
                 (`unbounded_channel`), or one above {STARTED} (a mailbox that big never \
                 makes anyone wait, whether they `send(…).await` or `try_send`), or the \
                 actor keeps taking requests out of the mailbox while it is busy (a \
                 `select!` on `recv()` into a queue of its own: an unbounded queue in \
                 disguise)"
            )
        } else {
            format!(
                "{entered} of them: it took in that many while it was busy. Either the \
                 mailbox's bound is above {MAILBOX_AT_MOST}, or the actor keeps taking \
                 requests out of the mailbox while it is busy (a `select!` on `recv()` \
                 into a queue of its own), which makes room for every caller: an \
                 unbounded queue in disguise"
            )
        };
        assert!(
            entered as usize <= MAILBOX_AT_MOST,
            "{part}: while the actor was busy (a deposit in its 10ms audit), {STARTED} \
             callers each started a deposit of 1, waited 1ms and gave up on it; the actor \
             then carried out {how}. A bounded mailbox (`mpsc::channel(n)`, at most \
             {MAILBOX_AT_MOST}; a few dozen are plenty), that the actor takes the next request \
             out of only when it is done with the last, makes callers wait for room when the \
             actor falls behind: that is the backpressure that slows them down to its pace. \
             Without it, a busy actor takes in every request anyone sends and the overload \
             shows only as memory."
        );
    })
    .await;
}
