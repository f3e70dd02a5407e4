//! Another correct way: `process_all` drives the jobs by hand with `std::future::poll_fn`.
//!
//! It is what the `for` loop with `.await` compiles to, written out: hold one `process`
//! future, poll it whenever the task is woken, and build the next one only after the
//! current one is `Ready(Ok)`. `Pending` is passed up (the step inside registered the
//! waker), and `Ready(Err)` ends the batch. No future is built that is not polled, and
//! dropping the driver drops the one job it holds, at the step it waits in.
//!
//! Round 6: the job is held as its own type in a `Pin<Box<_>>`, no longer as a
//! `Pin<Box<dyn Future + 'a>>`, which was not `Send` and could not be spawned.

use std::pin::Pin;
use std::task::Poll;

use std::fmt;
use std::future::Future;

/// Why a step failed. The tests decide which steps fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError(pub String);

/// The three steps of the job. The tests implement them with fakes that take time and
/// record what they are asked to do; you only call them.
pub trait Steps {
    /// Reads the document `name`; fails if there is no such document.
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send;

    /// Rewrites a document's text (slowly: think of a formatter behind a network call).
    fn transform(&self, text: String) -> impl Future<Output = String> + Send;

    /// Writes `text` as the document `name`; can fail too.
    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send;
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StepError {}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
}

// ANCHOR: process_all
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut names = names.iter();
    // The job's own type, boxed (`Box::pin` keeps it in place while it is polled), not
    // `Box<dyn Future>`: a `dyn` would lose that the job is `Send` when the steps are
    // `Sync`, and the batch could no longer be spawned.
    let mut current: Option<Pin<Box<_>>> = None;
    std::future::poll_fn(move |cx| {
        loop {
            let job = match current.as_mut() {
                Some(job) => job,
                None => match names.next() {
                    Some(name) => current.insert(Box::pin(process(steps, name))),
                    None => return Poll::Ready(Ok(())),
                },
            };
            match job.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Ready(Ok(())) => current = None,
            }
        }
    })
    .await
}
// ANCHOR_END: process_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
