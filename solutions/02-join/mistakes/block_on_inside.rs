//! Mistake: `futures::executor::block_on` inside the `async fn`.
//! class: other-side — the code reads like "run them all and wait"; only the runtime,
//! whose thread it blocks, sees that nothing can run any more.
//!
//! `block_on` runs a future to its end on the calling thread, blocking it until then.
//! Called inside an `async fn`, that thread is the runtime's own: the timers (and
//! sockets) the lookups wait for are driven by it, so they never fire, the lookups
//! never finish, and `block_on` never returns: a deadlock, and with it a test that
//! would hang for real, since a blocked thread fires no watchdog either. The spec's fake
//! lookups check, when polled, whether they run inside `futures::executor` and fail
//! at once if they do. Inside an `async fn`, `.await`.

use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let all = join_all(ids.iter().map(|&id| fetch(id)));
    futures::executor::block_on(all)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
