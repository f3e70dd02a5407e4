//! Another correct way: tasks that report over a channel. Each task holds a reporter
//! that sends its entry's outcome, or "panicked" when it is dropped while unwinding;
//! the caller reads the channel until every sender is gone.
//!
//! No `JoinHandle` is awaited for an outcome: a panic unwinds the task's future, which
//! drops the reporter inside it, and `std::thread::panicking()` tells that drop from a
//! normal one. Each message carries its entry's position, so unsorted and repeated
//! items land where `items` has them. The tasks sit in a `JoinSet` only to be tied to
//! the call: dropping the call drops the set, which aborts them.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::sync::mpsc;
use tokio::task::JoinSet;

/// What happened to each item of a batch; each list in the order of the items.
#[derive(Debug)]
pub struct Report<T> {
    /// The items whose job returned `Ok`, with its output.
    pub succeeded: Vec<(u32, T)>,
    /// The errors of the items whose job returned `Err`, each naming its item.
    pub failed: Vec<anyhow::Error>,
    /// The items whose job panicked.
    pub panicked: Vec<u32>,
}

/// An entry's outcome: the job's result, or `None` for a panic.
type Outcome<T> = Option<anyhow::Result<T>>;

// ANCHOR: reporter
/// Sends its entry's outcome once: the job's result, or, if it is dropped while the
/// task unwinds, `None` for a panic.
struct Reporter<T: Send + 'static> {
    position: usize,
    to: mpsc::UnboundedSender<(usize, Outcome<T>)>,
    sent: bool,
}

impl<T: Send + 'static> Reporter<T> {
    fn send(mut self, result: anyhow::Result<T>) {
        self.sent = true;
        let _ = self.to.send((self.position, Some(result)));
    }
}

impl<T: Send + 'static> Drop for Reporter<T> {
    fn drop(&mut self) {
        // Aborted (not panicking): nobody is left to read the report.
        if !self.sent && std::thread::panicking() {
            let _ = self.to.send((self.position, None));
        }
    }
}
// ANCHOR_END: reporter

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job (whether the job panics when called or while it runs).
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let (to, mut outcomes) = mpsc::unbounded_channel();
    let mut tasks = JoinSet::new();
    for (position, &id) in items.iter().enumerate() {
        match catch_unwind(AssertUnwindSafe(|| job(id))) {
            Ok(work) => {
                let reporter = Reporter {
                    position,
                    to: to.clone(),
                    sent: false,
                };
                tasks.spawn(async move { reporter.send(work.await) });
            }
            Err(_payload) => {
                let _ = to.send((position, None));
            }
        }
    }
    // Only the reporters hold senders now: the channel ends when the last one is gone.
    drop(to);
    let mut slots: Vec<Option<Outcome<T>>> = items.iter().map(|_| None).collect();
    while let Some((position, outcome)) = outcomes.recv().await {
        slots[position] = Some(outcome);
    }

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    for (&id, slot) in items.iter().zip(slots) {
        match slot.expect("every entry reports once") {
            Some(Ok(output)) => report.succeeded.push((id, output)),
            Some(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            None => report.panicked.push(id),
        }
    }
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
