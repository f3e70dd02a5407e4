//! What the mistakes that catch the body's panic share: the catch itself, done right.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::Poll;

/// Calls `call` and awaits the future it returns, catching a panic in either; the
/// future is dropped before this returns, so a release after it comes after the body.
pub async fn catching<Fut: Future>(call: impl FnOnce() -> Fut) -> std::thread::Result<Fut::Output> {
    let fut = catch_unwind(AssertUnwindSafe(call))?;
    let mut fut = Box::pin(fut);
    std::future::poll_fn(
        |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(payload)),
        },
    )
    .await
}
