//! A loop that never waits, caught at once instead of hanging the suite.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// Watches `inner` and fails the test at once if it is polled more than `limit` times
/// at one instant of tokio's clock.
///
/// A future that returns `Pending` after waking itself (a loop that yields between
/// looks: `yield_now`, `sleep(Duration::ZERO)`), or one polled by a `select!` whose
/// other branch is ready every time round, is polled again and again while the clock
/// stands still. On the paused clock time then never moves on, so a watchdog
/// ([`within`](crate::within)) never fires either: the test hangs for real. Code that
/// waits is polled about once per wake, a handful of times per instant, so a generous
/// `limit` tells the two apart. `lesson` writes the failure from how many polls that
/// was and how far into the watch it happened.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let slept = testkit::no_spin(
///     100,
///     |polls, at| format!("polled {polls} times at {at:?}"),
///     tokio::time::sleep(testkit::ms(5)),
/// );
/// slept.await;
/// # }
/// ```
pub fn no_spin<F, L>(limit: u32, lesson: L, inner: F) -> NoSpin<F>
where
    F: Future,
    L: Fn(u32, Duration) -> String + Send + Sync + 'static,
{
    let now = Instant::now();
    NoSpin {
        inner: Box::pin(inner),
        lesson: Box::new(lesson),
        limit,
        start: now,
        at: now,
        polls: 0,
    }
}

/// The future [`no_spin`] returns.
pub struct NoSpin<F> {
    inner: Pin<Box<F>>,
    lesson: Box<dyn Fn(u32, Duration) -> String + Send + Sync>,
    limit: u32,
    start: Instant,
    at: Instant,
    polls: u32,
}

impl<F: Future> Future for NoSpin<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let now = Instant::now();
        if now != self.at {
            (self.at, self.polls) = (now, 0);
        }
        self.polls += 1;
        if self.polls > self.limit {
            panic!("{}", (self.lesson)(self.limit, now - self.start));
        }
        self.inner.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ms;

    fn lesson(polls: u32, at: Duration) -> String {
        format!("polled {polls} times at {at:?}")
    }

    /// Wakes itself and says Pending `times` times at one instant, then is Ready.
    async fn yields(times: u32) {
        for _ in 0..times {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "polled 50 times at 3ms")]
    async fn a_loop_that_never_waits_fails_at_once() {
        tokio::time::sleep(ms(1)).await;
        // A spin that would end by itself, so that a watch that never fires fails the
        // test instead of hanging it.
        let watched = no_spin(50, lesson, async {
            tokio::time::sleep(ms(3)).await;
            yields(10_000).await;
        });
        watched.await;
    }

    #[tokio::test(start_paused = true)]
    async fn as_many_polls_as_the_limit_are_allowed() {
        // One poll to start, one after each of the 49 yields: 50.
        no_spin(50, lesson, yields(49)).await;
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "polled 50 times at 0ns")]
    async fn one_poll_more_is_not() {
        no_spin(50, lesson, yields(50)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn time_moving_on_starts_the_count_again() {
        no_spin(50, lesson, async {
            for _ in 0..10 {
                yields(40).await;
                tokio::time::sleep(ms(1)).await;
            }
        })
        .await;
    }
}
