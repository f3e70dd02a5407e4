//! The specification for exercise 00.
//!
//! `Wait` is polled by hand on a mock task (`tokio_test::task::spawn`: we are the
//! executor, and its waker only records whether it was woken), then awaited by a real
//! task on tokio's paused clock. `block_on` is tested on plain threads with futures
//! defined here, so its tests do not depend on your latch.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use runtime_and_futures::{block_on, latch};
use testkit::{Stopwatch, ms, within};
use tokio_test::{assert_pending, assert_ready, task};

/// The message of a poll that should have been Pending.
const CLOSED: &str = "`Wait` was Ready while the latch was closed: `open()` had not been called.";

const TOO_EARLY: &str = "`Poll::Ready` means \"the result is here\": the code awaiting \
    `Wait` goes on as if the latch were open. While `open` is false, return \
    `Poll::Pending`.";

const STORE_AND_WAKE: &str = "After `Pending`, a task is polled again only when its \
    waker is woken. In `Wait::poll`, store `cx.waker().clone()` in the shared state; in \
    `open`, take it out and call `.wake()` on it.";

const BUSY: &str = "Waking yourself when nothing changed makes the executor poll you \
    again at once, and again: a busy loop that burns a CPU core for nothing and never \
    lets the runtime go idle. Store the waker and return `Pending`; `open` is the one \
    that wakes it.";

// --- Wait, polled by hand --------------------------------------------------------

#[test]
fn wait_is_pending_until_opened() {
    let (_opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    assert_pending!(
        wait.poll(),
        "`Wait` was Pending, then Ready on the second poll, and `open()` was never \
         called. {TOO_EARLY}"
    );
}

#[test]
fn pending_wait_does_not_wake_itself() {
    let (_opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    assert!(
        !wait.is_woken(),
        "`Wait` returned Pending and woke its own task, before `open()` was called. {BUSY}"
    );
}

#[test]
fn open_wakes_the_waiting_task() {
    let (opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    opener.open();
    assert!(
        wait.is_woken(),
        "`Wait` returned Pending, then `open()` was called, and the waiting task was \
         not woken: an executor would never poll it again. {STORE_AND_WAKE}"
    );
    assert_ready!(
        wait.poll(),
        "after `open()`, `Wait` must be Ready when it is polled"
    );
}

#[test]
fn wait_is_ready_at_once_if_opened_before_the_first_poll() {
    let (opener, wait) = latch();
    opener.open();
    assert_ready!(
        task::spawn(wait).poll(),
        "the latch was opened before `Wait` was polled: it must be Ready at once, \
         without waiting for a wake that already happened"
    );
}

#[test]
fn open_wakes_the_waker_of_the_latest_poll() {
    let (opener, mut wait) = latch();
    // Two polls with two different wakers, as when a future moves between tasks.
    let mut first = task::spawn(&mut wait);
    assert_pending!(first.poll(), "{CLOSED} {TOO_EARLY}");
    drop(first);
    let mut second = task::spawn(&mut wait);
    assert_pending!(second.poll(), "{CLOSED} {TOO_EARLY}");
    opener.open();
    assert!(
        second.is_woken(),
        "`Wait` was polled by one task, then by another, and `open()` did not wake the \
         second. The waker to wake is the one from the latest poll (a future can move \
         to another task between polls): on every Pending poll store \
         `cx.waker().clone()`, replacing the old one, and wake it in `open`."
    );
}

#[test]
fn open_from_another_thread_wakes_the_waiting_task() {
    let (opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    join(thread::spawn(move || opener.open()));
    assert!(
        wait.is_woken(),
        "`open()` on another thread did not wake the waiting task. {STORE_AND_WAKE}"
    );
    assert_ready!(wait.poll(), "after `open()`, `Wait` must be Ready");
}

// --- Wait, awaited by a task on the paused clock -----------------------------------

#[tokio::test(start_paused = true)]
async fn a_task_awaiting_wait_resumes_when_another_task_opens_the_latch() {
    let (opener, wait) = latch();
    tokio::spawn(async move {
        tokio::time::sleep(ms(100)).await;
        opener.open();
    });

    let watch = Stopwatch::start();
    within(
        ms(10_000),
        "awaiting `Wait` (another task opens the latch at 100ms)",
        PollLimit::new(wait),
    )
    .await;

    let took = watch.elapsed();
    let lesson = if took < ms(100) {
        format!("`Wait` finished before the latch was opened. {TOO_EARLY}")
    } else {
        format!(
            "The latch opened at 100ms, but the task awaiting `Wait` went on only at \
             {took:?}, when the test's watchdog happened to poll it again: `open()` did \
             not wake it. {STORE_AND_WAKE}"
        )
    };
    watch.assert_elapsed(ms(100), lesson);
}

// --- block_on, on plain threads ------------------------------------------------

#[test]
fn block_on_returns_the_output_of_a_ready_future() {
    let answer = on_own_thread("block_on(async { 6 * 7 })", async { 6 * 7 });
    assert_eq!(answer, 42);
}

#[test]
fn block_on_polls_again_after_the_future_wakes_itself() {
    let polls = on_own_thread(
        "block_on(a future that wakes itself 3 times)",
        YieldTimes { times: 3, polls: 0 },
    );
    assert_eq!(
        polls, 4,
        "the future is Pending 3 times, then Ready on the 4th poll"
    );
}

#[test]
fn block_on_sleeps_until_another_thread_wakes_the_future() {
    let polls_while_waiting = on_own_thread(
        "block_on(a future woken from another thread)",
        WokenFromAnotherThread::default(),
    );
    assert!(
        polls_while_waiting == 0,
        "block_on polled the future again and again after it said Pending, before \
         anyone had woken it: it spins instead of sleeping, burning a core while it \
         waits. After `Pending`, put the thread to sleep (`std::thread::park()`) and \
         give the future a waker that wakes it (`Thread::unpark()` in your `impl \
         Wake`). A `Waker::noop()` wakes nobody, so with it the only way to notice \
         progress is to poll and poll again."
    );
}

// --- Fixtures --------------------------------------------------------------------

/// Wraps the future under test and fails at once if it is polled again and again: a
/// future that wakes itself on every Pending keeps the runtime busy, so the paused
/// clock never moves on (it jumps only when every task waits), and the test would hang
/// instead of failing.
struct PollLimit<F> {
    future: Pin<Box<F>>,
    polls: u32,
}

impl<F> PollLimit<F> {
    const MAX: u32 = 1000;

    fn new(future: F) -> Self {
        Self {
            future: Box::pin(future),
            polls: 0,
        }
    }
}

impl<F: Future> Future for PollLimit<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        assert!(
            self.polls <= Self::MAX,
            "`Wait` was polled {} times while the latch was closed, and the paused clock \
             never reached 100ms, when the other task opens the latch (it moves on only \
             when every task waits). {BUSY}",
            Self::MAX
        );
        self.future.as_mut().poll(cx)
    }
}

/// Pending `times` times, waking itself each time (like `tokio::task::yield_now`),
/// then Ready with the number of polls it took.
struct YieldTimes {
    times: u32,
    polls: u32,
}

impl Future for YieldTimes {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls > self.times {
            return Poll::Ready(self.polls);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Pending on its first poll, which hands its waker to a new thread; that thread sets
/// the reply and wakes it, as an I/O thread would when data arrives. Ready with the
/// number of polls that came in between, before the wake: an executor that sleeps
/// until woken makes none.
#[derive(Default)]
struct WokenFromAnotherThread {
    replied: Arc<AtomicBool>,
    asked: bool,
    polls_while_waiting: u32,
}

impl Future for WokenFromAnotherThread {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.replied.load(Ordering::SeqCst) {
            return Poll::Ready(self.polls_while_waiting);
        }
        if self.asked {
            // Polled again, and nothing has changed: nobody woke us yet.
            self.polls_while_waiting += 1;
            return Poll::Pending;
        }
        self.asked = true;
        let (replied, waker) = (self.replied.clone(), cx.waker().clone());
        thread::spawn(move || {
            // Let the executor's thread run first (a new thread usually starts later
            // anyway): an executor that polls without being woken shows it now.
            for _ in 0..100 {
                thread::yield_now();
            }
            replied.store(true, Ordering::SeqCst);
            waker.wake();
        });
        Poll::Pending
    }
}

/// Runs `block_on(future)` on a thread of its own and waits for it at most 2 s.
///
/// The one real-time wait in these tests: `block_on` runs outside any runtime, so the
/// paused clock cannot bound it. A correct `block_on` returns in microseconds; the
/// 2 s pass only when it is stuck, to turn that hang into a failure.
fn on_own_thread<F>(what: &str, future: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        let output = block_on(future);
        let _ = done.send(());
        output
    });
    match finished.recv_timeout(Duration::from_secs(2)) {
        // Ok: it returned. Disconnected: it panicked; `join` passes the panic on.
        Ok(()) | Err(RecvTimeoutError::Disconnected) => join(worker),
        Err(RecvTimeoutError::Timeout) => panic!(
            "{what} was still blocked after 2 s, though the future had been woken. The \
             waker must unpark the thread that sleeps in block_on: take \
             `thread::current()` in block_on, before the loop, keep it in your waker, \
             and call `.unpark()` on it in `wake` (an unpark that comes before `park()` \
             is remembered, so a wake during `poll` is not lost)."
        ),
    }
}

/// Joins `thread`, passing its panic (with the message it printed) on to the test.
fn join<T>(thread: thread::JoinHandle<T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
