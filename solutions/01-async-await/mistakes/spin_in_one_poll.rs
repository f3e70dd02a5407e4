//! Mistake: each step polled in a loop inside one poll, until it is ready.
//! class: other-side — only how often the step's future is polled shows it.
//!
//! Written for round 6, beside the other loops that never wait. It passes the right
//! `Context` and never returns `Pending`: "why return at all, when the next look may
//! find it done?" But the step is waiting for a timer, which only the runtime can fire,
//! and the runtime gets its thread back only when this poll returns. So the loop spins
//! for ever. The spec's fakes fail at once when a step that said `Pending` is polled
//! again within the same poll of the job (until round 11, after 100 polls at one
//! instant).

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

// ANCHOR: mistake
/// Polls `fut` again and again, inside one poll, until it is ready.
async fn until_ready<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    std::future::poll_fn(|cx| {
        loop {
            if let Poll::Ready(value) = fut.as_mut().poll(cx) {
                return Poll::Ready(value);
            }
        }
    })
    .await
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = until_ready(steps.load(name)).await?;
    let edited = until_ready(steps.transform(text)).await;
    until_ready(steps.save(name, edited)).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
