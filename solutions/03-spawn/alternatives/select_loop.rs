//! Another correct way: a `select!` loop that collects finished jobs *during* the
//! foreground work.
//!
//! Every job is spawned into a `JoinSet` first. Then one loop waits for whichever comes
//! next, the foreground's output or a finished job, until it has both. A result is taken
//! the moment its job ends, so the order is completion order by construction, and a
//! job's panic is re-raised as soon as it happens, even in the middle of the foreground
//! work (which is then dropped). The set is a local, so a dropped call aborts the jobs.

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
    // `select!` polls the foreground through `&mut`, so it must stay put: pin it.
    let mut foreground = pin!(foreground);
    let mut output = None;
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: select_loop
    while output.is_none() || !running.is_empty() {
        tokio::select! {
            done = &mut foreground, if output.is_none() => output = Some(done),
            Some(joined) = running.join_next(), if !running.is_empty() => match joined {
                Ok(result) => results.push(result),
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            },
        }
    }
    // ANCHOR_END: select_loop
    let output = output.expect("the loop ends only once the foreground work is done");
    (output, results)
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
