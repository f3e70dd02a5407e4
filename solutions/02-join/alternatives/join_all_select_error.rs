//! Another correct way: `join_all` for both, with the first error sent on a `oneshot`
//! and the whole join `select`ed against that channel.
//!
//! Each fallible lookup is wrapped: on `Ok` it yields its record into `join_all`'s
//! slot; on `Err` the first to fail sends its error on the channel (later ones find the
//! sender taken) and then waits forever, so the join never completes with a hole in
//! it. `select` returns whichever is ready first: the join, when every lookup
//! succeeded, or the error, the moment it is sent. Returning drops the join, and with
//! it every lookup still running. The sender sits in a `RefCell` the wrappers borrow:
//! no `Send`, `Clone` or `'static` is needed.

use std::cell::RefCell;
use std::future::Future;

use futures::channel::oneshot;
use futures::future::{Either, join_all, select};

/// Fetches every id concurrently; results in the order of `ids`.
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    join_all(ids.iter().map(|&id| fetch(id))).await
}

// ANCHOR: select_error
/// Fetches every id concurrently; stops at the first error.
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let (sender, first_error) = oneshot::channel::<E>();
    let sender = RefCell::new(Some(sender));
    let sender = &sender;
    let all = join_all(ids.iter().map(|&id| {
        let lookup = fetch(id);
        async move {
            match lookup.await {
                Ok(record) => record,
                Err(error) => {
                    if let Some(sender) = sender.borrow_mut().take() {
                        // The receiver is alive while the join is: this cannot fail.
                        let _ = sender.send(error);
                    }
                    // The result is decided: wait to be dropped.
                    std::future::pending().await
                }
            }
        }
    }));
    match select(std::pin::pin!(all), first_error).await {
        Either::Left((records, _)) => Ok(records),
        Either::Right((Ok(error), _)) => Err(error),
        Either::Right((Err(oneshot::Canceled), _)) => {
            unreachable!("the sender lives as long as the join")
        }
    }
}
// ANCHOR_END: select_error

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
