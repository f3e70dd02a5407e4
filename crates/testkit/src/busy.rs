//! A task that never stops running, caught instead of hanging the suite.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Waker;
use std::time::Duration;

use tokio::time::Instant;

/// How often the lookout thread wakes the watched future, once it has started.
const LOOK_EVERY: Duration = Duration::from_millis(20);

/// How many lookout wake-ups, answered while the clock stands still, make it stuck.
const LOOKS: u32 = 3;

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
        if !by_lookout {
            // Woken by what it waits for: it is making progress.
            (still_since, looked) = (std::time::Instant::now(), 0);
        }
        polled
    })
    .await
}

/// The helper thread of [`no_busy_task`]: from `after` on, it wakes the watched future
/// every [`LOOK_EVERY`], and says so in `woke`.
struct Lookout {
    waker: Arc<Mutex<Option<Waker>>>,
    woke: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
    thread: std::thread::Thread,
}

impl Lookout {
    fn start(after: Duration) -> Self {
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let woke = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let (to_wake, woken, finished) = (waker.clone(), woke.clone(), done.clone());
        let started = std::time::Instant::now();
        let thread = std::thread::spawn(move || {
            while !finished.load(Ordering::SeqCst) {
                std::thread::park_timeout(LOOK_EVERY);
                if started.elapsed() < after {
                    continue;
                }
                let kept = to_wake.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(waker) = kept.as_ref() {
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
            done,
            thread,
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

    #[tokio::test(start_paused = true)]
    async fn one_long_blocking_poll_is_not_a_busy_task() {
        // The thread is blocked past `still_for` once (a backtrace being printed, say):
        // the lookout's wake-ups meanwhile are answered once, after it, not three times.
        let blocks = tokio::spawn(async {
            std::thread::sleep(ms(200));
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
                std::thread::sleep(ms(10));
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
                std::thread::sleep(ms(25));
                tokio::task::yield_now().await;
            }
            7
        });
        let answer = no_busy_task(ms(800), lesson, async { steps.await.unwrap() }).await;
        assert_eq!(answer, 7);
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
