//! Mistake: a producer's `send` is `expect`ed, and the producers are joined before
//! the workers.
//! class: path — two failures: when the only worker panics, the queue closes, a
//! producer panics on its `send`, and that second panic reaches the caller first.
//! (From the reviewer's attack in round 5, where it passed: with two workers one is
//! always left to keep the queue open.)
//!
//! "The producers come first in the pipeline, so join them first", and "a failed send
//! cannot happen": `send(item).await.expect(..)`. Both are fine while some worker is
//! alive. But when the last worker panics, its receiver is dropped, the next `send`
//! fails, and the producer's panic (about a `SendError`) is the first one joined; the
//! worker's panic, the one that happened, is lost. A closed queue means "stop
//! producing", not an error; and the workers, whose end is the pipeline's, come first.

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub(crate) fn spawn_producers<T: Send + 'static>(
    producers: Vec<BoxStream<'static, T>>,
    tx: mpsc::Sender<T>,
) -> JoinSet<()> {
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                tx.send(item).await.expect("the queue is open"); // "cannot fail"
            }
        });
    }
    feeding
}

pub(crate) async fn gather<U: Send + 'static>(
    mut working: JoinSet<Vec<U>>,
    mut feeding: JoinSet<()>,
) -> Vec<U> {
    // The producers first: "they come first in the pipeline".
    while let Some(done) = feeding.join_next().await {
        reference::surface(done);
    }
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(reference::surface(done));
    }
    outputs
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
