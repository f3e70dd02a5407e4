//! What the per-item time-limit mistakes share: the reference's `call`, with a
//! `timeout` of `LIMIT`, which each of them gives (`super::LIMIT`), around the job's
//! future, so an item that runs out of it comes back as an `Err` (and is reported in
//! `failed`, as the reference's `report_of` reports any `Err`).

use std::future::Future;

use futures::FutureExt;
use futures::future::{BoxFuture, Either, Map};
use tokio::time::Timeout;
use tokio::time::error::Elapsed;

use super::LIMIT;

// ANCHOR: mistake
/// The reference's `call(job, id)`, cut off after `LIMIT` "for safety".
pub(crate) fn call<F, Fut, T>(job: &F, id: u32) -> Limited<Fut, T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
    T: Send + 'static,
{
    let limited = tokio::time::timeout(LIMIT, crate::reference::call(job, id));
    limited.map(ran_out_as_err::<T> as fn(_) -> _)
}
// ANCHOR_END: mistake

/// What `call` returns: the reference's future under a `timeout`, its running out
/// turned into an `Err`. (A named type, not `impl Future`, which would capture `F`.)
type Limited<Fut, T> = Map<
    Timeout<Either<Fut, BoxFuture<'static, anyhow::Result<T>>>>,
    fn(Result<anyhow::Result<T>, Elapsed>) -> anyhow::Result<T>,
>;

/// A job that ran out of time, as an `Err` of its own.
fn ran_out_as_err<T>(outcome: Result<anyhow::Result<T>, Elapsed>) -> anyhow::Result<T> {
    outcome?
}
