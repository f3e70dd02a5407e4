//! Another correct way: `limit` workers that each take the next entry when they are
//! free, and a schedule in whole milliseconds for the rate.
//!
//! `run_bounded` has no semaphore and no pool of calls: it runs `min(limit, n)` worker
//! futures side by side (`join_all`, inside the caller's task), and each worker, the
//! moment its call answers, takes the next entry of `ids` from one shared iterator.
//! A free worker is a free slot, so the next call starts the moment one finishes, and
//! the entries are handed out in order. Each answer carries its position and the
//! results are put back by it. (Workers that each own a fixed share of the entries,
//! w, w + limit, …, would wait for their own slow call while another worker idles.)
//!
//! `run_rate_limited` starts call i at `1000 × i / per_second` whole milliseconds
//! (multiplied first, then divided, rounded down): call i + per_second is then exactly
//! 1000 ms after call i, so no window of a second holds more than `per_second` starts,
//! and rounding down never makes a start late. Whole milliseconds are tokio's timer
//! grain anyway. (A *gap* of `1000 / per_second` ms, rounded down once and multiplied
//! by i, is the mistake `ms_rounding`.) The calls are spawned into a `JoinSet`.

use std::cell::RefCell;
use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until};

// ANCHOR: workers
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        limit > 0,
        "run_bounded: `limit` must be at least 1 (with no worker, no call could ever start)"
    );
    // One queue of entries for every worker: whoever is free takes the next one.
    let queue = RefCell::new(ids.iter().copied().enumerate());
    let (queue, call) = (&queue, &call);
    let workers = (0..limit.min(ids.len())).map(|_| async move {
        let mut answered = Vec::new();
        loop {
            // Its own statement, so that the borrow ends before the `.await` (in a
            // `while let`, it would last the whole body, and the next worker panic).
            let next = queue.borrow_mut().next();
            let Some((place, id)) = next else { break };
            answered.push((place, call(id).await));
        }
        answered
    });
    let mut done: Vec<(usize, T)> = join_all(workers).await.into_iter().flatten().collect();
    done.sort_by_key(|&(place, _)| place);
    done.into_iter().map(|(_, answer)| answer).collect()
}
// ANCHOR_END: workers

pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1 (at 0 a second, no call could \
         ever start)"
    );
    let start = Instant::now();
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        let millis = 1000 * place as u64 / u64::from(per_second);
        sleep_until(start + Duration::from_millis(millis)).await;
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(done) = calls.join_next().await {
        match done {
            Ok((place, answer)) => results[place] = Some(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    results
        .into_iter()
        .map(|r| r.expect("every call answered"))
        .collect()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
