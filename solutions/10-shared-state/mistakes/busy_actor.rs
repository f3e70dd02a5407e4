//! Mistake: the actor looks for requests with `try_recv`, `yield_now()` between the looks.
//! class: path — the path where the mailbox is empty: every request is still carried out
//! to the end, in order; but the wait for the next one never waits for anything.
//!
//! An actor with nothing to do that keeps looking is always ready to run, and keeps tokio
//! from ever being idle: on the paused test clock, time never moves on, so a caller that
//! sleeps, or an audit elsewhere, never wakes (the suite used to hang for good here); in
//! production an idle bank burns a core. `recv().await` costs nothing while the mailbox
//! is empty: the actor is woken when a request comes, and gets `None` once every handle
//! is gone. (Part 1, the lock, is the reference's here.)

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;

// ANCHOR: mistake
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    loop {
        match mailbox.try_recv() {
            Ok(request) => serve(&mut balances, &audit, request).await,
            Err(TryRecvError::Empty) => tokio::task::yield_now().await,
            Err(TryRecvError::Disconnected) => break,
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
