//! A task that never stops running, caught instead of hanging the suite.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Waker;
use std::time::Duration;

use tokio::time::Instant;

use crate::naps::Sleeper;

/// How often the lookout thread wakes the watched future, once it has started.
const LOOK_EVERY: Duration = Duration::from_millis(20);

/// How often the lookout looks whether the test's thread is in `std::thread::sleep`.
const NAP_LOOK_EVERY: Duration = Duration::from_millis(1);

/// How many lookout wake-ups, answered while the clock stands still, make it stuck.
const LOOKS: u32 = 3;

/// How long the test's thread may stay away from the watched future, in one poll that
/// does not return or after a wake-up that is not answered, before it counts as
/// blocked. Code on the paused clock polls in microseconds; this is generous.
const BLOCKED_FOR: Duration = Duration::from_secs(2);

/// [`BLOCKED_FOR`], or the milliseconds in `TESTKIT_BLOCKED_FOR_MS` (for testkit's own
/// test of a blocked thread, which runs in a child process and should not wait 2 s).
fn blocked_for() -> Duration {
    static LIMIT: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("TESTKIT_BLOCKED_FOR_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(BLOCKED_FOR, Duration::from_millis)
    })
}

/// Runs `inner`, failing the test at once if tokio's clock stands still for
/// `still_for` of real time while nothing `inner` waits for wakes it.
///
/// [`no_spin`](crate::no_spin) catches a loop that never waits in the future the test
/// awaits. A loop in a task of its own (an actor, a worker, a producer that yields
/// between tries) is never polled by that future: it keeps tokio busy, so the paused
/// clock never moves on, no timeout fires, and the test hangs for real with nothing to
/// count. Here a helper thread, the lookout, wakes `inner` every few milliseconds once
/// `still_for / 2` of real time has passed. If the runtime answers those wake-ups while
/// the clock stands still and nothing else has woken `inner` for `still_for`, some
/// task is running without end. Code that waits never meets that: while the clock
/// stands still it is working, and its work wakes what waits for it.
///
/// A thread that is blocked (`std::thread::sleep`, `futures::executor::block_on`, a
/// blocking `recv` or lock, a loop that never returns) cannot answer at all, so no
/// panic of the test could ever be raised on it. When a poll of `inner` has not
/// returned, or a wake-up has not been answered, for [`BLOCKED_FOR`] of real time, the
/// lookout writes the failure in libtest's format, naming the test, and ends the test
/// process (exit code 101, as a failed run). The other tests of that run are stopped
/// with it, and the failure says so.
///
/// A `std::thread::sleep` of any length on the test's thread, in the code under test
/// or a task it spawned, blocks every task there while the paused clock stands still,
/// so no other check sees it. Where Linux's /proc tells which system call a thread is
/// in, the lookout looks every millisecond; once it has seen the thread asleep in
/// `std::thread::sleep`, the next poll of `inner` (or its last) fails the test, saying
/// so. Sleeps much shorter than a millisecond may go unseen; they are found as often
/// as they are long.
///
/// This is the one helper here that reads the real clock, and only to tell "stuck"
/// from "working"; nothing is asserted about speed. `lesson` writes the failure from
/// how often `inner` had been polled at that instant and how far into the watch (in
/// virtual time) it happened.
pub async fn no_busy_task<F, L>(still_for: Duration, lesson: L, inner: F) -> F::Output
where
    F: Future,
    L: Fn(u32, Duration) -> String,
{
    let mut inner = pin!(inner);
    let lookout = Lookout::start(still_for / 2);
    let start = Instant::now();
    let (mut instant, mut polls) = (start, 0_u32);
    let (mut still_since, mut looked) = (std::time::Instant::now(), 0_u32);
    std::future::poll_fn(|cx| {
        lookout.no_naps();
        let _polling = lookout.polling();
        lookout.watch(cx.waker());
        let by_lookout = lookout.woke.swap(false, Ordering::SeqCst);
        let now = Instant::now();
        if now != instant {
            (instant, polls) = (now, 0);
            (still_since, looked) = (std::time::Instant::now(), 0);
        }
        polls += 1;
        // Only wake-ups answered after the clock has stood still that long count: a
        // runtime that answers them is busy, not merely kept off the CPU for a while.
        if by_lookout && still_since.elapsed() >= still_for {
            looked += 1;
            if looked >= LOOKS {
                panic!("{}", lesson(polls, now - start));
            }
        }
        let polled = inner.as_mut().poll(cx);
        lookout.no_naps();
        if !by_lookout {
            // Woken by what it waits for: it is making progress.
            (still_since, looked) = (std::time::Instant::now(), 0);
        }
        polled
    })
    .await
}

/// The helper thread of [`no_busy_task`]: from `after` on, it wakes the watched future
/// every [`LOOK_EVERY`], and says so in `woke`; all along, it counts in `naps` the
/// times it saw the test's thread in `std::thread::sleep`, and ends the test process if
/// that thread stays away from the watched future for [`BLOCKED_FOR`].
struct Lookout {
    waker: Arc<Mutex<Option<Waker>>>,
    woke: Arc<AtomicBool>,
    naps: Arc<AtomicU32>,
    done: Arc<AtomicBool>,
    away: Arc<Mutex<Away>>,
    thread: std::thread::Thread,
}

/// Since when the test's thread has been away from the watched future, and how.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
enum Away {
    /// Neither in a poll nor woken: waiting, as it should.
    #[default]
    No,
    /// In a poll of it that has not returned, since then.
    InPoll(std::time::Instant),
    /// Woken by the lookout then, and not polled since.
    Woken(std::time::Instant),
}

impl Lookout {
    fn start(after: Duration) -> Self {
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let woke = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let away: Arc<Mutex<Away>> = Arc::default();
        let naps: Arc<AtomicU32> = Arc::default();
        let (to_wake, woken, finished, watched, napped) = (
            waker.clone(),
            woke.clone(),
            done.clone(),
            away.clone(),
            naps.clone(),
        );
        let sleeper = Sleeper::this_thread();
        // libtest names each test's thread after the test; a runtime's worker is not.
        let test = std::thread::current()
            .name()
            .filter(|name| !name.starts_with("tokio-"))
            .map_or_else(|| "a test".to_owned(), str::to_owned);
        let started = std::time::Instant::now();
        let thread = std::thread::spawn(move || {
            let mut looked_at = started;
            while !finished.load(Ordering::SeqCst) {
                std::thread::park_timeout(if sleeper.is_some() {
                    NAP_LOOK_EVERY
                } else {
                    LOOK_EVERY
                });
                if sleeper.as_ref().is_some_and(Sleeper::is_napping) {
                    napped.fetch_add(1, Ordering::SeqCst);
                }
                if looked_at.elapsed() < LOOK_EVERY {
                    continue;
                }
                looked_at = std::time::Instant::now();
                let now = *watched.lock().unwrap_or_else(|p| p.into_inner());
                // Seen asleep at any look of this watch, not only this one: a loop of
                // short sleeps is between two of them at some looks.
                let napped = napped.load(Ordering::SeqCst) > 0;
                if let Some(how) = blocked(now, napped)
                    && !finished.load(Ordering::SeqCst)
                {
                    end_the_run(&test, how);
                }
                if started.elapsed() < after {
                    continue;
                }
                let kept = to_wake.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(waker) = kept.as_ref() {
                    let mut away = watched.lock().unwrap_or_else(|p| p.into_inner());
                    if matches!(*away, Away::No) {
                        *away = Away::Woken(std::time::Instant::now());
                    }
                    drop(away);
                    woken.store(true, Ordering::SeqCst);
                    waker.wake_by_ref();
                }
            }
        })
        .thread()
        .clone();
        Self {
            waker,
            woke,
            naps,
            done,
            away,
            thread,
        }
    }

    /// Marks a poll of the watched future, until the guard is dropped.
    fn polling(&self) -> Polling<'_> {
        *self.away.lock().unwrap_or_else(|p| p.into_inner()) =
            Away::InPoll(std::time::Instant::now());
        Polling(&self.away)
    }

    /// Fails the test if the lookout has seen its thread in `std::thread::sleep`.
    fn no_naps(&self) {
        if self.naps.load(Ordering::SeqCst) > 0 {
            panic!("{NAP_LESSON}");
        }
    }

    fn watch(&self, waker: &Waker) {
        let mut kept = self.waker.lock().unwrap_or_else(|p| p.into_inner());
        if !kept.as_ref().is_some_and(|w| w.will_wake(waker)) {
            *kept = Some(waker.clone());
        }
    }
}

impl Drop for Lookout {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// A poll of the watched future in progress: its end (return or unwind) clears it.
struct Polling<'a>(&'a Mutex<Away>);

impl Drop for Polling<'_> {
    fn drop(&mut self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Away::No;
    }
}

/// The failure of a test whose thread was seen in `std::thread::sleep`.
const NAP_LESSON: &str = "While the code under test ran, the thread the test's runtime \
    runs on was seen asleep in `std::thread::sleep`. That sleep blocks the thread, and \
    every task on it, and tokio's clock does not see it: no timer, timeout or deadline \
    counts it, and nothing else runs meanwhile. To wait without blocking, await \
    `tokio::time::sleep` (or `sleep_until`, an `interval`).";

/// What the test's thread has been doing for [`BLOCKED_FOR`] or more, if it has;
/// `napped`: it has been seen in `std::thread::sleep` during the watch.
fn blocked(away: Away, napped: bool) -> Option<&'static str> {
    match away {
        Away::InPoll(since) if since.elapsed() >= blocked_for() => Some(if napped {
            "a poll of the code under test has not returned, and the thread has been seen \
             asleep in `std::thread::sleep`"
        } else {
            "a poll of the code under test has not returned"
        }),
        Away::Woken(since) if since.elapsed() >= blocked_for() => {
            Some("the code under test was woken and the thread has not come back to poll it")
        }
        _ => None,
    }
}

/// The failure of a test whose thread is blocked, in libtest's format.
fn blocked_failure(test: &str, how: &str) -> String {
    let limit = blocked_for();
    format!(
        "\n---- {test} stdout ----\n\
         For {limit:?} of real time {how}: the thread the test's runtime runs on \
         is blocked, so no watchdog of the test can fire, and the test would hang. \
         Something holds that thread instead of awaiting: a `std::thread::sleep`, a \
         `futures::executor::block_on`, a blocking `recv()` or lock, or a loop that \
         never returns `Pending`. Await instead (`tokio::time::sleep`, the future \
         itself, tokio's channels and locks). \
         (The test process was stopped here, so the other tests of this run report \
         nothing.)\n\n\
         failures:\n    {test}\n\n\
         test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n"
    )
}

/// Writes the failure past libtest's capture of `print!`, and ends the run.
fn end_the_run(test: &str, how: &str) -> ! {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(blocked_failure(test, how).as_bytes());
    let _ = out.flush();
    std::process::exit(101)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU32;
    use std::task::Wake;

    use super::*;
    use crate::ms;

    fn lesson(polls: u32, at: Duration) -> String {
        assert!(
            polls > 0,
            "the lesson is told how often the future was polled"
        );
        format!("stuck at {at:?}")
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "stuck at 5ms")]
    async fn a_task_that_never_stops_running_is_caught() {
        let spinner = tokio::spawn(async {
            tokio::time::sleep(ms(5)).await;
            loop {
                tokio::task::yield_now().await;
            }
        });
        // What the test waits for never comes, and the spinner keeps the clock still.
        let never = async {
            let _ = spinner.await;
        };
        no_busy_task(ms(100), lesson, never).await;
    }

    #[tokio::test(start_paused = true)]
    async fn code_that_waits_is_left_alone() {
        let worker = tokio::spawn(async {
            for _ in 0..1_000 {
                tokio::time::sleep(ms(10)).await;
            }
            7
        });
        let answer = no_busy_task(ms(100), lesson, async { worker.await.unwrap() }).await;
        assert_eq!(answer, 7);
    }

    #[tokio::test(start_paused = true)]
    async fn many_polls_at_one_instant_are_not_a_busy_task() {
        let yields = async {
            for _ in 0..100 {
                tokio::task::yield_now().await;
            }
        };
        no_busy_task(ms(100), lesson, yields).await;
    }

    /// Real work on the test's thread, for `real` of real time.
    fn work_for(real: Duration) {
        let start = std::time::Instant::now();
        while start.elapsed() < real {
            std::hint::spin_loop();
        }
    }

    #[tokio::test(start_paused = true)]
    async fn one_long_blocking_poll_is_not_a_busy_task() {
        // The thread is kept past `still_for` once (a backtrace being printed, say):
        // the lookout's wake-ups meanwhile are answered once, after it, not three times.
        let blocks = tokio::spawn(async {
            work_for(ms(200));
            7
        });
        let answer = no_busy_task(ms(100), lesson, async { blocks.await.unwrap() }).await;
        assert_eq!(answer, 7);
    }

    #[tokio::test(start_paused = true)]
    async fn work_that_moves_the_clock_is_not_a_busy_task() {
        // Each step costs real time, then moves the clock on: only the lookout wakes the
        // test meanwhile, but never twice at one instant.
        let steps = tokio::spawn(async {
            for _ in 0..20 {
                work_for(ms(10));
                tokio::time::sleep(ms(1)).await;
            }
            7
        });
        let answer = no_busy_task(ms(100), lesson, async { steps.await.unwrap() }).await;
        assert_eq!(answer, 7);
    }

    #[tokio::test(start_paused = true)]
    async fn lookout_wakes_before_still_for_has_passed_do_not_count() {
        // At one instant, real work in steps, 500ms in all: the lookout (from 400ms on)
        // wakes the test between them, but the clock has not stood still for 800ms.
        let steps = tokio::spawn(async {
            for _ in 0..20 {
                work_for(ms(25));
                tokio::task::yield_now().await;
            }
            7
        });
        let answer = no_busy_task(ms(800), lesson, async { steps.await.unwrap() }).await;
        assert_eq!(answer, 7);
    }

    #[test]
    fn a_thread_away_that_long_is_blocked_and_a_short_while_is_not() {
        let long_ago = std::time::Instant::now() - BLOCKED_FOR;
        let just_now = std::time::Instant::now();
        assert!(blocked(Away::InPoll(long_ago), false).is_some_and(|how| how.contains("poll")));
        assert!(
            blocked(Away::InPoll(long_ago), true)
                .is_some_and(|how| how.contains("poll") && how.contains("std::thread::sleep"))
        );
        assert!(blocked(Away::Woken(long_ago), false).is_some_and(|how| how.contains("woken")));
        assert_eq!(blocked(Away::InPoll(just_now), true), None);
        assert_eq!(blocked(Away::Woken(just_now), false), None);
        assert_eq!(blocked(Away::No, true), None);
    }

    #[test]
    fn a_poll_that_ends_by_return_or_unwind_is_no_longer_away() {
        // Were the guard to leave `InPoll` behind, a test that merely waits for longer
        // than `BLOCKED_FOR` would be ended as blocked.
        let lookout = Lookout::start(Duration::from_secs(3600));
        let away = || *lookout.away.lock().unwrap();
        let polling = lookout.polling();
        assert!(matches!(away(), Away::InPoll(_)));
        drop(polling);
        assert_eq!(away(), Away::No);
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _polling = lookout.polling();
            panic!("the code under test panics in its poll");
        }));
        assert!(unwound.is_err());
        assert_eq!(away(), Away::No);
    }

    #[test]
    fn the_blocked_failure_reads_as_libtest_writes_a_failure() {
        let text = blocked_failure("spec::stuck", "a poll has not returned");
        assert!(text.contains("\n---- spec::stuck stdout ----\n"), "{text}");
        assert!(
            text.contains("a poll has not returned: the thread"),
            "{text}"
        );
        // `cargo workshop verify` looks for this to record such a run one test at a time.
        assert!(
            text.contains("(The test process was stopped here"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n"
            ),
            "{text}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_nap_of_the_code_under_test_fails_the_test() {
        if Sleeper::this_thread().is_none() {
            return; // /proc cannot tell: nothing is checked
        }
        crate::quiet_panics_containing("asleep in `std::thread::sleep`");
        let naps = async {
            for _ in 0..10 {
                std::thread::sleep(ms(20));
                tokio::task::yield_now().await;
            }
        };
        let said = tokio::spawn(no_busy_task(ms(100), lesson, naps)).await;
        let said = said.unwrap_err().into_panic();
        let said = crate::panic_text(&*said).unwrap_or_default();
        assert!(said.contains("asleep in `std::thread::sleep`"), "{said}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_nap_in_a_task_the_code_spawned_fails_the_test() {
        if Sleeper::this_thread().is_none() {
            return;
        }
        crate::quiet_panics_containing("asleep in `std::thread::sleep`");
        let spawns = async {
            tokio::spawn(async { std::thread::sleep(ms(200)) })
                .await
                .unwrap();
        };
        let said = tokio::spawn(no_busy_task(ms(100), lesson, spawns)).await;
        let said = said.unwrap_err().into_panic();
        let said = crate::panic_text(&*said).unwrap_or_default();
        assert!(said.contains("asleep in `std::thread::sleep`"), "{said}");
    }

    /// Run only by the test below, in a child process: a poll that never returns.
    #[tokio::test(start_paused = true)]
    #[ignore = "blocks its thread on purpose: run by a_blocked_thread_ends_the_run"]
    async fn child_blocks_its_thread() {
        let blocks = async {
            std::thread::sleep(Duration::from_secs(60));
        };
        no_busy_task(ms(100), lesson, blocks).await;
    }

    /// Run only by the test below, in a child process: a poll that spins, never sleeping.
    #[tokio::test(start_paused = true)]
    #[ignore = "blocks its thread on purpose: run by a_blocked_thread_ends_the_run"]
    async fn child_spins_in_its_poll() {
        let spins = async {
            work_for(Duration::from_secs(60));
        };
        no_busy_task(ms(100), lesson, spins).await;
    }

    /// The failure the child test `name` writes when its thread is blocked.
    fn failure_of_child(name: &str) -> String {
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", &format!("busy::tests::{name}")])
            .env("TESTKIT_BLOCKED_FOR_MS", "100")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&child.stdout).into_owned();
        assert_eq!(child.status.code(), Some(101), "{said}");
        let header = format!("---- busy::tests::{name} stdout ----");
        assert!(said.contains(&header), "{said}");
        assert!(
            said.contains("a poll of the code under test has not returned"),
            "{said}"
        );
        said
    }

    #[test]
    fn a_blocked_thread_ends_the_run_with_a_failure_named_after_the_test() {
        let asleep = "the thread has been seen asleep in `std::thread::sleep`";
        let said = failure_of_child("child_blocks_its_thread");
        if Sleeper::this_thread().is_some() {
            assert!(said.contains(asleep), "{said}");
        }
        let said = failure_of_child("child_spins_in_its_poll");
        assert!(!said.contains(asleep), "{said}");
    }

    /// Counts how often it is woken.
    #[derive(Default)]
    struct Wakes(AtomicU32);

    impl Wake for Wakes {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_lookout_waits_half_of_still_for_then_wakes_until_dropped() {
        let wakes = Arc::new(Wakes::default());
        let waker = Waker::from(wakes.clone());
        let lookout = Lookout::start(ms(100));
        lookout.watch(&waker);
        std::thread::sleep(ms(60));
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0, "no wake before 100ms");
        std::thread::sleep(ms(100));
        let woken = wakes.0.load(Ordering::SeqCst);
        assert!(woken >= 1, "woken {woken} times by 160ms");
        // It looks for naps every millisecond, but wakes only every `LOOK_EVERY`: three
        // or four times in those 60ms, never dozens.
        assert!(woken <= 10, "woken {woken} times in 60ms");
        assert!(lookout.woke.load(Ordering::SeqCst), "and says so");
        drop(lookout);
        let at_drop = wakes.0.load(Ordering::SeqCst);
        std::thread::sleep(ms(60));
        assert!(
            wakes.0.load(Ordering::SeqCst) <= at_drop + 1,
            "no more wakes once dropped"
        );
    }
}
