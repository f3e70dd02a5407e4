//! Mistake: awaiting each attempt with no timeout.
//! class: path — every attempt that answers or fails passes; only a hang shows it.
//!
//! Backoff, attempt count and deadline are all handled, but only *between* attempts:
//! `op().await` itself is trusted to return. It is tempting because in testing the
//! operation always answers, quickly or with an error; the day it hangs (a lost
//! packet, a server that accepts and never replies), the whole call hangs with it.

use std::future::Future;

use tokio::time::Instant;

// ANCHOR: mistake
/// One attempt: make the call and wait for its answer.
async fn attempt<T, E>(
    _ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    // Nothing bounds this `.await`: if the call never answers, neither does the attempt,
    // and the loop never gets to its backoff, its deadline or its next attempt.
    call.await.map_err(AttemptError::Failed)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
