//! Mistake: remembering what was saved and, for a repeated name, skipping the load.
//! class: other-side — the documents end up right; only the loads the store received
//! show that a repeat was never read again.
//!
//! "We already know that text, so don't pay for loading it again." Here the fake is the
//! only writer, so the result is the same; against a real store someone else may have
//! changed the document in between, and this job would overwrite their change with an
//! edit of stale text. The task says a repeated name is loaded again each time.

use std::collections::HashMap;

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut saved: HashMap<&str, String> = HashMap::new();
    for &name in names {
        let text = match saved.remove(name) {
            Some(text) => text,
            None => steps.load(name).await?,
        };
        let edited = steps.transform(text).await;
        steps.save(name, edited.clone()).await?;
        saved.insert(name, edited);
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
