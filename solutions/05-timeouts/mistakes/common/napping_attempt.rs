//! What the two napping mistakes share: an attempt watched by a loop that polls it, looks
//! at the clock, and naps, instead of a timer at its cut-off.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use tokio::time::{Instant, sleep};

use crate::AttemptError;

/// Runs one attempt until `ends_at`, the way a Python polling loop would: look at the
/// attempt, then at the clock, then nap for `nap` (or until the attempt wakes the task).
pub async fn napping_attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
    nap: Duration,
) -> Result<T, AttemptError<E>> {
    let mut call = pin!(call);
    let Some(ends_at) = ends_at else {
        return call.await.map_err(AttemptError::Failed);
    };
    loop {
        let polled = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
        if let Poll::Ready(result) = polled {
            return result.map_err(AttemptError::Failed);
        }
        if Instant::now() >= ends_at {
            return Err(AttemptError::TimedOut);
        }
        tokio::select! {
            biased;
            result = call.as_mut() => return result.map_err(AttemptError::Failed),
            () = sleep(nap) => {}
        }
    }
}
