//! Mistake: no producers returns at once, before the arguments are checked.
//! class: bad-argument — with nothing to do, a bad argument goes unnoticed.
//! (From the reviewer's attack in round 5, where it passed.)
//!
//! "Nothing to do, nothing to check" (Python's `if not producers: return []`): the
//! shortcut comes first, so `run_pipeline(vec![], 0, 0, ..)` returns `[]` while the
//! same call with producers panics. A caller's mistake then shows only on some calls,
//! perhaps first in production. Check the arguments before any shortcut.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;

pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    // ANCHOR: mistake
    if producers.is_empty() {
        return Vec::new(); // "nothing to do"
    }
    reference::check_arguments(workers, capacity);
    // ANCHOR_END: mistake
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
    let working = reference::spawn_workers(rx, workers, process);
    reference::gather(working, feeding).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
