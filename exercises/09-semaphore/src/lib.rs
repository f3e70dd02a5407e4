//! # Exercise 09: semaphore — `asyncio.Semaphore` in Rust
//!
//! A partner's API has two rules for clients: never more than a few requests open at
//! once, and never more than so many requests started per second. `call(id)` makes one
//! request. Write both ways of making one request per id:
//!
//! 1. [`run_bounded`]: at most `limit` calls **in flight** at any moment, and otherwise
//!    as fast as that allows: the moment one call finishes, the next one starts. Ten
//!    calls of 200 ms with a limit of 3 take 800 ms (four rounds): not 2 s (one at a
//!    time), and not 200 ms (all at once, which breaks the rule).
//! 2. [`run_rate_limited`]: at most `per_second` calls **started** in any window of one
//!    second (any window, not only whole seconds of the clock: from an instant included
//!    to one second later excluded, so at 4 a second calls 0 and 4 may start at 0 ms and
//!    at 1000 ms). The calls themselves may overlap and take as long as they take; no
//!    call waits for another to finish. Don't be slower than the rate requires: call `i`
//!    (counting from 0) must start within `i / per_second` seconds of when
//!    `run_rate_limited` starts running (at 4 a second, call 5 by 1.25 s; at 3 a second,
//!    call 1 by 333.33 ms), and it returns as soon as its last call is done. One start
//!    every 250 ms is fast enough, and so are four starts at once followed by a pause
//!    until the next second. The rate need not divide a second, and it may be above
//!    1000 a second.
//!
//! Also part of the task, for both:
//! - One call per entry of `ids`, and one result per entry, **in the order of `ids`**.
//!   Ids are not positions, need not be sorted, and may repeat: a repeated id is called
//!   again, and each entry gets the result of its own call (two calls of one id may
//!   answer differently). The calls start in the order of `ids`.
//! - `limit` and `per_second` are at least 1. Given 0, panic at once, before making any
//!   call, with a message that names the argument (an `assert!`): 0 would never start a
//!   call. With no ids as well: the argument is checked first, so a 0 fails the same
//!   way whatever the batch. Any other value works, however large: a `limit` of
//!   `usize::MAX` or a `per_second` of `u32::MAX` is no limit at all for any smaller
//!   batch, a thousand calls or more.
//! - No ids (and a valid argument): an empty `Vec`, at once.
//! - Make each call only when it may start. Calling `call(id)` *is* making the request:
//!   a client may send it right then, before its future is awaited, and the partner
//!   counts it from then. So call `call(id)` only once that call holds its slot
//!   (`run_bounded`) or its start time has come (`run_rate_limited`), and await it from
//!   there; never call it for every id up front.
//! - Wait for the thing itself: a permit, a start time, a call's end. A loop that sleeps a
//!   moment and looks again (`while active >= limit { sleep(1 ms) }`) is late by up to its
//!   period and wakes for nothing in between, however short its sleep; a task that loops
//!   without ever waiting (`yield_now()` between looks) keeps tokio busy for good.
//! - Dropping the returned future (a `timeout` around the call, say) drops every call it
//!   started and starts no more: nothing is left running. The calls' futures are
//!   `Send + 'static`, so you may spawn them, but you don't have to; if you do, spawn
//!   them into a `tokio::task::JoinSet`, which aborts its tasks when it is dropped.
//! - A call that panics makes the function panic too, with that call's own panic (its
//!   payload, as it is: if it comes to you as a `JoinError`, pass it on with
//!   `std::panic::resume_unwind(error.into_panic())`, not `.unwrap()`), whenever it
//!   happens: in the middle of the batch, or in the last call after every other one has
//!   finished. It may come out at once, or when you gather the results (calls may go on
//!   starting until then); it must not return fewer results, nor hang, and it leaves no
//!   call running.
//! - Keep the signatures' bounds: `call` need only be `Fn` (it is called on your task,
//!   never moved into one, so it may hold an `Rc`), and an answer only `Send + 'static`
//!   (not `Clone`, `Debug` nor `Default`: make result slots with
//!   `(0..n).map(|_| None).collect()`, not `vec![None; n]`).
//! - Times are tokio's: its timers fire on whole milliseconds, so a start up to 1 ms
//!   after its deadline is on time.
//!
//! Hint: `tokio::sync::Semaphore` (or `futures::StreamExt::buffer_unordered`) for the
//! first; `tokio::time` (`interval` or `sleep_until`) for the second. Run
//! `cargo workshop hint 09` for more.
//!
//! Check your work with `cargo workshop check 09` (or `cargo test -p semaphore-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

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
    todo!(
        "run_bounded: run every call with at most `limit` in flight (hold a semaphore permit for each whole call)"
    )
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
    todo!(
        "run_rate_limited: space the starts so that at most `per_second` begin in any 1 s window, and let the calls overlap"
    )
}
