//! Mistake: no limit at all.
//!
//! `join_all` of every call is chapter 02's `gather`: fast, and it sends the partner
//! API every request at once. Values and order are right, so only a test that counts
//! the calls in flight (and when they started) catches it.

// rustc warns that `limit` and `per_second` are never used: that warning is this bug.
#![allow(unused_variables)]

use std::future::Future;

use futures::future::join_all;

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

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
