use std::future::Future;
use std::panic::Location;
use std::time::Duration;

/// Runs `fut`, failing the test if it takes more than `limit`.
///
/// On the paused clock `limit` is virtual time, and a future that never completes does
/// not hang the suite: once
/// every task is idle, tokio jumps time forward to the watchdog's deadline, so even an
/// hour-long `limit` fails in microseconds. On the real clock (tests of real sockets)
/// it is a plain time limit: keep it short. `what` names the operation in the failure.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let answer = testkit::within(testkit::ms(100), "the answer", async { 42 }).await;
/// assert_eq!(answer, 42);
/// # }
/// ```
#[track_caller]
pub fn within<F: Future>(limit: Duration, what: &str, fut: F) -> impl Future<Output = F::Output> {
    let caller = Location::caller();
    let what = what.to_owned();
    async move {
        match tokio::time::timeout(limit, fut).await {
            Ok(output) => output,
            Err(_) => panic!(
                "{what} did not finish within {limit:?} (watchdog at {caller}).\n\
                 It is waiting for something that never happens: a future that returned \
                 Pending without arranging to be woken, a task or channel that nobody \
                 completes or closes, or a call with no timeout. (On tokio's paused test \
                 clock this limit costs no real time.)"
            ),
        }
    }
}

/// Tasks the current runtime still holds: spawned and not yet finished or dropped.
///
/// Compare it before and after the code under test to catch a leaked task.
pub fn tasks_alive() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "a lost wake-up did not finish within 3600s (watchdog at")]
    async fn a_hang_fails_at_once() {
        within(
            Duration::from_secs(3600),
            "a lost wake-up",
            std::future::pending::<()>(),
        )
        .await;
    }

    #[tokio::test(start_paused = true)]
    async fn counts_alive_tasks() {
        let before = tasks_alive();
        let task = tokio::spawn(std::future::pending::<()>());
        assert_eq!(tasks_alive(), before + 1);
        task.abort();
        let _ = task.await;
        assert_eq!(tasks_alive(), before);
    }
}
