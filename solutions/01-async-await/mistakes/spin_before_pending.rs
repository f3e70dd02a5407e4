//! Mistake: a step that is not ready is polled again, up to 32 times, before `Pending`
//! is returned ("spin a little: it may be done by the next look").
//! class: other-side — found by round 11's attack: 33 polls at one instant stayed under
//! the fakes' limit of 100, and the job did return `Pending` in the end, so it passed
//! every test. Now a step said `Pending` may not be polled again within the same poll
//! of the job.
//!
//! Unlike `spin_in_one_poll`, this does not hang: it gives up and waits. But no look
//! can find the step done: it waits for a timer, and the runtime fires timers only
//! after this poll has returned. Every extra look burns the thread for nothing, and a
//! step that costs something per poll (a syscall, a lock) pays it 32 times.
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

// ANCHOR: mistake
/// Awaits `fut`, looking up to 32 times per poll before saying `Pending`.
async fn spin_then_wait<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    std::future::poll_fn(|cx| {
        for _ in 0..32 {
            if let Poll::Ready(value) = fut.as_mut().poll(cx) {
                return Poll::Ready(value);
            }
            std::hint::spin_loop();
        }
        Poll::Pending
    })
    .await
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = spin_then_wait(steps.load(name)).await?;
    let edited = spin_then_wait(steps.transform(text)).await;
    spin_then_wait(steps.save(name, edited)).await
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
