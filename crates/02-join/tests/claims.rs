//! What chapter 02 says about when `try_join_all` returns its first error, checked: up
//! to 30 futures at once; above 30 it hands results back in input order, so an early
//! error waits for every future before it.

use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

/// A call that takes `ms` of virtual time, then fails with `Err(ms)` or succeeds.
async fn call(ms: u64, fails: bool) -> Result<u64, u64> {
    sleep(Duration::from_millis(ms)).await;
    if fails { Err(ms) } else { Ok(ms) }
}

// ANCHOR: first_error_order
#[tokio::test(start_paused = true)]
async fn try_join_all_returns_an_early_error_at_once_only_up_to_30_futures() {
    for (futures, returns_after_ms) in [(30, 200), (31, 1000)] {
        let start = Instant::now();
        // Call 0 takes 1 s, call 3 fails at 200 ms, every other call takes 100 ms.
        let calls = (0..futures).map(|i| match i {
            0 => call(1000, false),
            3 => call(200, true),
            _ => call(100, false),
        });
        assert_eq!(try_join_all(calls).await, Err(200));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(returns_after_ms),
            "with {futures} futures"
        );
    }
}
// ANCHOR_END: first_error_order
