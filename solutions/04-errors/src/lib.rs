//! Reference solution for exercise 04: `gather(..., return_exceptions=True)` as one
//! task per item, with every outcome kept as a value.
//!
//! `process_all` calls its steps by `crate::` path (`crate::call`, `crate::join_in_order`,
//! `crate::report_of`) so that a mistake in `mistakes/` can replace one step alone: its own item shadows the
//! glob-imported reference one, and the reference's `process_all` then calls it.

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use futures::future::{BoxFuture, Either, join_all};
use tokio::task::{AbortHandle, JoinError, JoinHandle};

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
/// because of a job (whether the job panics when called or while it runs).
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // One task per entry of `items`, every one started before any is awaited. Spawning
    // is what isolates a panic: the runtime catches it at the edge of the task and hands
    // it to the JoinHandle as a `JoinError`, where `join_all` over the bare futures would
    // unwind through this function and drop every other item half-way.
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(crate::call(&job, id)))
        .collect();
    let outcomes = crate::join_in_order(tasks).await;

    crate::report_of(items, outcomes)
}

/// The report of a batch, from each item's outcome; `outcomes` in the order of `items`.
pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    // The outcomes come in the order of `items`, which is also how we know which item a
    // JoinError belongs to: the error itself does not carry it. A repeated item is just
    // one more entry.
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            // `context` wraps the job's error rather than replacing it: `{:#}` prints
            // "item 50: out of stock", and a caller can still downcast to the job's own
            // error type.
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            // The payload is what `panic!` was given; the report only needs the item.
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            // Cancelled: only `join_in_order`'s guard aborts these tasks, when nobody is
            // left to read the report; the runtime shutting down could too. That is
            // neither the job's Err nor its bug: report it as an error with the item.
            Err(cancelled) => report
                .failed
                .push(anyhow::Error::new(cancelled).context(format!("item {id}"))),
        }
    }
    report
}

impl<T> Report<T> {
    /// A report with nothing in it yet.
    pub(crate) fn empty() -> Self {
        Report {
            succeeded: Vec::new(),
            failed: Vec::new(),
            panicked: Vec::new(),
        }
    }
}

/// Calls `job(id)`: the future it returns, or, if the call itself panicked, a future
/// that raises that panic again when it is polled.
///
/// The call runs here, on the caller's task; only the future it returns goes into the
/// item's task. A job that panics while it *builds* its future (work before its `async`
/// block, an `unwrap` on its argument) panics outside every task's wall, so the call is
/// caught here, and its panic is raised again inside the item's task: it comes back,
/// like every other panic of a job, as that task's `JoinError`.
pub(crate) fn call<F, Fut, T>(
    job: &F,
    id: u32,
) -> Either<Fut, BoxFuture<'static, anyhow::Result<T>>>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
    T: Send + 'static,
{
    // `AssertUnwindSafe`: if the call panics, nothing it may have left half-changed is
    // used again for this item, which is reported as panicked.
    match catch_unwind(AssertUnwindSafe(|| job(id))) {
        Ok(work) => Either::Left(work),
        Err(panic) => Either::Right(Box::pin(panic_again(panic))),
    }
}

/// Raises `panic` again when polled: inside the task that runs it.
async fn panic_again<T>(panic: Box<dyn Any + Send>) -> T {
    resume_unwind(panic)
}

/// Awaits every task together, so it takes as long as the slowest; the outcomes come in
/// the order of `tasks`.
///
/// Dropping a JoinHandle detaches its task rather than cancelling it. If this future is
/// dropped while it waits (a timeout around `process_all`), the guard aborts every task
/// still running; once they have all finished, aborting them does nothing.
pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    join_all(tasks).await
}

/// Aborts the tasks it holds when dropped.
pub(crate) struct AbortOnDrop(Vec<AbortHandle>);

impl AbortOnDrop {
    pub(crate) fn of<T>(tasks: &[JoinHandle<T>]) -> Self {
        AbortOnDrop(tasks.iter().map(JoinHandle::abort_handle).collect())
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}
