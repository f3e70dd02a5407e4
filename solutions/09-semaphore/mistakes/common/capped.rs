//! What the two capped mistakes share: `run_bounded` with the limit clamped to a
//! "sane" maximum of its own, `MAX_IN_FLIGHT`, that each of them gives
//! (`super::MAX_IN_FLIGHT`).

use std::future::Future;

use futures::future::join_all;
use tokio::sync::Semaphore;

use super::MAX_IN_FLIGHT;

pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Semaphore::new(limit.min(ids.len()).min(MAX_IN_FLIGHT));
    join_all(ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            let _permit = permits.acquire().await.expect("never closed");
            call(id).await
        }
    }))
    .await
}
