//! Mistake: a `select!` loop over the foreground work and `join_next` that goes round
//! again when `join_next` says `None`.
//! class: boundary — while a job is still running the loop waits; only an empty set
//! before the foreground work is done (no jobs, or every job already finished) shows it.
//!
//! Found by a reviewer in round 5; until then it hung the tests for real. `join_next()`
//! on an empty `JoinSet` is ready at once with `None`, so every time round the loop takes
//! that branch again, and polls the foreground work again, without ever waiting: it
//! spins inside a single poll, and on tokio's paused test clock time stands still. The
//! foreground work is now watched for that. The `select_loop` alternative disables the
//! branch once the set is empty (`if !running.is_empty()`).

use std::future::Future;
use std::pin::pin;

use tokio::task::JoinSet;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    for job in jobs {
        running.spawn(job);
    }
    let mut foreground = pin!(foreground);
    let mut output = None;
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: mistake
    loop {
        tokio::select! {
            done = &mut foreground, if output.is_none() => output = Some(done),
            joined = running.join_next() => match joined {
                Some(joined) => results.push(joined.expect("a background job panicked")),
                None => {
                    if let Some(output) = output.take() {
                        return (output, results);
                    }
                }
            },
        }
    }
    // ANCHOR_END: mistake
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
