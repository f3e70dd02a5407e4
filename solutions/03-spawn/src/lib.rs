//! Reference solution for exercise 03: `asyncio.create_task` as `JoinSet::spawn`.

use std::future::Future;

use tokio::task::JoinSet;

/// Runs `jobs` as background tasks while awaiting `foreground`; returns the foreground's
/// output and the jobs' results in the order they finished.
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    // Each spawn hands a job to the runtime as a task of its own. Nothing waits here;
    // on a current-thread runtime the jobs first run at our next `.await`, on a
    // multi-thread one they may already be running on other workers.
    let mut running = JoinSet::new();
    for job in jobs {
        running.spawn(job);
    }

    // The caller's own work. While it is suspended, the scheduler polls the job tasks,
    // so their waits overlap with this one. (`foreground` needs no `Send`: it is not
    // spawned, it runs inside the caller's task.)
    let output = foreground.await;

    (output, crate::collect_results(running).await)
}

/// The results of the tasks in `running`, in the order they finish.
///
/// A step of its own, called from the crate root, so that a mistake in collecting can
/// replace just this.
pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    // `join_next` yields each task as it completes, whether that was long ago (it
    // finished during the foreground work) or later. If the call is cancelled here,
    // dropping `running` aborts the jobs still in it: none is left behind.
    let mut results = Vec::with_capacity(running.len());
    while let Some(joined) = running.join_next().await {
        // `Err` means the job panicked (we never abort them): re-raise it here.
        results.push(joined.expect("a background job panicked"));
    }
    results
}
