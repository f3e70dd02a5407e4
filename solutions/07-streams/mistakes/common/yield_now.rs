//! What the two self-waking mistakes share: `tokio::task::yield_now`, written out.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Wakes its task and says `Pending` once, then `Ready`.
pub struct YieldNow(pub bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
