//! Mistake: "no ids, nothing to do" returns early, before the argument is checked.
//! class: bad-argument — every 0 with ids is refused; a 0 with no ids slips through.
//!
//! Found by the reviewer's attack. Returning at once for an empty batch looks like a
//! harmless shortcut, and it is put first, as shortcuts are. But it answers an
//! argument that has no right answer: `limit` 0 allows no call at all, and the
//! exercise refuses it whatever the batch. A caller whose code passes 0 by mistake then
//! sees it fail only on the day a batch has ids, not on the first run.

use std::future::Future;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    if ids.is_empty() {
        return Vec::new(); // before the check: a limit of 0 is never looked at
    }
    reference::run_bounded(ids, limit, call).await
}

pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    if ids.is_empty() {
        return Vec::new();
    }
    reference::run_rate_limited(ids, per_second, call).await
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
