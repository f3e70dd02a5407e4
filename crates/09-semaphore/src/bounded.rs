//! At most `limit` downloads in flight, two ways.

use std::sync::Arc;

use futures::stream::{self, StreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::{Cdn, Image};

// ANCHOR: spawned
/// Downloads every path, at most `limit` at once, one task per download. Images come
/// back in the order they finish.
///
/// A `limit` of 0 would never start a download: it panics at once, saying so. A `limit`
/// above the number of paths (even `usize::MAX`) downloads them all at once.
pub async fn download_spawned(cdn: Arc<Cdn>, paths: Vec<String>, limit: usize) -> Vec<Image> {
    assert!(limit > 0, "download_spawned: `limit` must be at least 1");
    // More permits than downloads change nothing, and a `Semaphore` holds at most
    // `Semaphore::MAX_PERMITS` (it panics above): clamp.
    let permits = Arc::new(Semaphore::new(limit.min(paths.len())));
    let mut downloads = JoinSet::new();
    for path in paths {
        // Wait for a free slot *before* spawning: never more than `limit` tasks exist.
        // `acquire_owned` takes an `Arc` and returns a permit that owns its share of
        // the semaphore, so it can move into a `'static` task.
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let cdn = Arc::clone(&cdn);
        downloads.spawn(async move {
            let image = cdn.get(&path).await;
            // The slot frees when the permit is dropped: here, or if the task panics
            // or is aborted half-way, since dropping the task drops the permit too.
            drop(permit);
            image
        });
    }
    downloads.join_all().await
}
// ANCHOR_END: spawned

// ANCHOR: streamed
/// The same bound without tasks: `buffer_unordered` polls at most `limit` of the
/// downloads at a time, inside the caller's task, and starts the next as one ends.
///
/// A `limit` of 0 panics at once (`buffer_unordered(0)` would never poll a download, and
/// wait forever); any larger one works, and `usize::MAX` downloads everything at once.
pub async fn download_streamed(cdn: &Cdn, paths: &[&str], limit: usize) -> Vec<Image> {
    assert!(limit > 0, "download_streamed: `limit` must be at least 1");
    stream::iter(paths)
        .map(|path| cdn.get(path))
        .buffer_unordered(limit)
        .collect()
        .await
}
// ANCHOR_END: streamed
