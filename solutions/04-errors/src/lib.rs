//! Reference solution for exercise 04: `gather(..., return_exceptions=True)` as one
//! task per item, with every outcome kept as a value.

use std::future::Future;

use anyhow::Context;
use futures::future::join_all;

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

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job.
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // One task per item. Spawning is what isolates a panic: the runtime catches it at
    // the edge of the task and hands it to the JoinHandle as a `JoinError`, where
    // `join_all` over the bare futures would unwind through this function and drop every
    // other item half-way. Every task starts now; none waits for another.
    let handles: Vec<_> = items
        .iter()
        .map(|&id| {
            let work = job(id);
            // `with_context` wraps the job's error rather than replacing it: `{:#}`
            // prints "item 2: out of stock", and a caller can still downcast to the
            // job's own error type.
            tokio::spawn(async move { work.await.with_context(|| format!("item {id}")) })
        })
        .collect();

    // Awaiting the handles together (or one by one: they are already running) takes as
    // long as the slowest item. `join_all` keeps input order, which is also how we know
    // which item a JoinError belongs to: the error itself does not carry it. If this
    // future is dropped mid-way, the handles are dropped with it, and dropping a
    // JoinHandle detaches its task rather than cancelling it: the items run on, unobserved.
    let outcomes = join_all(handles).await;

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error),
            Err(join_error) => match join_error.try_into_panic() {
                // The payload is what `panic!` was given; the report only needs the item.
                Ok(_payload) => report.panicked.push(id),
                // Cancelled: nothing here aborts these tasks, but something holding an
                // `AbortHandle` could. That is neither the job's Err nor its bug; report
                // it as an error with the item, not as a panic.
                Err(cancelled) => report
                    .failed
                    .push(anyhow::Error::new(cancelled).context(format!("item {id}"))),
            },
        }
    }
    report
}
