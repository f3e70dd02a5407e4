//! What the semaphore mistakes share: `run_in_background` with each job behind a permit
//! of one semaphore of `AT_ONCE` permits, that each of them gives (`super::AT_ONCE`).

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::AT_ONCE;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let permits = Arc::new(Semaphore::new(AT_ONCE));
    let mut running = JoinSet::new();
    for job in jobs {
        let permits = Arc::clone(&permits);
        running.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("never closed");
            job.await
        });
    }
    let output = foreground.await;
    let mut results = Vec::with_capacity(running.len());
    while let Some(joined) = running.join_next().await {
        results.push(joined.expect("a background job panicked"));
    }
    (output, results)
}
