//! Mistake: each job notes when it finished, and the results are put in a `BTreeMap`
//! keyed by that instant, "to sort them by completion time".
//! class: fixture — jobs that end at different instants come back right; only jobs that
//! end at the same instant show that one result overwrites another.
//!
//! Found by a reviewer in round 5. The order is right, and so is the time. But two jobs
//! that end at the same instant get the same key, and the map keeps one of them: ten
//! thousand jobs released together by a barrier come back as one result. A `JoinSet`
//! already gives the results in the order the jobs finished; there is nothing to sort.

use std::collections::BTreeMap;
use std::future::Future;

use tokio::task::JoinSet;
use tokio::time::Instant;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    // ANCHOR: mistake
    for job in jobs {
        running.spawn(async move {
            let result = job.await;
            (Instant::now(), result)
        });
    }
    let output = foreground.await;
    let mut by_time = BTreeMap::new();
    while let Some(joined) = running.join_next().await {
        let (finished, result) = joined.expect("a background job panicked");
        by_time.insert(finished, result);
    }
    (output, by_time.into_values().collect())
    // ANCHOR_END: mistake
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
