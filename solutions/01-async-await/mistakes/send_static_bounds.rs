//! Mistake: `S: Steps + Send + 'static`, "so that the job can be spawned".
//! class: fixture — every fake the tests gave was `Send` and owned; one that borrows
//! shows it.
//!
//! Found by round 6's attack. `tokio::spawn` needs a `Send + 'static` future, so it
//! seems the steps must be `Send + 'static` too. But that is the spawner's business, not
//! the job's: the one who spawns owns the steps (an `Arc`, say) and borrows from them
//! inside the task, and an `async fn`'s future is `Send` whenever what it holds is.
//! Bounds on `process` only shut out steps that borrow (a transaction, a connection
//! checked out of a pool) or live on one thread. The spec's
//! `the_steps_need_not_be_sync_send_or_static` passes such steps, so against this the
//! spec does not compile.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile


// ANCHOR: mistake
pub async fn process<S: Steps + Send + 'static>(steps: &S, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
}

pub async fn process_all<S: Steps + Send + 'static>(
    steps: &S,
    names: &[&str],
) -> Result<(), StepError> {
    for name in names {
        process(steps, name).await?;
    }
    Ok(())
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
