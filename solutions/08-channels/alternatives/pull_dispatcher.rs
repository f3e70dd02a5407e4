//! Another correct way: the workers do not share the receiver; they ask for work.
//!
//! Each worker has a mailbox of one item and, when it is idle, says so on a "ready"
//! channel. A dispatcher (the caller's task) waits for a ready worker *first*, then
//! receives the next item from the queue and hands it over. So an item leaves the
//! queue only when a worker is free to start on it (no item waits in a mailbox while
//! its worker is busy), an idle worker gets the next item at once, and no lock is
//! taken. When the queue is closed and drained, the dispatcher drops the mailboxes and
//! every worker stops by itself. Both sets of tasks are `JoinSet`s: dropped, they
//! abort everything; joined, they raise a panic again.

use std::future::Future;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

/// The most workers [`run_pipeline`] accepts.
pub const MAX_WORKERS: usize = 1_000;

fn check_arguments(workers: usize, capacity: usize) {
    assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "`workers` must be 1 to {MAX_WORKERS}, not {workers}"
    );
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "`capacity` must be 1 to {}, not {capacity}",
        Semaphore::MAX_PERMITS
    );
}

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
    check_arguments(workers, capacity);
    let (tx, mut queue) = mpsc::channel(capacity);
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);

    let (ready_tx, mut ready) = mpsc::unbounded_channel::<usize>();
    let (mut mailboxes, mut working) = (Vec::new(), JoinSet::new());
    for id in 0..workers {
        let (mail_tx, mut mail) = mpsc::channel(1);
        mailboxes.push(mail_tx);
        let (ready_tx, process) = (ready_tx.clone(), process.clone());
        working.spawn(async move {
            let mut outputs = Vec::new();
            // "I am free": then wait for the item the dispatcher hands over.
            while ready_tx.send(id).is_ok() {
                let Some(item) = mail.recv().await else { break };
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    drop(ready_tx);

    // ANCHOR: dispatch
    // A free worker first, then an item for it.
    while let Some(id) = ready.recv().await {
        let Some(item) = queue.recv().await else {
            break;
        };
        if mailboxes[id].try_send(item).is_err() {
            unreachable!("a worker asks only when its mailbox is empty");
        }
    }
    drop(mailboxes); // the workers' `recv` now returns `None`
    // ANCHOR_END: dispatch
    let outputs = working.join_all().await;
    feeding.join_all().await;
    outputs.into_iter().flatten().collect()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
