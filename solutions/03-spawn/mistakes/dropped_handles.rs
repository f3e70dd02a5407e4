//! Mistake: spawning and dropping the handles, collecting results on the side.
//! class: fixture — with every job shorter than the foreground work it is right; only a
//! job that outlasts it shows it.
//!
//! This is the Python habit of `asyncio.create_task(job)` without keeping the task:
//! each job pushes its result into a shared `Vec`, and the caller returns whatever is
//! there once its own work is done. A dropped `JoinHandle` does not cancel the task, it
//! detaches it: a job slower than the foreground work keeps running after the function
//! returned, and its result lands in a `Vec` nobody reads any more. No warning helps:
//! `JoinHandle` is not `#[must_use]`.

use std::future::Future;
use std::sync::{Arc, Mutex};

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let results = Arc::new(Mutex::new(Vec::new()));
    for job in jobs {
        let results = Arc::clone(&results);
        tokio::spawn(async move {
            let value = job.await;
            results.lock().unwrap().push(value);
        });
    }
    let output = foreground.await;
    let done = std::mem::take(&mut *results.lock().unwrap());
    (output, done)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
