//! What chapter 04 says about the first error of a batch, checked: `gather` without
//! `return_exceptions` only *reports* the first exception and leaves the others
//! running; `try_join_all` drops them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use futures::future::try_join_all;

/// A call that takes `ms` of virtual time and then fails or succeeds; `finished` counts
/// the ones that ran to their end.
async fn call(ms: u64, fails: bool, finished: Arc<AtomicUsize>) -> Result<u64, String> {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    finished.fetch_add(1, SeqCst);
    if fails {
        Err(format!("call of {ms} ms failed"))
    } else {
        Ok(ms)
    }
}

// ANCHOR: first_error
#[tokio::test(start_paused = true)]
async fn like_gather_tasks_run_on_after_the_first_error_is_reported() {
    let finished = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = [(10, true), (50, false), (50, false)]
        .into_iter()
        .map(|(ms, fails)| tokio::spawn(call(ms, fails, finished.clone())))
        .collect();
    // Like `await gather(*tasks)`: the first error reaches the caller at 10 ms...
    let mut outcome = Ok(());
    for task in tasks {
        if let Err(e) = task.await.unwrap() {
            outcome = Err(e);
            break; // ...and the remaining handles are dropped, which detaches them.
        }
    }
    assert_eq!(outcome, Err("call of 10 ms failed".to_owned()));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        finished.load(SeqCst),
        3,
        "the other two ran to the end, unobserved"
    );
}

#[tokio::test(start_paused = true)]
async fn try_join_all_drops_the_others_at_the_first_error() {
    let finished = Arc::new(AtomicUsize::new(0));
    let calls =
        [(10, true), (50, false), (50, false)].map(|(ms, fails)| call(ms, fails, finished.clone()));
    let outcome = try_join_all(calls).await;
    assert_eq!(outcome, Err("call of 10 ms failed".to_owned()));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        finished.load(SeqCst),
        1,
        "the other two were dropped where they waited"
    );
}
// ANCHOR_END: first_error

// ANCHOR: question_mark
#[tokio::test]
async fn question_mark_completes_the_future_in_the_same_poll() {
    async fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
        let n: u32 = text.parse()?;
        Ok(n)
    }
    let mut polled = tokio_test::task::spawn(parse("not a number"));
    assert!(tokio_test::assert_ready!(polled.poll()).is_err());
}
// ANCHOR_END: question_mark

// ANCHOR: err_or_panic
#[tokio::test]
async fn a_task_returns_an_expected_failure_and_panics_only_on_a_bug() {
    // An expected failure is the task's output: the handle gives `Ok(Err(e))`.
    let failed = tokio::spawn(async { "12,50".parse::<u32>() });
    assert!(matches!(failed.await, Ok(Err(_))));

    // A bug is a panic: the runtime catches it at the edge of the task.
    let buggy = tokio::spawn(async {
        let orders: Vec<u32> = Vec::new();
        orders[0]
    });
    assert!(buggy.await.unwrap_err().is_panic());
}
// ANCHOR_END: err_or_panic
