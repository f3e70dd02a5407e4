//! Another correct way: `limit` workers that each take the next entry when they are
//! free, with no semaphore and no pool of calls.
//!
//! `run_bounded` runs `min(limit, n)` worker futures side by side (`join_all`, inside
//! the caller's task), and each worker, the moment its call answers, takes the next
//! entry of `ids` from one shared iterator. A free worker is a free slot, so the next
//! call starts the moment one finishes, and the entries are handed out in order. Each
//! answer carries its position and the results are put back by it. Nothing is
//! spawned: dropping the batch drops every call, and a call's panic unwinds through
//! `join_all`. (Workers that each own a fixed share of the entries, w, w + limit, …,
//! would wait for their own slow call while another worker idles.) `run_rate_limited`
//! is the reference's.

use std::cell::RefCell;
use std::future::Future;

use futures::future::join_all;

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
            // `while let`, it would last the whole body, and the next worker would panic).
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

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
