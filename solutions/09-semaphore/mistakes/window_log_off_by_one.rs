//! Mistake: a log of the last second's starts that forgets a start only once it is
//! more than a second old.
//! class: boundary — at exactly one second the oldest start still counts, and the loop
//! sleeps until a moment already here.
//!
//! A sliding-window log is a fine rate limiter: keep the times of the starts, forget
//! those a second old, and start when fewer than `per_second` remain, else sleep
//! until the oldest turns one second old. The window runs from an instant included to
//! one second later excluded, so a start exactly one second old is out of it; here it
//! is forgotten only when `now - t > 1 s`. At that very instant the loop finds the
//! window still full and sleeps until the oldest start turns one second old: now.
//! The sleep is over at once, and the loop goes round again, and again, without time
//! moving on. `now - t >= 1 s` lets the start go. (Found by round 5's attack.)

use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
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
    let second = Duration::from_secs(1);
    let mut window: VecDeque<Instant> = VecDeque::new();
    let mut calls = JoinSet::new();
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    let mut gather = |finished: Result<(usize, T), tokio::task::JoinError>| match finished {
        Ok((place, answer)) => results[place] = Some(answer),
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    };
    for (place, &id) in ids.iter().enumerate() {
        loop {
            let now = Instant::now();
            while window.front().is_some_and(|&t| now - t > second) {
                window.pop_front(); // forgotten only when MORE than a second old
            }
            if window.len() < per_second as usize {
                break;
            }
            tokio::select! {
                () = sleep_until(window[0] + second) => {}
                Some(finished) = calls.join_next() => gather(finished),
            }
        }
        window.push_back(Instant::now());
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
    }
    while let Some(finished) = calls.join_next().await {
        gather(finished);
    }
    results.into_iter().flatten().collect()
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
