//! Mistake: the workers share one `process` behind an `Arc`, which asks for `F: Sync`.
//! class: fixture — every `process` in the spec shares its counters through atomics and
//! is `Sync`; only a closure holding a `Cell` shows the bound.
//!
//! "One closure, many workers: share it." An `Arc<F>` hands each worker a reference to
//! the same `F`, and a value used from several threads at once through `&` must be
//! `Sync`, so the compiler asks for `F: Sync`, and the signature grows a bound the task
//! does not have. A closure that holds a `Cell` or an `Rc` is `Send` but not `Sync`, and
//! such a `process` no longer compiles. `F: Clone` is in the signature for this: each
//! worker gets a clone of its own, used from one task only.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::sync::Arc;

use futures::stream::BoxStream;
use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
    let process = Arc::new(process); // one closure, and every worker a handle to it
    let working = reference::spawn_workers(rx, workers, move |item| process(item));
    reference::gather(working, feeding).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
