//! Mistake: a count of calls in flight, and a loop that yields until a slot is free.
//! class: path — the wait for a slot never waits for anything: it spins.
//!
//! `while active >= limit { yield_now().await }` is Python's `while busy: await
//! asyncio.sleep(0)`. It gives other futures a turn, but it wakes itself every time,
//! so the task is never idle: on tokio's paused clock time then cannot move on, the
//! calls holding the slots never finish, and the loop spins forever (on a real clock
//! it burns a core while it waits). A `Semaphore` puts the waiter to sleep and hands
//! it the permit the moment a call ends. (Found by round 5's attack.)

use std::cell::Cell;
use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let active = Cell::new(0);
    let (active, call) = (&active, &call);
    join_all(ids.iter().map(|&id| async move {
        while active.get() >= limit {
            tokio::task::yield_now().await; // "let the others run"
        }
        active.set(active.get() + 1);
        let answer = call(id).await;
        active.set(active.get() - 1);
        answer
    }))
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
