//! # Exercise 00: runtime and futures — a future that waits, and a tiny executor
//!
//! No `async` keyword in this exercise: you write what it builds on.
//!
//! ## 1. A latch: a future that waits for a signal
//!
//! A latch is a one-time gate, like an `asyncio.Event` that is set once. [`latch`]
//! returns two halves that share one state:
//!
//! - an [`Opener`], whose [`Opener::open`] opens the latch. It may be called from
//!   another task or from another thread, at any time: before the wait starts, or
//!   while a task is suspended in it.
//! - a [`Wait`], a future you write by hand (`impl Future for Wait`). It is
//!   `Poll::Pending` while the latch is closed and `Poll::Ready(())` once it is open.
//!
//! The rule every future follows: **a future that returns `Pending` must make sure
//! its waker is woken when it can make progress.** The executor will not poll it
//! again before that. So:
//!
//! - when `Wait::poll` finds the latch closed, it stores the waker it was given
//!   (`cx.waker()`) in the shared state, replacing any older one (a future may be
//!   polled with a different waker each time), and returns `Pending`;
//! - `open` marks the latch open and wakes the stored waker, if there is one;
//! - and `Wait` must not wake itself when nothing has changed: that makes the
//!   executor poll it again at once, and again, in a busy loop.
//!
//! The shared state is a `std::sync::Mutex`, fine here: it is held for a few
//! instructions and never across an `.await`. Check the flag and store the waker
//! under one lock, so that an `open` on another thread cannot slip in between.
//!
//! ## 2. `block_on`: run a future on this thread
//!
//! [`block_on`] polls a future until it is `Ready` and returns its output, with no
//! runtime at all. When the future says `Pending`, put the thread to sleep until the
//! future's waker is woken (possibly from another thread), then poll again.
//!
//! Hint: `std::task::Wake` turns an `Arc` of your type into a `Waker`; a thread can
//! sleep with `std::thread::park()` and be woken with `Thread::unpark()` (take
//! `std::thread::current()` *before* you sleep). `std::pin::pin!` pins the future so
//! you can call `poll` on it. Run `cargo workshop hint 00` for more.
//!
//! Check your work with `cargo workshop check 00` (or `cargo test -p
//! runtime-and-futures-exercise`).

// The stubs below don't use their arguments or fields yet; remove this line when you
// are done.
#![allow(unused_variables, dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the two halves of a latch share.
#[derive(Debug, Default)]
struct Shared {
    /// Set by `open`, never unset.
    open: bool,
    /// The waker of the last poll of `Wait` that returned `Pending`.
    waker: Option<Waker>,
}

/// Opens the latch. See [`latch`].
#[derive(Debug)]
pub struct Opener {
    shared: Arc<Mutex<Shared>>,
}

/// A future that finishes once the latch is open. See [`latch`].
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

/// A closed latch: the half that opens it, and the future that waits for it.
pub fn latch() -> (Opener, Wait) {
    todo!("latch: create the shared state and give one Arc of it to each half")
}

impl Opener {
    /// Opens the latch and wakes the task waiting in [`Wait`], if any.
    pub fn open(self) {
        todo!("Opener::open: set `open`, then wake the stored waker if there is one")
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!("Wait::poll: Ready if open; otherwise store cx.waker() and return Pending")
    }
}

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    todo!("block_on: poll in a loop; on Pending, park until the waker unparks you")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
