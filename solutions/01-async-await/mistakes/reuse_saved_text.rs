//! Mistake: loading a repeated name again, but transforming the text remembered from
//! its last save instead of the text the load returned.
//! class: fixture — while the fake is the only writer, the two texts are the same; a
//! colleague who edits the document in between shows it.
//!
//! "The load is the rule, but I already have the newest text." Only if nobody else
//! writes: the load returns what the document holds now, and the job overwrites a
//! colleague's change with an edit of stale text.

use std::collections::HashMap;

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut saved: HashMap<&str, String> = HashMap::new();
    for &name in names {
        let loaded = steps.load(name).await?;
        let text = saved.remove(name).unwrap_or(loaded);
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
