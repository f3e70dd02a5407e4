//! Mistake: a dropped `Wait` leaves its waker in the shared state.
//! class: cancellation — dropped half-way: the wait is cancelled, but the shared state
//! still holds the cancelled task's waker, and `open` would wake it.
//!
//! Nothing seems to need cleaning up: `Wait` owns no thread and no timer, and the
//! chapter says a dropped future simply stops. But the waker it stored is still in the
//! shared state, which the `Opener` keeps alive: the cancelled task's memory stays
//! allocated as long as the `Opener` lives (a server may keep one for hours), and
//! `open` wakes a task that no longer waits for it. Tokio's own leaf futures (`Sleep`,
//! `Notified`) take their registration back in `Drop`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use reference::{Shared, lock};

// ANCHOR: mistake
/// A `Wait` with no `impl Drop`: nothing takes its waker back when it is dropped.
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}
// ANCHOR_END: mistake

// The reference's `poll` and `latch`, for this `Wait`.
impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = lock(&self.shared);
        if shared.open {
            return Poll::Ready(());
        }
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opener = Opener {
        shared: shared.clone(),
    };
    (opener, Wait { shared })
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
