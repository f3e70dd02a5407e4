//! The specification for exercise 06. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.
//!
//! The fake pool records each acquire and release; the tests check that the one
//! connection was released exactly once, and how, on each way the body can end, and
//! that nothing used the connection after it went back.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::ThreadId;
use std::time::Duration;

use async_resources::{ConnId, Pool, with_resource};
use testkit::{NoSpin, Trace, ms};
use tokio::task::JoinHandle;
use tokio::time::error::Elapsed;
use tokio::time::{Instant, sleep, timeout};

/// The fake pool takes this long to hand out a connection…
const CONNECT: Duration = ms(10);
/// …and this long to reset one that comes back through the graceful `release`.
const RESET: Duration = ms(20);
/// Each query the test bodies run.
const QUERY: Duration = ms(50);
/// Plenty for anything here to finish: a hang fails at once on the paused clock.
const WATCHDOG: Duration = ms(60_000);
/// How many times the future under test may be polled at one instant of virtual time.
/// Code that waits is polled about once for each thing that wakes it (a timer, a
/// finished reset), a handful of times per instant here; a loop that never waits gets
/// to a thousand in a millisecond of real time.
const SPIN_LIMIT: u32 = 1_000;
/// How long a caller that gave up goes on running before the test looks at the pool:
/// time for anything still working on its own (a spawned task) to show itself.
const AFTERWARDS: Duration = ms(1_000);

#[derive(Debug, Clone, Copy, PartialEq)]
enum How {
    /// Through `release(conn).await`, completed.
    Graceful,
    /// Through `release_now(conn)`.
    Now,
}

#[derive(Debug, Clone, Copy)]
struct Release {
    conn: ConnId,
    /// `None` when it happened off the test's thread, where its virtual clock does not
    /// reach (a runtime of its own, on a thread of its own).
    at: Option<Duration>,
    how: How,
}

impl Release {
    /// "at 80ms", or where it happened when it has no virtual time.
    fn when(&self) -> String {
        match self.at {
            Some(at) => format!("at {at:?}"),
            None => "on another thread".to_owned(),
        }
    }
}

/// A pool that hands out connections numbered from a first id (1 unless a test says
/// otherwise) and remembers every acquire and release.
#[derive(Clone)]
struct FakePool {
    start: Instant,
    /// The test's thread: its runtime's paused clock times everything here.
    thread: ThreadId,
    trace: Trace,
    // A std mutex: held only to push or read, never across an `.await`.
    state: Arc<Mutex<State>>,
}

/// How the body used its connection.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Use {
    /// A query ran on it.
    Query,
    /// A statement the body's future held closed on it, as that future was dropped.
    Close,
}

#[derive(Default)]
struct State {
    first_id: u32,
    /// How long the graceful `release` takes (`RESET` unless a test says otherwise).
    reset: Duration,
    handed_out: Vec<ConnId>,
    releases: Vec<Release>,
    /// When, and how, the body first used a connection that had already been released.
    used_after_release: Option<(Duration, Use)>,
    /// How many releases there were when the caller gave up (the future was dropped).
    released_when_caller_gave_up: Option<usize>,
    /// When the last graceful `release` began (on the test's thread).
    reset_began: Option<Duration>,
    /// When each graceful `release` began, finished or not (`None`: off the test's thread).
    /// It begins when `release` is called, before its future is first polled.
    resets_begun: Vec<Option<Duration>>,
    /// The connections a graceful `release` was called on.
    resetting: Vec<ConnId>,
    /// When, and how, the body first used a connection after `release` was called on it.
    used_while_resetting: Option<(Duration, Use)>,
    /// The waker `acquire` was polled with, and in which task (`None`: not in one): the
    /// caller's, which should poll `release` too.
    caller_waker: Option<(Waker, Option<tokio::task::Id>)>,
    /// When `release` was first polled by an executor of its own, on the test's thread
    /// (a `block_on`): the fake then finishes the reset at once, since the test's paused
    /// clock cannot move while its thread is blocked.
    blocked_on_at: Option<Duration>,
    /// When the caller gave up ([`FakePool::caller_gives_up`]).
    gave_up_at: Option<Duration>,
    /// Whether the body panicked (on purpose, with a [`BodyPanic`]).
    body_panicked: bool,
    /// Whether `release` was called before the body panicked (in a test where it panics).
    reset_before_the_panic: bool,
    /// When the future under test first returned `Pending` after the body had panicked:
    /// the panic was held back while something was awaited ([`in_a_task`] watches).
    pending_after_the_panic: Option<Duration>,
    /// What happened off the test's thread, in order, with no virtual time.
    elsewhere: Vec<String>,
}

impl FakePool {
    fn new() -> Self {
        Self::handing_out(1)
    }

    /// A pool whose first connection is `ConnId(first_id)`.
    fn handing_out(first_id: u32) -> Self {
        Self::with(first_id, RESET)
    }

    /// A pool whose graceful `release` takes `reset`.
    fn resetting_in(reset: Duration) -> Self {
        Self::with(1, reset)
    }

    fn with(first_id: u32, reset: Duration) -> Self {
        let state = State {
            first_id,
            reset,
            ..State::default()
        };
        Self {
            start: Instant::now(),
            thread: std::thread::current().id(),
            trace: Trace::new(),
            state: Arc::new(Mutex::new(state)),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panicking body (some tests panic on purpose) must not hide what we saw.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Off the test's thread its virtual clock does not reach: nothing there has a time.
    fn on_the_test_thread(&self) -> bool {
        std::thread::current().id() == self.thread
    }

    /// Records what the pool did: in the trace, or without a time if off the test's thread.
    fn note(&self, event: String) {
        if self.on_the_test_thread() {
            self.trace.record(event);
        } else {
            self.state().elsewhere.push(event);
        }
    }

    fn record_release(&self, conn: ConnId, how: How) {
        let at = self.on_the_test_thread().then(|| self.start.elapsed());
        self.state().releases.push(Release { conn, at, how });
    }

    fn releases(&self) -> Vec<Release> {
        self.state().releases.clone()
    }

    fn handed_out(&self) -> Vec<ConnId> {
        self.state().handed_out.clone()
    }

    /// Notes it if `conn` is used after it went back to the pool, or once its reset began.
    fn check_in_use(&self, conn: ConnId, how: Use) {
        let at = self.start.elapsed();
        let mut state = self.state();
        if state.releases.iter().any(|r| r.conn == conn) {
            state.used_after_release.get_or_insert((at, how));
        }
        if state.resetting.contains(&conn) {
            state.used_while_resetting.get_or_insert((at, how));
        }
    }

    /// Whether `cx` comes from an executor other than the caller's, in the caller's own
    /// task, on the test's thread: code that polls `release` itself (in a `drop`, say).
    /// The runtime polls a spawned task with a waker of its own, but in a task of its own.
    fn polled_by_a_stranger(&self, cx: &Context<'_>) -> bool {
        self.on_the_test_thread()
            && self
                .state()
                .caller_waker
                .as_ref()
                .is_some_and(|(waker, task)| {
                    !waker.will_wake(cx.waker()) && *task == tokio::task::try_id()
                })
    }

    /// A `release` polled a second time by a stranger, with no time between: a loop that
    /// polls and waits until it is done (a `block_on`). It blocks the thread, so the test's
    /// paused clock cannot move and the reset would never end: the fake ends it at once.
    fn blocked_on(&self, conn: ConnId) {
        let at = self.start.elapsed();
        self.state().blocked_on_at.get_or_insert(at);
        self.note(format!(
            "release: conn {} polled again, at once, by an executor of its own (a \
             block_on?); the fake finishes the reset now, since a blocked thread stops the \
             test's clock",
            conn.0
        ));
    }

    /// The caller's `timeout` has just dropped the future of `with_resource`, and the
    /// caller goes on with its own work for a while ([`AFTERWARDS`]): anything the
    /// future left running (a spawned task) shows up in the pool by then.
    async fn caller_gives_up(&self) {
        let released = self.releases().len();
        let now = self.start.elapsed();
        {
            let mut state = self.state();
            state.released_when_caller_gave_up = Some(released);
            state.gave_up_at = Some(now);
        }
        self.trace.record("caller: gave up, future dropped");
        sleep(AFTERWARDS).await;
    }

    /// What the pool saw, one event a line, in the order it happened.
    fn seen(&self) -> String {
        let mut seen = String::from("What the pool saw:\n");
        for (at, text) in self.trace.events() {
            let _ = writeln!(seen, "{:>6}ms  {text}", at.as_millis());
        }
        let elsewhere = self.state().elsewhere.clone();
        if !elsewhere.is_empty() {
            seen += "And on another thread (out of reach of the test's clock, so untimed):\n";
            for text in elsewhere {
                let _ = writeln!(seen, "          {text}");
            }
        }
        seen
    }
}

impl Pool for FakePool {
    async fn acquire(&self) -> ConnId {
        // The caller's executor polls this: remember its waker, to tell it from another's.
        std::future::poll_fn(|cx| {
            if self.on_the_test_thread() {
                self.state().caller_waker = Some((cx.waker().clone(), tokio::task::try_id()));
            }
            Poll::Ready(())
        })
        .await;
        sleep(CONNECT).await;
        let conn = {
            let mut state = self.state();
            let n = u32::try_from(state.handed_out.len()).expect("a few connections");
            let conn = ConnId(state.first_id.wrapping_add(n));
            state.handed_out.push(conn);
            conn
        };
        self.note(format!("acquire: conn {} handed out", conn.0));
        conn
    }

    // Not an `async fn`: like a real driver's, this pool begins the reset as soon as
    // `release` is called (the trait's doc allows it), before its future is first polled.
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send {
        self.note(format!("release: conn {} resetting", conn.0));
        let began = self.on_the_test_thread().then(|| self.start.elapsed());
        let reset = {
            let mut state = self.state();
            state.reset_began = began.or(state.reset_began);
            state.resets_begun.push(began);
            state.resetting.push(conn);
            state.reset_before_the_panic |= !state.body_panicked;
            state.reset
        };
        async move {
            let mut resetting = pin!(sleep(reset));
            let mut polled_by_a_stranger = false;
            std::future::poll_fn(|cx| {
                if self.polled_by_a_stranger(cx) {
                    if polled_by_a_stranger {
                        self.blocked_on(conn);
                        return Poll::Ready(());
                    }
                    // Wake it at once: code that waits for the release polls again now.
                    polled_by_a_stranger = true;
                    cx.waker().wake_by_ref();
                }
                resetting.as_mut().poll(cx)
            })
            .await;
            // Only a reset that ran to the end gives the connection back.
            self.record_release(conn, How::Graceful);
            self.note(format!("release: conn {} back in the pool", conn.0));
        }
    }

    fn release_now(&self, conn: ConnId) {
        self.record_release(conn, How::Now);
        self.note(format!("release_now: conn {} discarded", conn.0));
    }
}

/// A query the bodies run: `QUERY` long; fails for any SQL containing `BAD`.
async fn query(pool: &FakePool, conn: ConnId, sql: &str) -> Result<String, String> {
    pool.trace.record(format!("body: {sql} on conn {}", conn.0));
    pool.check_in_use(conn, Use::Query);
    sleep(QUERY).await;
    pool.check_in_use(conn, Use::Query);
    if sql.contains("BAD") {
        return Err(format!("{sql} failed on conn {}", conn.0));
    }
    Ok(format!("rows from conn {}", conn.0))
}

/// A prepared statement (or a transaction) the body holds on its connection. Like a real
/// driver's, it closes when it is dropped, and closing it uses the connection: so the
/// connection must still be checked out when the body's future that holds it is dropped.
struct Statement<'a> {
    pool: &'a FakePool,
    conn: ConnId,
}

impl<'a> Statement<'a> {
    fn prepare(pool: &'a FakePool, conn: ConnId) -> Self {
        pool.trace
            .record(format!("body: statement prepared on conn {}", conn.0));
        pool.check_in_use(conn, Use::Query);
        Self { pool, conn }
    }
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        self.pool
            .trace
            .record(format!("body: statement closed on conn {}", self.conn.0));
        self.pool.check_in_use(self.conn, Use::Close);
    }
}

/// A hand-written future, as a driver's query future may be: it holds its statement
/// until it is dropped, not only until its work (`rows`) is done.
struct Cursor<'a, T> {
    _statement: Statement<'a>,
    rows: Pin<Box<dyn Future<Output = T> + Send + 'a>>,
}

impl<'a, T> Cursor<'a, T> {
    fn open(pool: &'a FakePool, conn: ConnId, rows: impl Future<Output = T> + Send + 'a) -> Self {
        Self {
            _statement: Statement::prepare(pool, conn),
            rows: Box::pin(rows),
        }
    }
}

impl<T> Future for Cursor<'_, T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.rows.as_mut().poll(cx)
    }
}

/// `testkit::within`, watched as well for a loop that never waits (see [`no_spin`]).
#[track_caller]
fn within<F: Future>(limit: Duration, what: &str, fut: F) -> impl Future<Output = F::Output> {
    testkit::within(limit, what, no_spin(what, fut))
}

/// `fut`, failing the test at once if it is polled [`SPIN_LIMIT`] times with no time
/// passing. A future that wakes itself each time it returns `Pending` is polled again at
/// once, so tokio is never idle and its paused clock never moves on: no timer fires,
/// not even the watchdog's (`within`), and the test would hang for real.
fn no_spin<F: Future>(what: &str, fut: F) -> NoSpin<F> {
    let what = what.to_owned();
    testkit::no_spin(
        SPIN_LIMIT,
        move |polls, at| spin_lesson(&what, polls, at),
        fut,
    )
}

fn spin_lesson(what: &str, polls: u32, at: Duration) -> String {
    format!(
        "{what}: polled {polls} times at {at:?} into the call, with no time passing: \
         each time it returned `Pending` it was polled again at once. It was woken \
         without waiting for anything, so tokio was never idle, its paused clock never \
         moved on, and the query or reset it waits for (a timer) could never end: the \
         test would hang. Likely causes: polling \
         the body (or `release`) yourself with a `Context` of your own (`Waker::noop()`, \
         say), which the body's timers wake instead of the caller, then waking the \
         caller's waker (`cx.waker().wake_by_ref()`) to be polled again; or a loop that \
         yields (`yield_now()`) until the body is done. Just `.await` the body and the \
         release: they wake the caller's task themselves when they can go on. In a `poll` \
         of your own, pass the caller's `cx` on to what you poll."
    )
}

/// Runs `future` in a task of its own, as a server runs each request, noting it in
/// `pool` if the future returns `Pending` after the body panicked.
fn in_a_task<F>(pool: &FakePool, future: F) -> JoinHandle<F::Output>
where
    // The compiler stops at the line below if the future of `with_resource` is not
    // `Send` (the exercise's doc asks for it): something it keeps across an `.await`
    // (an `Rc`, a `RefCell`'s borrow, a std `MutexGuard`) may not move to another
    // thread. A guard needs no sharing: a plain `Option` or `bool` field will do.
    F: Future + Send + 'static, // with_resource's future must be `Send`: see above
    F::Output: Send + 'static,
{
    let watched = PassesPanicsOn {
        pool: pool.clone(),
        future: Box::pin(future),
    };
    tokio::spawn(no_spin("with_resource, in a task of its own,", watched))
}

/// A future that notes it in its pool if it says `Pending` once the body has panicked:
/// a panic passed on at once unwinds out of the very poll in which the body panicked.
struct PassesPanicsOn<F> {
    pool: FakePool,
    future: Pin<Box<F>>,
}

impl<F: Future> Future for PassesPanicsOn<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let polled = self.future.as_mut().poll(cx);
        if polled.is_pending() {
            let at = self.pool.start.elapsed();
            let mut state = self.pool.state();
            if state.body_panicked {
                state.pending_after_the_panic.get_or_insert(at);
            }
        }
        polled
    }
}

/// Asserts that the body's panic, at `panicked`, reached the caller (at `ended`) at
/// once: at the same instant, and in the same poll, with nothing awaited in between.
#[track_caller]
fn assert_passed_on_at_once(pool: &FakePool, what: &str, panicked: Duration, ended: Duration) {
    assert_eq!(
        ended,
        panicked,
        "{what} panicked at {panicked:?}, but the panic reached the caller only at \
         {ended:?}: let it go on at once, with nothing awaited in between.\n{}",
        pool.seen()
    );
    let pending_after_the_panic = pool.state().pending_after_the_panic;
    if let Some(at) = pending_after_the_panic {
        panic!(
            "{what} panicked at {panicked:?}; the panic did reach the caller at that \
             instant, but not in the poll in which it happened: the future of \
             with_resource returned `Pending` at {at:?}, after the panic, so it awaited \
             something before passing the panic on (a yield, say, which takes no time). \
             Let it go on at once, with nothing awaited in between: a guard's `drop` \
             releases while the panic unwinds; after a `catch_unwind`, call \
             `release_now` then `resume_unwind` right away.\n{}",
            pool.seen()
        );
    }
}

/// How the one connection was expected to go back.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// The body finished: there was time to await `release`.
    Graceful,
    /// Gone in a `Drop` while a panic unwound, with `release_now`; the text says what to
    /// do if it was released gracefully instead.
    Now(&'static str),
    /// The caller gave up ([`FakePool::caller_gives_up`]): gone with `release_now`,
    /// right as the future was dropped, before the caller went on.
    Cancelled,
}

/// Asserts that the one connection handed out was released exactly once (and how), and
/// never used after that; `story` says what happened and `never` what to do if it was
/// never released.
#[track_caller]
fn assert_released_once(pool: &FakePool, expect: Expect, story: &str, never: &str) {
    let seen = pool.seen();
    let conn = match pool.handed_out().as_slice() {
        [conn] => *conn,
        [] => panic!("{story}; but with_resource never acquired a connection.\n{seen}"),
        many => panic!(
            "{story}; with_resource acquired {} connections ({many:?}): the body runs \
             with one, so acquire once.\n{seen}",
            many.len()
        ),
    };
    let id = conn.0;
    let releases = pool.releases();
    let (used_after_release, released_by_the_drop, used_while_resetting, blocked_on_at) = {
        let state = pool.state();
        (
            state.used_after_release,
            state.released_when_caller_gave_up,
            state.used_while_resetting,
            state.blocked_on_at,
        )
    };
    assert_not_blocked_on(pool, blocked_on_at, story);
    if let (Some((used, Use::Query)), Some(first)) = (used_after_release, releases.first()) {
        panic!(
            "{story}; but conn {id} was released {}, while the body was still using \
             it (a query ran on it at {used:?}). Release only once the body is done. If a \
             guard's `drop` did it this early, look at how it is bound: with `let _ = …` \
             it is dropped on that very line, because `_` is not a variable; bind it to a \
             name (`let mut lease = …`; `let _lease` works too), and it lives to the end \
             of the scope.\n{seen}",
            first.when()
        );
    }
    if let (None, Some((used, how))) = (used_after_release, used_while_resetting) {
        let began = pool.state().resets_begun.first().copied().flatten();
        panic!(
            "{story}; but `pool.release(conn)` was called on conn {id}{} while the body \
             was not done with it: {} at {used:?}. Calling `release` may begin the reset at \
             once, before its future is awaited (this pool's does, as the trait's doc \
             says), so the connection was reset under the body. Call it only where you \
             await it, once the body's future is gone.\n{seen}",
            began.map(|at| format!(" at {at:?}")).unwrap_or_default(),
            match how {
                Use::Query => "a query ran on it",
                Use::Close => "a statement the body's future held closed on it",
            }
        );
    }
    let once = match releases.as_slice() {
        [] => panic!("{story}; conn {id} was never released.\n{never}\n{seen}"),
        [once] => *once,
        many => {
            let mut list = String::new();
            for (i, r) in many.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", then " };
                let _ = write!(list, "{sep}{} {}", how_text(r.how), r.when());
            }
            panic!(
                "{story}; conn {id} was released {} times: {list}. A second release \
                 hands back a connection that may already belong to someone else. If a \
                 guard's `Drop` releases as the fallback, the explicit release must disarm \
                 it (keep the id in an `Option` and `take()` it, or set a flag), so the \
                 `Drop` that still runs at the end finds nothing to do.\n{seen}",
                many.len()
            );
        }
    };
    assert_eq!(
        once.conn, conn,
        "{story}; released {:?}, a connection never handed out (the pool handed out \
         {conn:?} only).\n{seen}",
        once.conn
    );
    match (expect, once.how) {
        (Expect::Graceful, How::Now) => panic!(
            "{story}; conn {id} was released with `release_now` (discarded) {}. The \
             body finished, so there was time for the graceful `pool.release(conn).await`; \
             keep `release_now` for `Drop`, where nothing can be awaited.\n{seen}",
            once.when()
        ),
        (Expect::Now(what_to_do), How::Graceful) => panic!(
            "{story}; conn {id} was then released gracefully: a `release(conn).await` \
             completed {}. {what_to_do}\n{seen}",
            once.when()
        ),
        (Expect::Cancelled, how) if released_by_the_drop == Some(0) => panic!(
            "{story}; conn {id} was released only {} ({}), after the caller had got \
             control back and gone on: nothing released it while the future of \
             with_resource was being dropped, so something that future had left running \
             on its own (a spawned task) did it later. A cancelled caller's connection is \
             released right then, inside that drop, with `pool.release_now(conn)`: once \
             the caller has moved on, nothing of with_resource may still be working.\n{seen}",
            once.when(),
            how_text(how)
        ),
        (Expect::Cancelled, How::Graceful) => panic!(
            "{story}; conn {id} was released gracefully, while the future was being \
             dropped: a `release(conn).await` ran to the end inside a `drop`, which cannot \
             `.await`, so the thread was blocked on it. A dropped future does no more \
             work, and a blocked thread stalls every other task on it: release right then \
             with `pool.release_now(conn)`.\n{seen}"
        ),
        _ => {}
    }
    let (resets_begun, gave_up_at) = {
        let state = pool.state();
        (state.resets_begun.clone(), state.gave_up_at)
    };
    let when = |at: Option<Duration>| match at {
        Some(at) => format!("at {at:?}"),
        None => "on another thread".to_owned(),
    };
    match expect {
        Expect::Graceful if resets_begun.len() > 1 => {
            let mut list = String::new();
            for (i, at) in resets_begun.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                let _ = write!(list, "{sep}{}", when(*at));
            }
            panic!(
                "{story}; conn {id} went back once, gracefully, {}, but `release(conn)` \
                 was called on it {} times ({list}): the pool began a reset each time, \
                 and only one of them was awaited to the end. Calling `release` may begin \
                 the reset at once (this pool's does, as the trait's doc says), so a call \
                 whose future is dropped unawaited (`let _ = pool.release(conn);`) starts \
                 a reset that nobody finishes. Call it once, only where you await it.\n{seen}",
                once.when(),
                resets_begun.len()
            )
        }
        Expect::Now(_) if pool.state().reset_before_the_panic => panic!(
            "{story}; conn {id} was discarded with `release_now` {}, but `release(conn)` \
             had been called on it {}, before the panic (the pool began resetting it \
             then), and was then abandoned. Calling `release` may begin the reset at once, \
             before its future is awaited (this pool's does, as the trait's doc says): call \
             it only where you await it, once the body is done; after a panic, call only \
             `pool.release_now(conn)`.\n{seen}",
            once.when(),
            when(resets_begun[0])
        ),
        Expect::Now(_) if !resets_begun.is_empty() => panic!(
            "{story}; conn {id} was discarded with `release_now` {}, but a graceful \
             release had been started on it first ({}, the pool began resetting it) and \
             was then abandoned. A body that panicked left the connection in an unknown \
             state: start no reset on it at all: not even a call of `release(conn)`, polled \
             or not (this pool begins resetting as soon as it is called), in a guard's \
             `drop`, say. Call `pool.release_now(conn)` right away.\n{seen}",
            once.when(),
            when(resets_begun[0])
        ),
        Expect::Cancelled => {
            let late = resets_begun
                .iter()
                .find(|at| at.is_none_or(|at| gave_up_at.is_some_and(|gave_up| at >= gave_up)));
            if let Some(&at) = late {
                panic!(
                    "{story}; conn {id} was discarded with `release_now` {}, but a graceful \
                     release was started on it {}, as the future was being dropped (the pool \
                     began resetting it), and abandoned half-way. A dropped future does no \
                     more work: a `drop` that calls `release(conn)`, or polls it once, to try \
                     the graceful way first, starts a reset that nobody finishes (this pool \
                     begins resetting as soon as `release` is called, polled or not). In the `drop`, call \
                     `pool.release_now(conn)` right away.\n{seen}",
                    once.when(),
                    when(at)
                );
            }
        }
        _ => {}
    }
    // Last, since it is the subtlest: the release came before the body's future was
    // gone, and a statement it held then closed on the released connection.
    if let (Some((used, Use::Close)), Some(first)) = (used_after_release, releases.first()) {
        panic!(
            "{story}; but conn {id} went back to the pool ({}, {}) while the body's \
             future still held a statement on it: only after that was the future \
             dropped, and the statement closed on conn {id} at {used:?}, on a connection \
             that was no longer the body's. Release only once the body's future is gone, \
             not merely finished. Look at what keeps it alive past the release: locals \
             are dropped in reverse order (a guard made before the future outlives it, \
             as it should), a struct's own `drop` runs before its fields are dropped, \
             and a future pinned with `pin!` lives to the end of the function.\n{seen}",
            how_text(first.how),
            first.when()
        );
    }
}

/// Fails if a graceful release was driven by an executor of the code's own (a `block_on`).
#[track_caller]
fn assert_not_blocked_on(pool: &FakePool, blocked_on_at: Option<Duration>, story: &str) {
    if let Some(at) = blocked_on_at {
        panic!(
            "{story}; but at {at:?} a graceful release was polled by an executor of its \
             own (a `block_on`, in a `drop`?), not by the caller's. That blocks the thread \
             until the reset is done, and every other task on it with it (on this test's \
             paused clock it would never end; the fake finished the reset at once instead). \
             `drop` cannot `.await`, and must not wait either: there, call \
             `pool.release_now(conn)` right away.\n{}",
            pool.seen()
        );
    }
}

fn how_text(how: How) -> &'static str {
    match how {
        How::Graceful => "with `release(conn).await`",
        How::Now => "with `release_now(conn)`",
    }
}

#[tokio::test(start_paused = true)]
async fn success_releases_once_gracefully_after_the_body() {
    let pool = FakePool::new();
    let db = &pool;
    let result = within(
        WATCHDOG,
        "with_resource",
        with_resource(&pool, |conn| async move {
            query(db, conn, "SELECT 1").await?;
            query(db, conn, "SELECT 2").await
        }),
    )
    .await;
    let returned_at = pool.start.elapsed();

    assert_eq!(
        result,
        Ok("rows from conn 1".to_owned()),
        "with_resource should return what its body returned, run with the connection \
         the pool handed out"
    );
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body succeeded",
        "Await `pool.release(conn)` after the body, before returning its result.",
    );
    let body_done = CONNECT + QUERY * 2;
    let release = pool.releases()[0];
    assert_eq!(
        release.at,
        Some(body_done + RESET),
        "conn 1 went back to the pool {}, but the body used it until {body_done:?}, and \
         the reset takes {RESET:?}: release it after the body is done, not before.\n{}",
        release.when(),
        pool.seen()
    );
    assert_eq!(
        Some(returned_at),
        release.at,
        "with_resource returned at {returned_at:?}, but the graceful release finished \
         {}: await the release before returning",
        release.when()
    );
}

#[tokio::test(start_paused = true)]
async fn a_finished_body_future_is_dropped_before_the_release() {
    let pool = FakePool::new();
    let db = &pool;
    // The closure returns a hand-written future that keeps its statement until dropped.
    let result = within(
        WATCHDOG,
        "with_resource",
        with_resource(&pool, |conn| {
            Cursor::open(db, conn, query(db, conn, "SELECT 1"))
        }),
    )
    .await;

    assert_eq!(
        result,
        Ok("rows from conn 1".to_owned()),
        "with_resource should return what its body returned"
    );
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body, a hand-written future that holds a statement on conn 1 until it is \
         dropped, returned its rows at 60ms",
        "Await `pool.release(conn)` after the body, before returning its result.",
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_from_the_body_still_releases_gracefully() {
    let pool = FakePool::new();
    let db = &pool;
    let result: Result<String, String> = within(
        WATCHDOG,
        "with_resource",
        // A hand-written future that holds a statement until it is dropped, and fails.
        with_resource(&pool, |conn| {
            Cursor::open(db, conn, async move {
                let rows = query(db, conn, "SELECT 1").await?;
                query(db, conn, "BAD UPDATE").await?;
                Ok(rows)
            })
        }),
    )
    .await;

    assert_eq!(
        result,
        Err("BAD UPDATE failed on conn 1".to_owned()),
        "with_resource should pass the body's error on, unchanged"
    );
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body, a hand-written future that holds a statement on conn 1 until it is \
         dropped, returned Err at 110ms (through `?`) and with_resource passed the error on",
        "An early return (`?` or `return`) skips every line after it, the release \
         included. On the error path, release as well: keep the body's `Result`, \
         release, then return it.",
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_reset_is_awaited_however_long_it_takes() {
    // This pool takes an hour to reset a connection (on the paused clock: no time).
    let slow = ms(3_600_000);
    let pool = FakePool::resetting_in(slow);
    let db = &pool;
    let result = within(
        slow * 2,
        "with_resource with a pool that takes 1h to reset",
        with_resource(&pool, |conn| query(db, conn, "SELECT 1")),
    )
    .await;
    let returned_at = pool.start.elapsed();

    assert_eq!(
        result,
        Ok("rows from conn 1".to_owned()),
        "with_resource should return what its body returned"
    );
    let body_done = CONNECT + QUERY;
    let reset_began = pool.state().reset_began;
    if let ([release], Some(began)) = (pool.releases().as_slice(), reset_began)
        && release.how == How::Now
    {
        panic!(
            "The body succeeded at {body_done:?}, and this pool's graceful reset takes 1h; \
             the reset began at {began:?}, but conn 1 was discarded with `release_now` {}, \
             {:?} into it: the graceful release was given up on. Await it for as long as \
             it takes, as the exercise says: a caller who wants a limit puts a `timeout` \
             around with_resource.\n{}",
            release.when(),
            release.at.unwrap_or(began).saturating_sub(began),
            pool.seen()
        );
    }
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body succeeded at 60ms, and this pool's graceful reset takes 1h",
        "Await `pool.release(conn)` after the body, before returning its result.",
    );
    assert_eq!(
        returned_at,
        body_done + slow,
        "with_resource returned at {returned_at:?}, but the graceful release, started at \
         {body_done:?}, takes 1h: await it to the end before returning.\n{}",
        pool.seen()
    );
}

/// What the test bodies panic with, on purpose: not a message but a value, as
/// `std::panic::panic_any` (or a library's own panic type) gives. Whoever catches it must
/// pass on this very payload, not a new panic that only looks like it.
#[derive(Debug, PartialEq)]
struct BodyPanic(u32);

/// The body's panic. Started with `resume_unwind`, which unwinds like any panic but
/// skips the panic hook, so nothing is printed: the tests panic on purpose.
fn body_panics(pool: &FakePool, event: &str) -> ! {
    pool.trace.record(event);
    pool.state().body_panicked = true;
    std::panic::resume_unwind(Box::new(BodyPanic(42)))
}

/// What to do when a panic was followed by a graceful release.
const DONT_RESET: &str = "So the panic was held back while the connection was reset for \
     its next user (caught? or awaited, or blocked on, in a `drop`?). A body that \
     panicked left the connection in an unknown state: let the panic go on at once and \
     discard the connection with `pool.release_now(conn)` on the way out, which a \
     guard's `drop` does while the panic unwinds.";

/// Waits for a task that should end in the body's panic, and says when it ended.
async fn ended_in_the_body_panic<T: std::fmt::Debug>(
    pool: &FakePool,
    task: JoinHandle<T>,
) -> Duration {
    let joined = within(WATCHDOG, "the task running with_resource", task).await;
    let ended = pool.start.elapsed();
    match joined {
        Err(error) if error.is_panic() => {
            let payload = error.into_panic();
            let body_panicked = pool.state().body_panicked;
            match payload.downcast::<BodyPanic>() {
                Ok(body) if *body == BodyPanic(42) => {}
                Ok(other) => panic!(
                    "the body panicked with the payload BodyPanic(42), but the caller got \
                     {other:?}: pass on the body's own panic, unchanged.\n{}",
                    pool.seen()
                ),
                Err(payload) if body_panicked => panic!(
                    "the body panicked with a value, `BodyPanic(42)` (as `panic_any` gives), \
                     but the panic that reached the caller carries {}: a new panic, not the \
                     body's. Let the body's panic unwind on through your guard, or, if you \
                     caught it, pass on the payload you caught with \
                     `std::panic::resume_unwind(payload)`, not a fresh `panic!`, which keeps \
                     only a text.\n{}",
                    match testkit::panic_text(&*payload) {
                        Some(text) => format!("the text {text:?}"),
                        None => "another payload".to_owned(),
                    },
                    pool.seen()
                ),
                // Not the body's panic: with_resource itself panicked (a `todo!()`?),
                // and its message is already printed. Fail the test with that panic.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        other => panic!(
            "the body panicked, so the task running with_resource should have ended in \
             that panic (`JoinError::is_panic`); it ended in {other:?}. Let the panic go \
             on to the caller.\n{}",
            pool.seen()
        ),
    }
    ended
}

#[tokio::test(start_paused = true)]
async fn a_panic_in_the_body_still_releases() {
    let pool = FakePool::new();
    let task_pool = pool.clone();
    let task = in_a_task(&pool, async move {
        let db = &task_pool;
        with_resource(&task_pool, |conn| {
            // A hand-written future that holds a statement until it is dropped, and
            // panics in the middle of its work.
            Cursor::open(db, conn, async move {
                query(db, conn, "SELECT 1").await?;
                // Always true; it only keeps the `Ok` below, which gives the body its type.
                if conn.0 > 0 {
                    body_panics(db, "body: panics");
                }
                Ok::<_, String>(())
            })
        })
        .await
    });
    let ended = ended_in_the_body_panic(&pool, task).await;

    assert_released_once(
        &pool,
        Expect::Now(DONT_RESET),
        "The body, a future that holds a statement on conn 1, panicked at 60ms, and the \
         panic went on to the caller",
        "A panic skips the rest of the function, but on its way out it runs `Drop` for \
         every live value: release in a guard's `drop`, with `pool.release_now(conn)` \
         since `drop` cannot `.await`.",
    );
    assert_passed_on_at_once(&pool, "the body", CONNECT + QUERY, ended);
}

#[tokio::test(start_paused = true)]
async fn a_closure_that_panics_when_called_still_releases() {
    let pool = FakePool::new();
    let task_pool = pool.clone();
    let task = in_a_task(&pool, async move {
        let db = &task_pool;
        with_resource(&task_pool, |conn| {
            // The closure's own code, before the future it returns: it runs, and here
            // panics, on the very line that calls `body(conn)`. (Always true; the
            // `async` block below gives the closure its type.)
            if conn.0 > 0 {
                body_panics(db, "closure: panics before returning its future");
            }
            async { Ok::<_, String>(()) }
        })
        .await
    });
    let ended = ended_in_the_body_panic(&pool, task).await;

    assert_released_once(
        &pool,
        Expect::Now(DONT_RESET),
        "The closure panicked at 10ms, as it was called, before it returned a future",
        "Nothing that releases existed yet when it panicked. A guard made after \
         `body(conn)` (`let fut = body(conn);`, then the guard) is too late: calling the \
         closure runs its code up to its `async` block right on that line, and a panic \
         there unwinds from that line. Make the guard before you call `body(conn)`.",
    );
    assert_passed_on_at_once(&pool, "the closure", CONNECT, ended);
}

/// The story and advice of a caller cancelled in the middle of the body.
const CANCELLED_MID_BODY: &str = "A dropped future never resumes, so no line after that \
     `.await` ran. Nothing is raised either: this is not Python's `CancelledError`, and no \
     `finally` runs. What does run is `Drop`, for each value the future held: put the \
     release in a guard's `drop` (with `release_now`, since `drop` cannot `.await`).";

/// Runs a 300ms body, which holds a statement on its connection, under a 100ms
/// timeout: `Err` when the caller gave up. Then the caller goes on for a while.
async fn cancel_mid_body(pool: &FakePool) -> Result<Result<(), String>, Elapsed> {
    let db = pool;
    let outcome = within(
        WATCHDOG,
        "with_resource under a 100ms timeout",
        timeout(
            ms(100),
            with_resource(pool, |conn| async move {
                let _statement = Statement::prepare(db, conn);
                for _ in 0..6 {
                    query(db, conn, "SELECT 1").await?;
                }
                Ok::<_, String>(())
            }),
        ),
    )
    .await;
    pool.caller_gives_up().await;
    outcome
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_caller_still_releases() {
    let pool = FakePool::new();
    // The body would take 300ms; the caller gives up at 100ms.
    let outcome = cancel_mid_body(&pool).await;

    assert!(
        outcome.is_err(),
        "with_resource finished ({outcome:?}) before the caller's 100ms timeout, but its \
         body takes 300ms: run the body to completion"
    );
    assert_released_once(
        &pool,
        Expect::Cancelled,
        "The caller was cancelled at 100ms, mid-body: its `timeout` dropped the future \
         of with_resource where it was suspended, on the body's `.await`",
        CANCELLED_MID_BODY,
    );
}

#[tokio::test(start_paused = true)]
async fn cancelled_during_the_graceful_release_still_releases() {
    let pool = FakePool::new();
    // The body ends at 60ms; the graceful release then runs until 80ms. Give up at 70.
    let outcome = within(
        WATCHDOG,
        "with_resource under a 70ms timeout",
        timeout(
            ms(70),
            with_resource(&pool, |conn| query(&pool, conn, "SELECT 1")),
        ),
    )
    .await;
    pool.caller_gives_up().await;

    assert!(
        outcome.is_err(),
        "with_resource returned ({outcome:?}) before the caller gave up at 70ms, but the \
         graceful release should still have been running then (60ms to 80ms): await \
         `pool.release(conn)`"
    );
    assert_released_once(
        &pool,
        Expect::Cancelled,
        "The caller was cancelled at 70ms, during the graceful release (it started at \
         60ms and takes 20ms)",
        "A graceful release dropped half-way has released nothing, and nothing else \
         released conn 1. Keep the guard armed while `pool.release(conn).await` runs, \
         and disarm it only once that has completed.",
    );
}

#[tokio::test(start_paused = true)]
async fn cancelled_while_acquiring_releases_nothing() {
    let pool = FakePool::new();
    let db = &pool;
    // The pool hands the connection out at 10ms; the caller gives up at 5.
    let outcome = within(
        WATCHDOG,
        "with_resource under a 5ms timeout",
        timeout(
            ms(5),
            with_resource(&pool, |conn| query(db, conn, "SELECT 1")),
        ),
    )
    .await;
    pool.caller_gives_up().await;

    assert!(
        outcome.is_err(),
        "with_resource returned ({outcome:?}) before the caller gave up at 5ms, but the \
         pool hands out a connection only at 10ms: await `pool.acquire()`"
    );
    let releases = pool.releases();
    assert!(
        releases.is_empty(),
        "The caller gave up at 5ms, while `acquire` was still waiting, so no connection \
         was handed out; yet the pool saw {releases:?}. There was nothing to release: \
         release only the connection that `acquire` returned.\n{}",
        pool.seen()
    );
}

#[tokio::test(start_paused = true)]
async fn every_id_is_a_real_connection() {
    // The same cancelled body, with connections numbered 7, 0 and u32::MAX.
    let ordinary = FakePool::handing_out(7);
    let _ = cancel_mid_body(&ordinary).await;
    assert_released_once(
        &ordinary,
        Expect::Cancelled,
        "The caller was cancelled at 100ms, mid-body, with conn 7",
        CANCELLED_MID_BODY,
    );
    for id in [0, u32::MAX] {
        let pool = FakePool::handing_out(id);
        let _ = cancel_mid_body(&pool).await;
        let story = format!("The caller was cancelled at 100ms, mid-body, with conn {id}");
        assert_released_once(
            &pool,
            Expect::Cancelled,
            &story,
            &format!(
                "In the same story conn 7 was released, with `release_now`: the only \
                 difference is the id. Does your code keep an id such as `ConnId({id})` \
                 to mean \"nothing to release\"? Every id the pool hands out is a real \
                 connection: keep \"nothing\" apart from the ids (an `Option<ConnId>` \
                 that is `None`, or a separate flag)."
            ),
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_body_that_is_not_send_runs_on_the_callers_thread() {
    let pool = FakePool::new();
    let db = &pool;
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sql = String::from("SELECT 1");
    // Awaited right here, on the test's own thread, nothing needs to be `Send`: not the
    // body (an `Rc` across its `.await`), nor what it returns (`Rc`s). The closure moves `sql` into its future, so it can run only once
    // (`FnOnce`), and it captures a `RefCell`, so it is not `UnwindSafe`. If this call
    // does not compile, your with_resource asks for more than the exercise's signature
    // does (`Send`, `Sync`, `UnwindSafe`, `Fn`…): the doc asks for a `Send` future only
    // when everything given to it is `Send`. Catching a panic needs no bound: wrap the
    // closure in `std::panic::AssertUnwindSafe`.
    let result = within(
        WATCHDOG,
        "with_resource with a body that is not Send",
        // Does not compile? Your with_resource asks for more: read the comment above.
        with_resource(&pool, {
            let seen = Rc::clone(&seen);
            move |conn| async move {
                let rows = query(db, conn, &sql).await.map_err(Rc::new)?;
                seen.borrow_mut().push(rows.clone());
                Ok::<_, Rc<String>>(Rc::new(rows))
            }
        }),
    )
    .await;

    assert_eq!(
        result,
        Ok(Rc::new("rows from conn 1".to_owned())),
        "with_resource should return what its body returned"
    );
    assert_eq!(*seen.borrow(), ["rows from conn 1"], "the body ran once");
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body, which is not `Send`, succeeded at 60ms",
        "Await `pool.release(conn)` after the body, before returning its result.",
    );
}

#[tokio::test(start_paused = true)]
async fn two_callers_at_once_each_release_their_own() {
    let pool = FakePool::new();
    let db = &pool;
    // Caller A gets conn 1 at 10ms and gives up at 100ms, mid-body. Caller B starts at
    // 5ms, gets conn 2 at 15ms, runs a 100ms body and releases it gracefully until 135ms.
    let a = async {
        let outcome = timeout(
            ms(100),
            with_resource(&pool, |conn| async move {
                let _statement = Statement::prepare(db, conn);
                for _ in 0..6 {
                    query(db, conn, "SELECT 1").await?;
                }
                Ok::<_, String>(())
            }),
        )
        .await;
        pool.trace.record("caller A: gave up, future dropped");
        outcome
    };
    let b = async {
        sleep(ms(5)).await;
        with_resource(&pool, |conn| async move {
            query(db, conn, "SELECT 1").await?;
            query(db, conn, "SELECT 2").await
        })
        .await
    };
    let (a, b) = within(WATCHDOG, "two callers of with_resource", async {
        tokio::join!(a, b)
    })
    .await;
    let seen = pool.seen();

    assert!(
        a.is_err(),
        "caller A's body takes 300ms and it gave up at 100ms, yet with_resource returned \
         {a:?}.\n{seen}"
    );
    assert_eq!(
        b,
        Ok("rows from conn 2".to_owned()),
        "caller B should get what its body returned, run with conn 2.\n{seen}"
    );
    assert_eq!(
        pool.handed_out(),
        [ConnId(1), ConnId(2)],
        "each caller acquires one connection.\n{seen}"
    );
    let releases = pool.releases();
    let mut list = String::new();
    for (i, r) in releases.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", then " };
        let _ = write!(
            list,
            "{sep}conn {} {} {}",
            r.conn.0,
            how_text(r.how),
            r.when()
        );
    }
    let story = "Two callers shared the pool: A had conn 1 and gave up at 100ms, mid-body, \
         while B, with conn 2, was still in its body (until 115ms); so conn 1 should go \
         back once with `release_now` at 100ms, and conn 2 once, gracefully, from 115ms \
         to 135ms";
    let blocked_on_at = pool.state().blocked_on_at;
    assert_not_blocked_on(&pool, blocked_on_at, story);
    let expected = [
        (ConnId(1), How::Now, ms(100)),
        (ConnId(2), How::Graceful, ms(135)),
    ];
    let got: Vec<_> = releases
        .iter()
        .map(|r| (r.conn, r.how, r.at.unwrap_or_default()))
        .collect();
    if got != expected {
        let cause = if releases
            .first()
            .is_some_and(|r| r.conn == ConnId(2) && r.at == Some(ms(100)))
        {
            " A's giving up released B's connection: what tells a guard which connection \
             it releases must belong to that one call (a field of its own guard), not be \
             shared between calls (a static, a thread-local, a \"current connection\"), \
             which B's acquire overwrote."
        } else {
            ""
        };
        panic!("{story}. The pool saw: {list}.{cause}\n{seen}");
    }
    let used = pool.state().used_after_release;
    if let Some((at, _)) = used {
        panic!(
            "{story}, and so they went ({list}); but a connection was used after it went \
             back, at {at:?}.\n{seen}"
        );
    }
}

/// An error that borrows from the caller and has no `Debug`: nothing asks it to.
struct Failed<'a>(&'a str);

/// Rows that borrow from the caller and have no `Debug` either.
struct Rows<'a>(&'a str);

#[tokio::test(start_paused = true)]
async fn borrowed_results_need_no_bounds() {
    let pool = FakePool::new();
    let db = &pool;
    let table = String::from("users");
    let name = table.as_str();
    // The body returns `&str`s borrowed from this test (not `'static`), in a value and an
    // error type with no `Debug`. If this call does not compile, your with_resource asks
    // for more than the exercise's signature does (`T: 'static`, `T: Debug`, `E: Debug`…):
    // it only hands back what the body returns, and nothing needs to own or print it.
    let result = within(
        WATCHDOG,
        "with_resource with a body that returns borrowed values",
        // Does not compile? Your with_resource asks for more: read the comment above.
        with_resource(&pool, |conn| async move {
            query(db, conn, "SELECT 1")
                .await
                .map_err(|_| Failed(name))?;
            Ok::<Rows<'_>, Failed<'_>>(Rows(name))
        }),
    )
    .await;

    match result {
        Ok(Rows(rows)) => assert_eq!(
            rows, "users",
            "with_resource should return what its body returned"
        ),
        Err(Failed(what)) => panic!("the body succeeded, but with_resource returned Err({what:?})"),
    }
    assert_released_once(
        &pool,
        Expect::Graceful,
        "The body, which returns borrowed values, succeeded at 60ms",
        "Await `pool.release(conn)` after the body, before returning its result.",
    );
}
