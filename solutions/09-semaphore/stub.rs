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
//!    second (any window, not only whole seconds of the clock). The calls themselves
//!    may overlap and take as long as they take; no call waits for another to finish.
//!    Don't be slower than the rate requires: call `i` (counting from 0) must start
//!    within `i / per_second` seconds of the call to `run_rate_limited` (at 4 a second,
//!    call 5 by 1.25 s). One start every 250 ms is fast enough, and so are four starts
//!    at once followed by a pause until the next second.
//!
//! Both return one result per id, **in the order of `ids`**, and make each call once.
//! `limit` and `per_second` are at least 1. The calls' futures are `Send + 'static`,
//! so you may spawn them, but you don't have to.
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

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
