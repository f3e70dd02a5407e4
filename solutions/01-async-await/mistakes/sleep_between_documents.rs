//! Mistake: pacing the batch with `std::thread::sleep`, which blocks the runtime's thread.
//! class: other-side — only the rest of the runtime sees its thread held. Found by
//! round 9's attack: on the paused clock a real sleep costs no virtual time, so every
//! timed test passed it.
//!
//! "Be polite to the server: a millisecond between documents" (Python's `time.sleep`
//! habit). `std::thread::sleep` does not yield to the runtime: it holds the thread, and
//! every other task on it (and every timer it fires) waits too. The spec's batch of a
//! hundred thousand ready documents runs in one poll; this poll does not return for
//! 100 s, and the lookout of `testkit::no_busy_task` ends the run after 2 s of it.
//! Pausing is `tokio::time::sleep(…).await`'s job, and the task asks for no pause.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        process(steps, name).await?;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    Ok(())
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
