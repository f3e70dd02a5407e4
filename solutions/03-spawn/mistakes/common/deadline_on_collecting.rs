//! What the deadline mistakes share: `collect_results` under one deadline for the whole
//! collecting loop, `PATIENCE` after it starts, that each of them gives
//! (`super::PATIENCE`); at the deadline the rest are aborted and the call returns what
//! it has.

use tokio::task::JoinSet;
use tokio::time::Instant;

use super::PATIENCE;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    let mut results = Vec::with_capacity(running.len());
    let deadline = Instant::now() + PATIENCE;
    loop {
        match tokio::time::timeout_at(deadline, running.join_next()).await {
            Ok(Some(joined)) => results.push(joined.expect("a background job panicked")),
            Ok(None) => break,
            Err(_) => {
                running.abort_all();
                break;
            }
        }
    }
    results
}
