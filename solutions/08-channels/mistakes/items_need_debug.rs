//! Mistake: a producer that reports the item it could not send, and the `T: Debug` it
//! asks for added to the signature.
//! class: fixture — the spec's items are `u32`s, which have every trait; only an item
//! that derives nothing shows the bound. (From the reviewer's attack in round 5, where
//! it passed.)
//!
//! "Log what was lost": when the queue is closed, the `SendError` gives the item back,
//! and printing it needs `T: Debug`, which the compiler suggests adding. The function
//! then works for every item type that happens to be `Debug`, but no longer accepts what
//! the task's signature accepts: an item that derives nothing (a connection, a file
//! handle). A closed queue means every worker is gone: stop, without printing the item.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + std::fmt::Debug + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                if let Err(mpsc::error::SendError(item)) = tx.send(item).await {
                    eprintln!("the workers are gone: {item:?} is lost");
                    break;
                }
            }
        });
    }
    drop(tx);
    let working = reference::spawn_workers(rx, workers, process);
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
