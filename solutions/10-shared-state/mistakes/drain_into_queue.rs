//! Mistake: while a request is in its audit, the actor keeps taking requests out of the
//! mailbox into a `VecDeque` of its own ("the mailbox never fills, nobody has to wait").
//! class: fixture — the mailbox has its bound, but the actor empties it as fast as callers
//! fill it; only callers kept waiting while the actor is busy show it.
//!
//! The `mpsc::channel(16)` is still there, and each request is still carried out one at a
//! time, to the end. But a `select!` that goes on `recv()`-ing while the audit runs moves
//! every request out of the mailbox at once, so there is always room: `send(…).await`
//! never waits, and the local queue grows without limit. That is `unbounded_channel` in
//! disguise: the backpressure is gone, and an overload shows only as memory. Take the
//! next request out of the mailbox only once the last one is done. (Part 1, the lock, is
//! the reference's here.)

use std::collections::VecDeque;

use tokio::sync::mpsc;

// ANCHOR: mistake
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    let mut queue = VecDeque::new();
    loop {
        if queue.is_empty() {
            match mailbox.recv().await {
                Some(request) => queue.push_back(request),
                None => break,
            }
        }
        let Some(request) = queue.pop_front() else {
            break;
        };
        let work = serve(&mut balances, &audit, request);
        tokio::pin!(work);
        // While this request is in its audit, keep the mailbox empty.
        loop {
            tokio::select! {
                () = &mut work => break,
                Some(next) = mailbox.recv() => queue.push_back(next),
            }
        }
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
