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
//! spec does not compile; this file does the same below.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

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

/// What the spec's `the_steps_need_not_be_sync_send_or_static` does: steps that are
/// neither `Sync` nor `Send`, and borrow what they work on.
pub struct Unshared<'a, S> {
    pub inner: &'a S,
    pub not_sync: std::marker::PhantomData<std::rc::Rc<()>>,
}

impl<S: Steps + Sync> Steps for Unshared<'_, S> {
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send {
        self.inner.load(name)
    }

    fn transform(&self, text: String) -> impl Future<Output = String> + Send {
        self.inner.transform(text)
    }

    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send {
        self.inner.save(name, text)
    }
}

pub async fn with_unshared_steps<S: Steps + Sync>(inner: &S) -> Result<(), StepError> {
    let steps = Unshared {
        inner,
        not_sync: std::marker::PhantomData,
    };
    process(&steps, "notes").await?;
    process_all(&steps, &["notes", "todo"]).await
}

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
