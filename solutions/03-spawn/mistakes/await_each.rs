//! Mistake: awaiting each handle right after spawning it.
//! class: other-side — the results are right; only the clock and the in-flight gauge see it.
//!
//! `tokio::spawn` does start the job at once, which makes this look right. But the very
//! next line waits for it to finish, so the next job is spawned only after the last one
//! is done, and the foreground work waits for all of them: nothing ran in the
//! background. It is `for j in jobs: await asyncio.create_task(j)`.

use std::future::Future;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut results = Vec::new();
    for job in jobs {
        let handle = tokio::spawn(job);
        results.push(handle.await.expect("a background job panicked"));
    }
    let output = foreground.await;
    (output, results)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
