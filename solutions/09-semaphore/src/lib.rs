//! Reference solution for exercise 09: a semaphore bounds how many calls run at once;
//! a schedule in time bounds how many start per second. Neither spawns a task: the
//! calls run concurrently inside the caller's task, driven by `join_all`, so dropping
//! the returned future drops every call with it, and a call that panics unwinds
//! through `join_all` and out of the function, dropping the others on the way.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep_until};

/// Calls `call(id)` for every id, at most `limit` at once; results in the order of `ids`.
///
/// Panics at once if `limit` is 0 (even with no ids); a `limit` above `ids.len()` runs
/// every call at once.
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // Refuse a limit that could never start a call, before making any: a semaphore of
    // no permits would simply wait forever.
    assert!(
        limit > 0,
        "run_bounded: `limit` must be at least 1 (with no slot, no call could ever start)"
    );
    // More permits than calls change nothing, and a `Semaphore` holds at most
    // `Semaphore::MAX_PERMITS` (it panics above): clamp, so that `usize::MAX` simply
    // means "no limit".
    let permits = Semaphore::new(limit.min(ids.len()));
    let calls = ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            // Every future waits here for a permit; the semaphore is fair (first come,
            // first served), so the calls start in the order of `ids`.
            let _permit = permits
                .acquire()
                .await
                .expect("the semaphore is never closed");
            // The permit is a guard: it lives until the end of this block, so the slot
            // stays taken for the whole call and frees the moment the call ends (or is
            // dropped, if the caller cancels us), waking the next waiter. And `call(id)`
            // is called only now, holding it: calling it is what makes the request.
            call(id).await
        }
    });
    // `join_all` polls every future inside this task and keeps a slot per input, so
    // the results come back in the order of `ids`. A finished call holds no permit:
    // unlike `StreamExt::buffered`, nothing waits for the calls before it.
    join_all(calls).await
}

/// Calls `call(id)` for every id, starting at most `per_second` in any one second;
/// results in the order of `ids`.
///
/// Panics at once if `per_second` is 0 (even with no ids); a `per_second` of at least
/// `ids.len()` lets every call start at once.
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1 (at 0 a second, no call could \
         ever start)"
    );
    // The whole batch is known up front, so is its schedule: `per_second` calls at the
    // top of every second, counted from now. Call i and call i + per_second are then
    // exactly one second apart, so no window of 1 s holds more than `per_second`
    // starts, and no call starts later than i / per_second seconds. Whole seconds need
    // no rounding, whatever the rate: 3 a second, or 1500, or `u32::MAX`.
    let start = Instant::now();
    let calls = ids.iter().enumerate().map(|(i, &id)| {
        let second = i as u64 / u64::from(per_second);
        let call = &call;
        async move {
            // A deadline, not a delay: each call's wait is measured from the same
            // start, so the waits grow with i instead of all being the same.
            sleep_until(start + Duration::from_secs(second)).await;
            // Only now is the request made: `call(id)`, not its first poll, starts it.
            call(id).await
        }
    });
    // The pacing is in the waits before each call, never between calls: a slow call
    // holds up no other start. (A batch that arrives over time would instead share a
    // limiter, such as an `interval` ticked before each start.)
    join_all(calls).await
}
