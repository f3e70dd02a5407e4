//! Mistake: the paced calls run through `buffer_unordered(1024)`, a cap on calls in
//! flight that the rate never asked for.
//! class: fixture — a cap above the test's batch never bites: 1000 calls at an absurd
//! rate all start at once under a cap of 1024; only a bigger batch shows it.
//!
//! Each call waits for its start time inside its own future, and a stream with
//! `buffer_unordered` drives them, so a number had to go in, and a round "sane"
//! one looks harmless. But `buffer_unordered` makes the next future only when one of
//! those in flight ends: past the cap, a call whose start time has long come waits for
//! an earlier call to finish, which a rate limit never does. The only cap is the batch,
//! `ids.len()`, or no stream at all (`join_all`). (Found by round 5's attack.)

use std::future::Future;
use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    const MAX_IN_FLIGHT: usize = 1024; // "be nice to the partner"
    let start = Instant::now();
    let call = &call;
    let mut done: Vec<(usize, T)> = stream::iter(ids.iter().copied().enumerate())
        .map(|(place, id)| async move {
            let second = place as u64 / u64::from(per_second);
            sleep_until(start + Duration::from_secs(second)).await;
            (place, call(id).await)
        })
        .buffer_unordered(MAX_IN_FLIGHT)
        .collect()
        .await;
    done.sort_by_key(|&(place, _)| place);
    done.into_iter().map(|(_, answer)| answer).collect()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
