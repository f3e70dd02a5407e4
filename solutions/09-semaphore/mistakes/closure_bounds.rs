//! Mistake: `F: Clone + Send + Sync` added, "so that the closure can go into tasks".
//! class: fixture — the spec's other closures only borrow its fake, which is `Sync`, so
//! they are `Copy`, `Send` and `Sync`; one that holds an `Rc` shows the bounds.
//!
//! The closure is only ever called on the caller's task: `call(id)` makes a future, and
//! only that future (`Send + 'static`) may go into a task. Bounds on `F` that ask for
//! more than `Fn` turn away a closure that counts its calls in an `Rc<Cell<…>>`, or
//! holds anything else that is not `Send`, and gain nothing: calling `call(id)` needs
//! only `&call`, no clone. The spec's `both_take_any_closure_and_any_answer` gives such
//! a closure, so against this the spec does not compile; this file does the same below.
//! (Found by round 5's attack.)
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut + Clone + Send + Sync,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(place, &id)| {
        let call = call.clone();
        let second = place as u64 / u64::from(per_second);
        async move {
            sleep_until(start + Duration::from_secs(second)).await;
            call(id).await
        }
    }))
    .await
}
// ANCHOR_END: mistake

/// What the spec's `both_take_any_closure_and_any_answer` does: a closure that counts
/// its calls in an `Rc`.
pub async fn counted(ids: &[u32]) -> (Vec<String>, usize) {
    let calls = Rc::new(Cell::new(0));
    let tally = Rc::clone(&calls);
    let answers = run_rate_limited(ids, 2, move |id| {
        tally.set(tally.get() + 1);
        async move { format!("answer {id}") }
    })
    .await;
    (answers, calls.get())
}

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
