//! Mistake: no limit at all.
//! class: other-side — values and order are right, and fast; only the partner, which
//! counts the calls open at once and sees when each started, can tell.
//!
//! `join_all` of every call is chapter 02's `gather`: fast, and it sends the partner
//! API every request at once. It ignores `limit` and `per_second` altogether, so it
//! does not refuse a 0 either.

// rustc warns that `limit` and `per_second` are never used: that warning is this bug.
#![allow(unused_variables)]

use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    join_all(ids.iter().map(|&id| call(id))).await
}

pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    join_all(ids.iter().map(|&id| call(id))).await
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
