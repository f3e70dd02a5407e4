//! Mistake: `+ Sync` on the steps, which the signature does not ask for.
//! class: fixture — every fake the tests gave was `Sync`; steps that are not show it.
//!
//! Found by round 6's attack, which took it for harmless: "a future that holds
//! `&steps` is `Send` only if the steps are `Sync`, so ask for it". But an `async fn`
//! already gives exactly that, with no bound: its future is `Send` whenever everything
//! it holds across an `.await` is, here whenever the steps are `Sync`. The bound turns
//! "`Send` when the steps allow it" into "no steps that are not `Sync`": steps behind
//! an `Rc`, or awaited right on one thread where nothing needs to be shared, no longer
//! compile. The spec's `the_steps_need_not_be_sync_send_or_static` passes such steps,
//! so against this the spec does not compile.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile


// ANCHOR: mistake
pub async fn process(steps: &(impl Steps + Sync), name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
}

pub async fn process_all(steps: &(impl Steps + Sync), names: &[&str]) -> Result<(), StepError> {
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
