//! Mistake: the actor stops by itself after a minute without requests ("don't keep an
//! idle task around").
//! class: fixture — every test that keeps the actor busy, or checks it within a minute,
//! passes; only a quiet spell longer than the timeout, with a handle still alive, shows
//! it.
//!
//! An idle task looks like a leak, and a `timeout` around `recv` tidies it away. But a
//! task waiting in `recv().await` costs nothing (no thread, no polling; it is woken when
//! a request comes), and the handles that are still out there have no way to know it is
//! gone: after the first quiet minute every one of them gets `Unavailable`, for good, with
//! nobody to restart the actor. The actor's lifetime is the handles' lifetime: stop when
//! `recv()` returns `None` (every handle is dropped), and not before. (Part 1, the lock,
//! is the reference's here.)

use std::time::Duration;

use tokio::sync::mpsc;

// ANCHOR: mistake
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    // Nothing for a minute: nobody needs us any more.
    while let Ok(Some(request)) =
        tokio::time::timeout(Duration::from_secs(60), mailbox.recv()).await
    {
        serve(&mut balances, &audit, request).await;
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
