//! Mistake: `Wait::poll` only tries the lock (`try_lock`), and when `open` holds it,
//! returns Pending without storing its waker ("never block inside poll; `open` is about
//! to wake us anyway").
//! class: path — only a poll that comes while `open` holds the lock goes wrong, and no
//! hook runs there: the race of `open` on another thread against polls finds it. (From
//! the twelfth reviewer's attack.)
//!
//! `open` is about to wake the waker it finds stored, and that is the waker of an
//! earlier poll: if the future has moved to another task since, or the task was polled
//! by a combinator with a waker of its own, the one that says Pending now is never
//! woken. The lock is held for a few instructions; waiting for it with `lock()` is what
//! puts this poll either wholly before `open` (its waker is found) or wholly after (the
//! flag is seen).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// A `Wait` of its own for the `poll` below; the rest is as in the reference.
#[path = "common/own_wait.rs"]
mod own_wait;
pub use own_wait::{Wait, latch};

// ANCHOR: mistake
impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Never block inside `poll`: if `open` holds the lock now, it wakes us anyway.
        let Ok(mut shared) = self.shared.try_lock() else {
            return Poll::Pending;
        };
        if shared.open {
            return Poll::Ready(());
        }
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
