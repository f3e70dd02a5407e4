//! Another correct way: `process_all` splits the names in halves and recurses on each,
//! so the recursion is only log2(n) deep: 17 levels for 100 001 names.
//!
//! The mistake `recursive_batch` recurses once per name, and every poll goes down
//! through one future per name already done: a long batch overflows the stack. Halving
//! keeps the nesting logarithmic, while the order, the one-at-a-time and the stop at
//! the first error stay the reference's: the left half is awaited to its end (and its
//! error returned by `?`) before the right half's future is even built. Each level is
//! `Box::pin`ned, because a future cannot hold itself; the boxes are of the job's own
//! type, so the batch stays `Send` when the steps are `Sync`.
//!
//! Round 11: written by the attack as a correct solution in a style the unit lacked.

// ANCHOR: process_all
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    match names {
        [] => Ok(()),
        [name] => process(steps, name).await,
        _ => {
            let (left, right) = names.split_at(names.len() / 2);
            Box::pin(process_all(steps, left)).await?;
            Box::pin(process_all(steps, right)).await
        }
    }
}
// ANCHOR_END: process_all

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
