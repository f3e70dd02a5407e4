//! The specification for exercise 00.
//!
//! `Wait` is polled by hand, on a mock task (`tokio_test::task::spawn`: we are the
//! executor, and its waker only records whether it was woken) or with wakers defined
//! here, then awaited by a real task on tokio's paused clock. Two tests force the
//! interleavings of a race instead of hoping for them: one calls `open` in the middle of
//! your `poll` (from inside `cx.waker().clone()`), the other polls `Wait` in the middle
//! of your `open` (from inside `wake()`), exactly where another thread could. A gap
//! that no hook reaches (a lock let go and taken again) is left to a real race: a
//! third test runs `open` on another thread against a loop of polls, round after round,
//! for at least 150 rounds and 0.5 s; where such a gap exists, it is found within the
//! first few dozen rounds.
//!
//! `block_on` is tested on plain threads with futures defined here, so its tests do not
//! depend on your latch. It runs outside any runtime, so the paused clock cannot help:
//! these tests take real time. Three hold a wake back for 100 ms and one for 1.5 s
//! (longer than a timeout "just in case"), to see that nothing polls meanwhile; on
//! Linux, one looks at `block_on`'s thread in `/proc` while it holds a wake back, to see
//! that it sleeps in a wait with no timeout (not a spin, a nap or a timed wait); and a
//! `block_on` that is stuck fails after a real-time watchdog of 0.8 s past the time the
//! test should take.
//!
//! Two wrong `block_on`s are out of reach, and known: a waker that skips `unpark()`
//! when a flag says block_on is awake (a wake between block_on's last look at its flag
//! and its `park()` is lost, a gap of a few instructions that only a preemption at that
//! instant hits: a round-12 race of 40 000 to 90 000 wakes a run never found it), and a
//! spin of some tens of milliseconds before `park()` (the looks find it asleep in the
//! end, and /proc's CPU time of a thread on a loaded machine is too coarse to tell it;
//! only a wall-clock bound on the running looks would).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use runtime_and_futures::{Opener, Wait, block_on, latch};
use testkit::{Stopwatch, ms, within};
use tokio_test::{assert_pending, assert_ready, task};

use clone_hook::CloneHook;

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
fn polling_again_while_closed_wakes_nobody() {
    // A task polls its future again for reasons of its own (another branch of a
    // `join!` woke it, say): the same waker, and still nothing to do.
    let (_opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    for poll in 2..=3 {
        assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
        assert!(
            !wait.is_woken(),
            "`Wait` was polled again by the same task (poll {poll}), the latch still \
             closed, and the task had been woken by the end of that poll, though nothing \
             had changed. When `poll` replaces the stored waker, drop the old one without \
             waking it: it may be this very task's. {BUSY}"
        );
    }
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
    if let Err(panic) = quietly(move || opener.open()) {
        panic!(
            "`open()` panicked ({panic:?}) when it was called before `Wait` was ever \
             polled. Nobody waiting yet is fine: there is no waker to wake, so `open` only \
             sets the flag, and the first poll will find it."
        );
    }
    assert_ready!(
        task::spawn(wait).poll(),
        "the latch was opened before `Wait` was polled: it must be Ready at once, \
         without waiting for a wake that already happened"
    );
}

#[test]
fn wait_stays_ready_once_open() {
    let (opener, wait) = latch();
    let mut wait = task::spawn(wait);
    assert_pending!(wait.poll(), "{CLOSED} {TOO_EARLY}");
    opener.open();
    assert_ready!(wait.poll(), "after `open()`, `Wait` must be Ready");
    assert_ready!(
        wait.poll(),
        "`Wait` was Ready once and then, polled again, no longer Ready: a latch stays \
         open. Once `open()` was called, return Ready at every poll (never reset the flag)."
    );
}

#[test]
fn open_wakes_the_waker_of_the_latest_poll() {
    let (opener, wait) = latch();
    // Two polls with two different wakers, as when a future moves between tasks.
    let (first, second) = (Arc::new(Recorder::default()), Arc::new(Recorder::default()));
    let mut wait = Box::pin(wait);
    let mut first_woken = 0;
    for task in [&first, &second] {
        first_woken = first.wakes();
        let polled = wait
            .as_mut()
            .poll(&mut Context::from_waker(&Waker::from(task.clone())));
        assert!(polled.is_pending(), "{CLOSED} {TOO_EARLY}");
    }
    assert!(
        first.wakes() == first_woken,
        "`Wait` was polled by one task, then by another (a different waker), the latch \
         still closed, and the second poll woke the first task's waker, though nothing had \
         changed. A second poll while closed wakes nobody: the future has moved on, so \
         the old task has nothing to poll, and if the old waker is the same task's \
         (`will_wake` cannot always tell), it polls again at once, in a loop. Replace the \
         stored waker and drop the old one without waking it."
    );
    opener.open();
    assert!(
        second.wakes() > 0,
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

// --- Races, forced ---------------------------------------------------------------

#[test]
fn an_open_in_the_middle_of_poll_is_not_lost() {
    let (opener, wait) = latch();
    let opener = Arc::new(Mutex::new(Some(opener)));
    let during_clone = Arc::new(Mutex::new(None));
    // The first time `poll` clones the waker, open the latch right there (on another
    // thread, waiting until `open` returns), unless `poll` holds the latch's lock just
    // then: in that case nothing can slip in, and `open` would wait for the lock.
    let task = CloneHook::new({
        let (opener, during_clone) = (opener.clone(), during_clone.clone());
        move || *during_clone.lock().unwrap() = Some(open_unless_locked(&opener))
    });
    let mut wait = Box::pin(wait);
    let polled = wait.as_mut().poll(&mut Context::from_waker(&task.waker()));
    let during_clone = during_clone.lock().unwrap().take();

    let opened = match during_clone {
        None => {
            assert!(polled.is_pending(), "{CLOSED} {TOO_EARLY}");
            panic!(
                "`Wait::poll` returned Pending without cloning the waker it was given, so \
                 it cannot have stored it for `open` to wake. {STORE_AND_WAKE}"
            );
        }
        Some(Interleaving::Locked) => {
            // The clone came under the lock: the ordinary case, which ends as usual.
            assert!(polled.is_pending(), "{CLOSED} {TOO_EARLY}");
            let before = task.wakes();
            take(&opener).open();
            assert!(
                task.wakes() > before,
                "`Wait` returned Pending, then `open()` was called, and it did not wake \
                 the waiting task. {STORE_AND_WAKE}"
            );
            return;
        }
        Some(Interleaving::Opened(thread)) => thread,
    };
    join(opened);
    assert!(
        polled.is_ready() || task.wakes() > 0,
        "`open()` was called in the middle of `Wait::poll`, from inside its \
         `cx.waker().clone()`, at a moment when the latch's lock was free (as another \
         thread could), and it returned before `poll` did. Then `poll` returned Pending, \
         and the waker it stored was never woken: `open` found no waker to wake, and \
         `poll` must have read the flag before `open` set it. That task would sleep \
         forever. Check the flag and store the waker under one lock (lock once at the \
         top of `poll`, and clone the waker while you hold it)."
    );
}

#[test]
fn a_task_woken_by_open_finds_the_latch_open() {
    let (opener, wait) = latch();
    let wait = Arc::new(Mutex::new(Box::pin(wait)));
    let task = Arc::new(PollOnWake {
        wait: wait.clone(),
        repoll: Mutex::new(None),
        next: Arc::new(Recorder::default()),
    });
    let first = poll_shared(&wait, &Waker::from(task.clone()));
    assert!(first.is_pending(), "{CLOSED} {TOO_EARLY}");

    opener.open();
    let repoll = task.repoll.lock().unwrap().take();
    let (during_open, thread) = match repoll {
        None => panic!(
            "`Wait` returned Pending, then `open()` was called, and it did not wake the \
             waiting task. {STORE_AND_WAKE}"
        ),
        Some(Repoll::UnderLock) => {
            // Woken under the lock: no poll could come in between, so the next one
            // must find the latch open.
            assert!(
                poll_shared(&wait, &Waker::from(task.next.clone())).is_ready(),
                "after `open()`, `Wait` must be Ready"
            );
            return;
        }
        Some(Repoll::Polled {
            during_open,
            thread,
        }) => (during_open, thread),
    };
    let repolled = join(thread);
    if repolled.is_ready() || task.next.wakes() > 0 {
        return;
    }
    let now = poll_shared(&wait, &Waker::from(task.next.clone()));
    assert!(
        !during_open,
        "`open()` woke the waiting task, and the test polled `Wait` again at once, on \
         another thread, while `open()` was still running (as a worker of a multi-thread \
         runtime can). `Wait` was still Pending then, so it stored the new waker, and \
         `open()` returned without waking it: that task would sleep forever{}. Set the \
         flag before you wake: lock, set `open = true`, take the waker, unlock, then wake.",
        if now.is_ready() {
            ", though the latch is open now: `open` set the flag only after the wake"
        } else {
            ""
        }
    );
    assert!(now.is_ready(), "after `open()`, `Wait` must be Ready");
}

#[test]
fn an_open_racing_polls_on_other_threads_is_never_lost() {
    // The two tests above force an interleaving at the moments they can hook (the clone,
    // the wake). A lock dropped and taken again elsewhere leaves a gap where no hook
    // runs; only a real race finds it. Each round, `open` runs on a new thread while
    // this one polls `Wait` in a loop, each poll with the waker of another task.
    if !latch_works_without_a_race() {
        // Wrong without any race: the tests above say how.
        return;
    }
    let started = std::time::Instant::now();
    for round in 1.. {
        match race_open_against_polls() {
            Race::Fine => {}
            Race::Lost => panic!(
                "`open()` ran on another thread while this thread polled `Wait` again and \
                 again (each poll with another task's waker, as on a multi-thread runtime), \
                 a new latch each round. In one round a poll returned Pending, the next \
                 found the latch open, and `open()` woke neither poll's waker: a task that \
                 stopped after that Pending would sleep forever on an open latch. (Polled \
                 one at a time, before and after `open`, the latch works: only the race \
                 loses the wake.) `open` ran at a moment that poll did not cover: \
                 between a poll's check of the flag and its storing of the waker (two \
                 locks), or while `open` held the lock and the poll gave up on it \
                 (`try_lock`) and said Pending without storing its waker; or `open` woke \
                 first and set the flag in a second step. Do each side in one lock, \
                 taken with `lock()`, which waits its turn: `poll` checks and stores \
                 under one guard; `open` sets the flag and takes the waker under one \
                 guard, then wakes."
            ),
            Race::Panicked => return,
            Race::StillPending => panic!(
                "`open()` had returned, and `Wait` was then polled and Pending: once the \
                 latch is open, `Wait` is Ready at every poll."
            ),
        }
        let elapsed = started.elapsed();
        if (round >= RACE_ROUNDS && elapsed > RACE_BUDGET) || elapsed > 3 * RACE_BUDGET {
            break;
        }
    }
}

// --- Cancellation, and a latch nobody opens --------------------------------------

#[test]
fn a_dropped_wait_lets_go_of_its_waker() {
    let (opener, wait) = latch();
    let task = Arc::new(Recorder::default());
    let mut wait = Box::pin(wait);
    let polled = wait
        .as_mut()
        .poll(&mut Context::from_waker(&Waker::from(task.clone())));
    assert!(polled.is_pending(), "{CLOSED} {TOO_EARLY}");

    // Cancelled, as a `timeout` or a `select!` around it would do.
    let before_drop = task.wakes();
    drop(wait);
    assert!(
        task.wakes() == before_drop,
        "The `Wait` returned Pending and was then dropped (cancelled, as a `timeout` or \
         a `select!` would), and the drop woke its task's waker. A cancelled wait wakes \
         nobody: the code that drops it runs in that very task (or the task is gone), so \
         the wake only makes the executor poll it again for nothing. In `impl Drop for \
         Wait`, take the waker out and let it go without waking it."
    );
    let clones = Arc::strong_count(&task) - 1;
    assert!(
        clones == 0,
        "The `Wait` returned Pending and was then dropped (cancelled, as a `timeout` or \
         a `select!` would), and a clone of its task's waker was still alive: something \
         (the shared state, most likely) kept it. It keeps the cancelled task in memory \
         for as long as the `Opener` lives, and `open()` would wake a task that no longer \
         waits. In `impl Drop for Wait`, lock the shared state and set `waker = None`."
    );
    let before = task.wakes();
    if let Err(panic) = quietly(move || opener.open()) {
        panic!(
            "`open()` panicked ({panic:?}) when it was called after the waiting `Wait` had \
             been dropped. Nobody waiting is fine: there is no waker to wake, so `open` \
             only sets the flag."
        );
    }
    assert!(
        task.wakes() == before,
        "`open()` woke the task whose `Wait` had been dropped: that task no longer waits \
         for the latch. A dropped `Wait` takes its waker out of the shared state."
    );
}

#[test]
fn an_opener_dropped_without_open_leaves_the_latch_closed() {
    let (opener, wait) = latch();
    let task = Arc::new(Recorder::default());
    let waker = Waker::from(task.clone());
    let mut wait = Box::pin(wait);
    let polled = wait.as_mut().poll(&mut Context::from_waker(&waker));
    assert!(polled.is_pending(), "{CLOSED} {TOO_EARLY}");
    let before = task.wakes();
    drop(opener);
    assert!(
        task.wakes() == before,
        "The `Opener` was dropped without `open()`, and the waiting task was woken. A \
         dropped `Opener` leaves the latch closed for good (like an `asyncio.Event` that \
         nobody sets): only `open()` opens it and wakes the task."
    );
    assert!(
        wait.as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending(),
        "The `Opener` was dropped without `open()`, and `Wait` was then Ready. A dropped \
         `Opener` leaves the latch closed for good (like an `asyncio.Event` that nobody \
         sets): only `open()` opens it, so do not open in `impl Drop for Opener`."
    );
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

/// How long the test holds a wake back to see whether `block_on` polls meanwhile.
const HOLD_BACK: Duration = Duration::from_millis(100);

/// How long one test holds a wake back, longer than a timeout "just in case" would be.
const LATE: Duration = Duration::from_millis(1500);

/// How many wakes in a row, each at once, `block_on` must answer within the watchdog.
const WAKES: u32 = 20;

/// How many times a future wakes itself before it is Ready: more than any cap on polls.
const YIELDS: u32 = 100_000;

#[test]
fn block_on_returns_the_output_of_a_ready_future() {
    let probe = Probe::default();
    let future = ReadyAtOnce(probe.clone());
    let answer = on_own_thread(
        "block_on(a future that is Ready at once with 42)",
        Duration::ZERO,
        future,
        &probe,
        "The future is Ready at its first poll",
        "Poll first, sleep only after `Pending`, and return the output of `Ready`.",
    );
    assert_eq!(answer, 42);
}

#[test]
fn block_on_polls_again_after_the_future_wakes_itself() {
    let probe = Probe::default();
    let future = YieldTimes {
        times: 3,
        probe: probe.clone(),
    };
    let polls = on_own_thread(
        "block_on(a future that wakes itself 3 times)",
        Duration::ZERO,
        future,
        &probe,
        "The future wakes its own waker while it is being polled, before block_on goes \
         to sleep (as `yield_now` does)",
        "A wake that comes during `poll` must not be lost: `park()` keeps an `unpark()` \
         that came before it and returns at once, but a `Condvar` forgets a notify that \
         nobody was waiting for (pair it with a flag), and a waker that does nothing \
         wakes nobody.",
    );
    assert_eq!(
        polls, 4,
        "the future is Pending 3 times, then Ready on the 4th poll"
    );
}

#[test]
fn block_on_polls_as_often_as_the_future_needs() {
    let probe = Probe::default();
    let future = YieldTimes {
        times: YIELDS,
        probe: probe.clone(),
    };
    let polls = on_own_thread(
        "block_on(a future that wakes itself 100000 times)",
        Duration::ZERO,
        future,
        &probe,
        "The future wakes its own waker and says Pending 100000 times, then Ready",
        "Poll again after every wake, with no cap on the number of polls: a future may \
         need any number of them, and `block_on` cannot know it is stuck.",
    );
    assert_eq!(polls, YIELDS + 1, "Pending {YIELDS} times, then Ready");
}

#[test]
fn block_on_sleeps_until_another_thread_wakes_the_future() {
    let probe = Probe::default();
    let early = on_own_thread(
        "block_on(a future woken from another thread)",
        Duration::ZERO,
        WokenLater::new(&probe, HOLD_BACK, 0),
        &probe,
        "The future says Pending and hands its waker to another thread, which wakes it \
         100 ms later",
        UNPARK_THIS_THREAD,
    );
    assert!(
        early == 0,
        "block_on polled the future again after it said Pending, before anyone had woken \
         it (the test held the wake back for {HOLD_BACK:?}, and the poll came meanwhile): \
         it polls without being woken instead of sleeping, whether in a spin or on a \
         timer (a nap, a `park_timeout`). That burns a core for nothing, or answers every \
         wake late. After `Pending`, put the thread to sleep with `std::thread::park()`, \
         with no timeout, and give the future a waker that wakes it: `Thread::unpark()` \
         in your `impl Wake` (a `Waker::noop()` wakes nobody, so with it the only way to \
         notice progress is to poll and poll again)."
    );
}

#[test]
fn block_on_sleeps_with_no_timeout() {
    let probe = Probe::default();
    let early = on_own_thread(
        "block_on(a future woken from another thread 1.5 s later)",
        LATE,
        WokenLater::new(&probe, LATE, 0),
        &probe,
        "The future says Pending and hands its waker to another thread, which wakes it \
         1.5 s later",
        UNPARK_THIS_THREAD,
    );
    assert!(
        early == 0,
        "block_on polled the future again after it said Pending, before anyone had woken \
         it: the test held the wake back for {LATE:?}, and a poll came meanwhile, so \
         block_on sleeps with a timeout (a nap, a `park_timeout`, a `recv_timeout`, \
         a `wait_timeout`) and polls when it runs out. A timeout \"just in case\" guards \
         against nothing: a wake is never lost (an `unpark()` before `park()` is kept), \
         and a future nobody wakes is not ready either, so the extra poll only finds it \
         Pending again, on a timer, for as long as it waits. Sleep with `park()`, with no \
         timeout."
    );
}

#[test]
fn block_on_sleeps_in_the_kernel_until_woken() {
    // Poll counts cannot see a `block_on` that polls only when woken but does not sleep
    // meanwhile (it spins on a flag its waker sets), nor one whose timeout is longer
    // than the test holds the wake back. Where Linux's /proc shows what a thread is
    // doing, the test looks at block_on's thread while the wake is held back.
    let probe = Probe::default();
    let (early, looks) = on_own_thread(
        "block_on(a future woken from another thread, watched while it waits)",
        HOLD_BACK,
        Watched::new(&probe),
        &probe,
        "The future says Pending and hands its waker to another thread, which looks at \
         block_on's thread 10 times in 100 ms, then wakes it",
        UNPARK_THIS_THREAD,
    );
    assert!(
        early == 0,
        "block_on polled the future again before anyone had woken it (the test held the \
         wake back for {HOLD_BACK:?}). After `Pending`, sleep with `park()` until the \
         waker unparks you."
    );
    let untimed = looks.iter().filter(|l| **l == Look::Untimed).count();
    let told = looks.iter().filter(|l| **l != Look::Unknown).count();
    if untimed > 0 || told == 0 {
        // Asleep in a wait with no timeout (or /proc cannot tell: nothing to check).
        return;
    }
    // What the looks saw, in order of what singles a cause out: a look in a timed wait
    // or in another call is enough; running at every look means it never slept.
    let lesson = if looks.contains(&Look::Timed) {
        "asleep in a wait with a timeout (a `park_timeout`, a `recv_timeout`, a \
         `wait_timeout`), however long: a timer that wakes it for nothing, and \"just in \
         case\" guards against nothing (an `unpark()` before `park()` is kept)"
    } else if looks.contains(&Look::Syscall) {
        "asleep in some other call (`thread::sleep` is one: a nap between looks at a \
         flag is a timer), not in a wait that only the waker ends"
    } else {
        "running at every look: it does not sleep, it loops (a spin on a flag, \
         `yield_now`) and burns a core for as long as the future waits. Polling only \
         when woken is half the job; the other half is to sleep until then"
    };
    panic!(
        "While the test held the wake back, it looked at block_on's thread {} times (in \
         Linux's /proc) and never found it asleep in a wait with no timeout, as in \
         `park()`. It found it {lesson}. Sleep with `park()`, with no timeout, and let \
         the waker's `unpark()` end it.",
        looks.len()
    );
}

#[test]
fn block_on_polls_once_for_wakes_that_came_together() {
    let probe = Probe::default();
    let early = on_own_thread(
        "block_on(a future that wakes itself 3 times in one poll)",
        Duration::ZERO,
        WokenLater::new(&probe, HOLD_BACK, 3),
        &probe,
        "The future wakes its own waker 3 times during its first poll and says Pending; \
         at its next poll it hands its waker to another thread, which wakes it 100 ms \
         later",
        UNPARK_THIS_THREAD,
    );
    assert!(
        early != 2,
        "The future woke its waker 3 times during one poll, and said Pending; block_on \
         polled it again, and then 2 times more while the test held the next wake back \
         and nobody had woken it since: one poll for each of the 3 wakes. Wakes that \
         come before the next poll ask for that one poll together (a wake means \"poll \
         me again\", not \"poll me once more for each wake\"). `park()` keeps a single \
         token however often `unpark()` was called; a flag or a one-slot channel does \
         the same; a queue of wake messages must be emptied before each poll."
    );
    assert!(
        early == 0,
        "The future woke its waker 3 times during one poll; block_on polled it again, \
         and then went on polling while the test held the next wake back and nobody had \
         woken it: it polls without being woken (a spin, a nap, a timeout). After \
         `Pending`, sleep until the waker is woken: `park()`, with no timeout."
    );
}

#[test]
fn block_on_polls_again_as_soon_as_the_future_is_woken() {
    let probe = Probe::default();
    let future = WokenAtOnce {
        probe: probe.clone(),
        times: WAKES,
        wakers: None,
    };
    let polls = on_own_thread(
        "block_on(a future woken 20 times in a row, each time at once, from another thread)",
        Duration::ZERO,
        future,
        &probe,
        "The future is Pending 20 times, and each time another thread wakes its waker at \
         once (a block_on that polls when woken is through all 20 in a few milliseconds)",
        UNPARK_THIS_THREAD,
    );
    assert_eq!(polls, WAKES + 1, "Pending {WAKES} times, then Ready");
}

/// Pending once (after waking itself), then Ready with what it holds plus what it
/// borrows: a future that is not `Send` (it holds an `Rc`) and not `'static` (it
/// borrows a local), as `block_on`'s signature allows.
///
/// IF THIS DOES NOT COMPILE, your `block_on` asks more of its future than the stub's
/// signature does (`F: Send`, `F: 'static`, `F::Output: Send`): keep the signature
/// exactly as the stub has it. `block_on` runs the future on the thread that called it,
/// so it needs neither: keep the future in a local, pinned with `pin!` (or `Box::pin`),
/// not in an `Arc<Mutex<…>>` task that the waker shares, and do not hand it to another
/// thread. Only the waker crosses threads, and it holds a `Thread`, not the future.
struct Local<'a> {
    probe: Probe,
    held: std::rc::Rc<u32>,
    borrowed: &'a u32,
}

impl Future for Local<'_> {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.probe.polled() > 1 {
            self.probe.ready();
            return Poll::Ready(*self.held + *self.borrowed);
        }
        self.probe.woke();
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Calls `block_on` as its signature allows, on a future made on this thread that holds
/// an `Rc` and borrows a local (see the note above `struct Local`).
fn block_on_a_local_future(probe: Probe) -> u32 {
    let local = 2;
    let future = Local {
        probe,
        held: std::rc::Rc::new(40),
        borrowed: &local,
    };
    block_on(future) // Error? Read the note above `struct Local`.
}

#[test]
fn block_on_takes_a_future_that_is_neither_send_nor_static() {
    let probe = Probe::default();
    let answer = run_on_own_thread(
        "block_on(a future that holds an `Rc` and borrows a local)",
        Duration::ZERO,
        {
            let probe = probe.clone();
            move || block_on_a_local_future(probe)
        },
        &probe,
        "The future holds an `Rc` and borrows a local of the thread that calls block_on; \
         it wakes itself once, says Pending, then is Ready with 42",
        "Poll again after the wake, and return the output of `Ready`.",
    );
    assert_eq!(answer, 42, "the future is Ready with 40 + 2");
}

const UNPARK_THIS_THREAD: &str = "The waker must unpark the thread that sleeps in \
    block_on, and nothing else should decide when to poll again: take \
    `thread::current()` in block_on, before the loop, keep it in your waker, call \
    `.unpark()` on it in `wake`, and sleep with `park()` (an unpark that comes before \
    `park()` is remembered, so a wake during `poll` is not lost).";

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

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Recorder {
    wakes: AtomicUsize,
}

impl Recorder {
    fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

impl Wake for Recorder {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

/// How long `an_open_racing_polls_on_other_threads_is_never_lost` races: at least this
/// many rounds and this long, and never longer than three times as long. A gap is found
/// within the first few dozen rounds, where there is one; a correct latch pays the
/// whole budget, in parallel with the other tests.
const RACE_ROUNDS: u32 = 150;
const RACE_BUDGET: Duration = Duration::from_millis(500);

/// How one round of the race ended.
enum Race {
    Fine,
    /// A poll was Pending, and neither its waker nor the next poll's was woken.
    Lost,
    /// `open` had returned before a poll, and that poll was Pending.
    StillPending,
    /// `open` panicked (when nobody waited yet, say): the tests above say so.
    Panicked,
}

/// Whether the latch does, with no race, what the race test checks: three polls by
/// three tasks, then `open`, which wakes the third, then Ready.
fn latch_works_without_a_race() -> bool {
    let (opener, wait) = latch();
    let mut wait = Box::pin(wait);
    let tasks: [Arc<Recorder>; 3] = Default::default();
    for task in &tasks {
        let waker = Waker::from(task.clone());
        if wait
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready()
        {
            return false;
        }
    }
    opener.open();
    let waker = Waker::from(tasks[0].clone());
    tasks[2].wakes() > 0
        && wait
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready()
}

/// Calls `open` on a new thread while this one polls `Wait` until it is Ready, with
/// three wakers in turn (three tasks): the last Pending poll's waker, or the waker of the
/// Ready poll after it (a poll may store its waker and then find the latch open), must
/// have been woken once `open` returns.
fn race_open_against_polls() -> Race {
    let (opener, wait) = latch();
    let mut wait = Box::pin(wait);
    let tasks: [Arc<Recorder>; 3] = Default::default();
    let wakers = tasks.clone().map(Waker::from);
    let opened = Arc::new(AtomicBool::new(false));
    let opening = thread::spawn({
        let opened = opened.clone();
        move || {
            let outcome = quietly(move || opener.open());
            opened.store(true, Ordering::SeqCst);
            outcome
        }
    });
    let mut polls = 0;
    loop {
        let after_open = opened.load(Ordering::SeqCst);
        let polled = wait
            .as_mut()
            .poll(&mut Context::from_waker(&wakers[polls % 3]));
        polls += 1;
        if polled.is_ready() {
            break;
        }
        if after_open {
            return match join(opening) {
                Ok(()) => Race::StillPending,
                Err(_) => Race::Panicked,
            };
        }
    }
    if join(opening).is_err() {
        return Race::Panicked;
    }
    let woken = |poll: usize| tasks[(poll - 1) % 3].wakes() > 0;
    if polls > 1 && !woken(polls - 1) && !woken(polls) {
        return Race::Lost;
    }
    Race::Fine
}

/// Polls the `Wait` in `slot` once with `waker`.
fn poll_shared(slot: &Mutex<Pin<Box<Wait>>>, waker: &Waker) -> Poll<()> {
    slot.lock()
        .unwrap()
        .as_mut()
        .poll(&mut Context::from_waker(waker))
}

/// Whether the latch's lock is held right now, read without taking it: `Debug` for a
/// `Mutex` (or an `RwLock`) only tries the lock, and prints `<locked>` when it is held.
fn locked(half: &impl std::fmt::Debug) -> bool {
    format!("{half:?}").contains("<locked>")
}

/// What the clone hook of `an_open_in_the_middle_of_poll_is_not_lost` did.
enum Interleaving {
    /// `poll` held the lock while it cloned the waker: nothing can slip in.
    Locked,
    /// `open` ran on this thread while `poll` was in the middle of its clone (it
    /// returned within a second, unless `poll` held a lock that `Debug` does not show).
    Opened(JoinHandle<()>),
}

/// Calls `open` on another thread now, and waits for it, unless the latch is locked.
fn open_unless_locked(opener: &Mutex<Option<Opener>>) -> Interleaving {
    let mut slot = opener.lock().unwrap();
    if slot.as_ref().is_none_or(locked) {
        return Interleaving::Locked;
    }
    let opener = slot.take().expect("checked just above");
    let (done, finished) = mpsc::channel();
    let thread = thread::spawn(move || {
        opener.open();
        let _ = done.send(());
    });
    // A free lock means `open` is done in microseconds; the second is for a lock that
    // `Debug` cannot see, so that even then the test does not deadlock.
    let _ = finished.recv_timeout(Duration::from_secs(1));
    Interleaving::Opened(thread)
}

fn take(opener: &Mutex<Option<Opener>>) -> Opener {
    opener
        .lock()
        .unwrap()
        .take()
        .expect("the opener is used once")
}

/// The waker of `a_task_woken_by_open_finds_the_latch_open`: the first time it is
/// woken, it polls `Wait` again at once on another thread, as a worker of a
/// multi-thread runtime may, while `open` is still running, and waits for that poll
/// (unless the latch's lock is held just then: a correct `open` may wake under the
/// lock, and the poll would wait for it).
struct PollOnWake {
    wait: Arc<Mutex<Pin<Box<Wait>>>>,
    repoll: Mutex<Option<Repoll>>,
    /// The waker of that second poll.
    next: Arc<Recorder>,
}

enum Repoll {
    /// Woken while the latch's lock was held: no poll could come in between.
    UnderLock,
    /// Polled again from `thread`; `during_open` if that poll ended before `wake`
    /// returned.
    Polled {
        during_open: bool,
        thread: JoinHandle<Poll<()>>,
    },
}

impl Wake for PollOnWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut repoll = self.repoll.lock().unwrap();
        if repoll.is_some() {
            return;
        }
        // Busy: this wake comes from inside a poll (a `Wait` that wakes itself, which
        // other tests catch). Only a wake from `open` is of interest here.
        let Ok(wait) = self.wait.try_lock() else {
            return;
        };
        let under_lock = locked(&*wait);
        drop(wait);
        if under_lock {
            *repoll = Some(Repoll::UnderLock);
            return;
        }
        let (wait, next) = (self.wait.clone(), Waker::from(self.next.clone()));
        let (done, finished) = mpsc::channel();
        let thread = thread::spawn(move || {
            let polled = poll_shared(&wait, &next);
            let _ = done.send(());
            polled
        });
        let during_open = finished.recv_timeout(Duration::from_secs(1)).is_ok();
        *repoll = Some(Repoll::Polled {
            during_open,
            thread,
        });
    }
}

/// A waker that runs a hook the first time it is cloned, and counts its wakes.
///
/// The only `unsafe` code in the course's tests: with `std::task::Wake`, cloning a
/// `Waker` is an `Arc` increment that nobody can watch, so a waker that acts when it is
/// cloned needs a vtable of its own. Each function does what `Wake`'s would, on the
/// `Arc<CloneHook>` whose pointer is the waker's data.
mod clone_hook {
    #![allow(unsafe_code)]

    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::task::{RawWaker, RawWakerVTable, Waker};

    type Hook = Box<dyn FnOnce() + Send>;

    pub struct CloneHook {
        hook: Mutex<Option<Hook>>,
        wakes: AtomicUsize,
    }

    impl CloneHook {
        pub fn new(hook: impl FnOnce() + Send + 'static) -> Arc<Self> {
            Arc::new(Self {
                hook: Mutex::new(Some(Box::new(hook))),
                wakes: AtomicUsize::new(0),
            })
        }

        pub fn wakes(&self) -> usize {
            self.wakes.load(Ordering::SeqCst)
        }

        pub fn waker(self: &Arc<Self>) -> Waker {
            let data = Arc::into_raw(Arc::clone(self)).cast::<()>();
            // SAFETY: `data` is an `Arc<CloneHook>` made into a pointer, owning one
            // strong count, which is what every function of `VTABLE` expects.
            unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
        }
    }

    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_waker, wake, wake_by_ref, drop_waker);

    /// # Safety
    /// `data` comes from `CloneHook::waker` or `clone_waker`, and its waker is alive.
    unsafe fn clone_waker(data: *const ()) -> RawWaker {
        // SAFETY: the waker being cloned owns a strong count, so the `Arc` is alive.
        unsafe { Arc::increment_strong_count(data.cast::<CloneHook>()) };
        // SAFETY: as above; the new count keeps it alive while the hook runs.
        let this = unsafe { &*data.cast::<CloneHook>() };
        let hook = this.hook.lock().unwrap().take();
        if let Some(hook) = hook {
            hook();
        }
        RawWaker::new(data, &VTABLE)
    }

    /// # Safety
    /// As for `clone_waker`; the waker is consumed, and its count with it.
    unsafe fn wake(data: *const ()) {
        // SAFETY: the waker being woken is alive until `drop_waker` below.
        unsafe {
            wake_by_ref(data);
            drop_waker(data);
        }
    }

    /// # Safety
    /// As for `clone_waker`.
    unsafe fn wake_by_ref(data: *const ()) {
        // SAFETY: the waker is alive, so its `Arc` is.
        let this = unsafe { &*data.cast::<CloneHook>() };
        this.wakes.fetch_add(1, Ordering::SeqCst);
    }

    /// # Safety
    /// As for `clone_waker`; gives back the count the waker owned.
    unsafe fn drop_waker(data: *const ()) {
        // SAFETY: every waker owns one strong count, given back exactly once, here.
        unsafe { Arc::decrement_strong_count(data.cast::<CloneHook>()) };
    }
}

/// What a `block_on` test's future has seen, read by the test's watchdog when
/// `block_on` is stuck.
#[derive(Clone, Default)]
struct Probe(Arc<ProbeState>);

#[derive(Default)]
struct ProbeState {
    polls: AtomicU32,
    woken: AtomicBool,
    ready: AtomicBool,
}

impl Probe {
    /// Counts a poll; returns how many there were, this one included.
    fn polled(&self) -> u32 {
        self.0.polls.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn polls(&self) -> u32 {
        self.0.polls.load(Ordering::SeqCst)
    }

    /// Marks the future woken, just before its waker is woken.
    fn woke(&self) {
        self.0.woken.store(true, Ordering::SeqCst);
    }

    fn woken(&self) -> bool {
        self.0.woken.load(Ordering::SeqCst)
    }

    /// Marks the future Ready, just before it says so.
    fn ready(&self) {
        self.0.ready.store(true, Ordering::SeqCst);
    }

    /// Why `block_on` is stuck, from what the future saw: `polls_earlier` is how many
    /// polls there were 0.5 s before, `setting` what the future does, `lesson` what to
    /// do about it.
    fn diagnosis(&self, polls_earlier: u32, setting: &str, lesson: &str) -> String {
        let polls = self.polls();
        if polls == 0 {
            format!(
                "{setting}, and block_on never polled it: poll first, and sleep only \
                 after `Pending`."
            )
        } else if self.0.ready.load(Ordering::SeqCst) {
            format!(
                "{setting}. block_on polled it, and it said Ready, but block_on did not \
                 return. {lesson}"
            )
        } else if polls > polls_earlier {
            format!(
                "{setting}. block_on is still polling it, but slowly: it polls again at a \
                 pace of its own (a timer, a nap between polls), not when the waker is \
                 woken. {lesson}"
            )
        } else if self.woken() {
            format!(
                "{setting}. The waker was woken, and block_on has not polled the future \
                 since. {lesson}"
            )
        } else {
            format!(
                "{setting}. block_on polled the future, which said Pending, and has not \
                 polled it since. {lesson}"
            )
        }
    }
}

/// Ready at once with 42.
struct ReadyAtOnce(Probe);

impl Future for ReadyAtOnce {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u32> {
        self.0.polled();
        self.0.ready();
        Poll::Ready(42)
    }
}

/// Pending `times` times, waking itself each time (like `tokio::task::yield_now`),
/// then Ready with the number of polls it took.
struct YieldTimes {
    times: u32,
    probe: Probe,
}

impl Future for YieldTimes {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let polls = self.probe.polled();
        if polls > self.times {
            self.probe.ready();
            return Poll::Ready(polls);
        }
        self.probe.woke();
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Pending on its first poll (after waking itself `burst` times, if any: those wakes ask
/// for one more poll, which comes first), which hands its waker to a new thread; that
/// thread holds the wake back for `hold_back`, or until the future is polled again (the
/// whole time after a burst), then wakes it, as an I/O thread would when data arrives. Ready with the number of polls
/// that came in between, before the wake: an executor that sleeps until woken makes none.
struct WokenLater {
    probe: Probe,
    hold_back: Duration,
    burst: u32,
    /// Hold the wake back the whole time, counting early polls, instead of waking at the
    /// first (after a burst, so that the polls that answer it can be counted).
    count_early_polls: bool,
    /// Set by the waking thread just before it wakes the future.
    released: Arc<AtomicBool>,
    /// Tells the waking thread that the future was polled again before the wake.
    polled_again: Option<mpsc::Sender<()>>,
    early: u32,
}

impl WokenLater {
    fn new(probe: &Probe, hold_back: Duration, burst: u32) -> Self {
        Self {
            probe: probe.clone(),
            hold_back,
            burst,
            count_early_polls: false,
            released: Arc::default(),
            polled_again: None,
            early: 0,
        }
    }
}

impl Future for WokenLater {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let this = self.get_mut();
        this.probe.polled();
        if this.released.load(Ordering::SeqCst) {
            this.probe.ready();
            return Poll::Ready(this.early);
        }
        if this.burst > 0 {
            this.count_early_polls = true;
            this.probe.woke();
            for _ in 0..std::mem::take(&mut this.burst) {
                cx.waker().wake_by_ref();
            }
            return Poll::Pending;
        }
        if let Some(polled_again) = &this.polled_again {
            // Polled again, and nobody woke us yet.
            this.early += 1;
            let _ = polled_again.send(());
            return Poll::Pending;
        }
        let (polled_again, early_poll) = mpsc::channel();
        this.polled_again = Some(polled_again);
        let (probe, released, waker) = (
            this.probe.clone(),
            this.released.clone(),
            cx.waker().clone(),
        );
        let (hold_back, count_them) = (this.hold_back, this.count_early_polls);
        thread::spawn(move || {
            if count_them {
                thread::sleep(hold_back);
            } else {
                let _ = early_poll.recv_timeout(hold_back);
            }
            released.store(true, Ordering::SeqCst);
            probe.woke();
            waker.wake();
        });
        Poll::Pending
    }
}

/// What block_on's thread was doing at one look, in Linux's /proc.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Look {
    /// Asleep in `futex` with no timeout: `park()`, `Condvar::wait`, `recv()`.
    Untimed,
    /// Asleep in `futex` with a timeout: `park_timeout`, `wait_timeout`, `recv_timeout`.
    Timed,
    /// Running, or ready to run: a spin, `yield_now`.
    Running,
    /// In another system call (`thread::sleep` is `clock_nanosleep`).
    Syscall,
    /// /proc cannot tell (another system, or no access).
    Unknown,
}

/// The number of the `futex` system call, where the test knows it.
const FUTEX: Option<u64> = if cfg!(not(target_os = "linux")) {
    None
} else if cfg!(target_arch = "x86_64") {
    Some(202)
} else if cfg!(target_arch = "aarch64") {
    Some(98)
} else {
    None
};

/// This thread's directory under /proc ("pid/task/tid"), where /proc tells.
fn this_thread() -> Option<String> {
    FUTEX?;
    let path = std::fs::read_link("/proc/thread-self").ok()?;
    Some(path.to_string_lossy().into_owned())
}

/// What `thread` (from [`this_thread`]) is doing now.
fn look_at(thread: &str) -> Look {
    let (Some(futex), Ok(stat)) = (
        FUTEX,
        std::fs::read_to_string(format!("/proc/{thread}/stat")),
    ) else {
        return Look::Unknown;
    };
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    if state == Some('R') {
        return Look::Running;
    }
    let Ok(syscall) = std::fs::read_to_string(format!("/proc/{thread}/syscall")) else {
        return Look::Unknown;
    };
    // "number arg1 arg2 ...", or "running"; futex's 4th argument is the timeout.
    let mut fields = syscall.split_whitespace();
    match fields.next() {
        Some("running") => Look::Running,
        Some(number) => match number.parse::<u64>() {
            Ok(number) if number == futex => match fields.nth(3) {
                Some("0x0") => Look::Untimed,
                Some(_) => Look::Timed,
                None => Look::Unknown,
            },
            Ok(_) => Look::Syscall,
            Err(_) => Look::Unknown,
        },
        None => Look::Unknown,
    }
}

/// Pending at its first poll, which hands its waker to a new thread; that thread looks
/// at the polling thread (the one in block_on) 10 times in 100 ms, then wakes the
/// future. Ready with the number of polls before the wake and what the looks saw.
struct Watched {
    probe: Probe,
    released: Arc<AtomicBool>,
    looks: Arc<Mutex<Vec<Look>>>,
    started: bool,
    early: u32,
}

impl Watched {
    fn new(probe: &Probe) -> Self {
        Self {
            probe: probe.clone(),
            released: Arc::default(),
            looks: Arc::default(),
            started: false,
            early: 0,
        }
    }
}

impl Future for Watched {
    type Output = (u32, Vec<Look>);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.probe.polled();
        if this.released.load(Ordering::SeqCst) {
            this.probe.ready();
            let looks = std::mem::take(&mut *this.looks.lock().unwrap());
            return Poll::Ready((this.early, looks));
        }
        if std::mem::replace(&mut this.started, true) {
            this.early += 1;
            return Poll::Pending;
        }
        let thread = this_thread();
        let (probe, released, looks, waker) = (
            this.probe.clone(),
            this.released.clone(),
            this.looks.clone(),
            cx.waker().clone(),
        );
        thread::spawn(move || {
            for _ in 0..10 {
                thread::sleep(HOLD_BACK / 10);
                let look = thread.as_deref().map_or(Look::Unknown, look_at);
                looks.lock().unwrap().push(look);
            }
            released.store(true, Ordering::SeqCst);
            probe.woke();
            waker.wake();
        });
        Poll::Pending
    }
}

/// Pending `times` times; each time another thread wakes it at once. Ready with the
/// number of polls it took.
struct WokenAtOnce {
    probe: Probe,
    times: u32,
    wakers: Option<mpsc::Sender<Waker>>,
}

impl Future for WokenAtOnce {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let this = self.get_mut();
        let polls = this.probe.polled();
        if polls > this.times {
            this.probe.ready();
            return Poll::Ready(polls);
        }
        let probe = this.probe.clone();
        let wakers = this.wakers.get_or_insert_with(|| {
            let (wakers, to_wake) = mpsc::channel::<Waker>();
            thread::spawn(move || {
                for waker in to_wake {
                    probe.woke();
                    waker.wake();
                }
            });
            wakers
        });
        let _ = wakers.send(cx.waker().clone());
        Poll::Pending
    }
}

/// Runs `block_on(future)` on a thread of its own and waits for it at most 0.8 s more
/// than it should take (`takes`); if it is still blocked then, fails with what `probe`
/// saw of the future (`setting` says what the future does, `lesson` what to do).
///
/// A real-time wait, but only when something is wrong: `block_on` runs outside any
/// runtime, so the paused clock cannot bound it. A correct `block_on` returns in
/// microseconds (or just after a wake that a test holds back); the watchdog turns a
/// hang into a failure. It looks at the polls 0.3 s after `takes` and at 0.8 s after
/// it: a `block_on` that polls on a timer is still polling; one that missed a wake is
/// not.
fn on_own_thread<F>(
    what: &str,
    takes: Duration,
    future: F,
    probe: &Probe,
    setting: &str,
    lesson: &str,
) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    run_on_own_thread(
        what,
        takes,
        move || block_on(future),
        probe,
        setting,
        lesson,
    )
}

/// [`on_own_thread`] for a future that cannot be sent to that thread: `run` makes it
/// there and calls `block_on` on it.
fn run_on_own_thread<T: Send + 'static>(
    what: &str,
    takes: Duration,
    run: impl FnOnce() -> T + Send + 'static,
    probe: &Probe,
    setting: &str,
    lesson: &str,
) -> T {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        // A panic is caught quietly and reported below, with what the future was doing.
        let output = quietly(std::panic::AssertUnwindSafe(run));
        let _ = done.send(());
        output
    });
    let returned = |outcome| !matches!(outcome, Err(RecvTimeoutError::Timeout));
    let mut polls_earlier = 0;
    // Ok: it returned (or panicked, caught). Disconnected: the thread died otherwise.
    let ended = returned(finished.recv_timeout(takes + Duration::from_millis(300))) || {
        polls_earlier = probe.polls();
        returned(finished.recv_timeout(Duration::from_millis(500)))
    };
    if !ended {
        panic!(
            "{what} was still blocked after {:?}. {}",
            takes + Duration::from_millis(800),
            probe.diagnosis(polls_earlier, setting, lesson)
        );
    }
    join(worker).unwrap_or_else(|text| {
        panic!(
            "{what} panicked: \"{text}\". {setting}: block_on polls it until it is Ready, \
             however many polls that takes, and returns its output."
        )
    })
}

/// Runs `f` on this thread, catching its panic without printing it: the test's own
/// message then says what happened, with the panic's text in it.
fn quietly<R>(f: impl FnOnce() -> R + std::panic::UnwindSafe) -> Result<R, String> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let outcome = std::panic::catch_unwind(f);
    QUIET.with(|quiet| quiet.set(false));
    outcome.map_err(|panic| {
        testkit::panic_text(&*panic)
            .unwrap_or("a panic without a message")
            .to_owned()
    })
}

/// Joins `thread`, passing its panic (with the message it printed) on to the test.
fn join<T>(thread: JoinHandle<T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
