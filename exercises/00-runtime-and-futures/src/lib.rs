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
//! Also part of the task:
//!
//! - **`open` sets the flag before it wakes.** The woken task may be polled at once on
//!   another thread, before `open` has returned, and it must find the latch open. Wake
//!   after releasing the lock (best: that task's first act is to lock) or while holding
//!   it; both are correct. Setting the flag in a second step after the wake is not.
//! - **No waiter is fine.** `open` before the first poll has no waker to wake: then
//!   `Wait` is Ready at its first poll.
//! - **A second poll while closed** (by the same task, or by another one) stores the new
//!   waker and wakes nobody: not the old waker either, which may be this task's own.
//! - **Open stays open.** Once `open` was called, `Wait` is Ready at every poll, even
//!   when it is polled again after Ready.
//! - **Cancellation.** Dropping a `Wait` that returned `Pending` cancels the wait. Take
//!   its waker out of the shared state then (fill in the `Drop for Wait` below), so that
//!   nothing keeps the cancelled task's waker alive while the `Opener` lives, and a
//!   later `open` wakes no one. The drop itself wakes no one either: let the waker go
//!   without waking it (the code that drops a `Wait` runs in that task).
//! - **An `Opener` dropped without `open()`** leaves the latch closed for good: `Wait`
//!   stays Pending and is never woken, like an `asyncio.Event` that nobody sets (put a
//!   timeout around the wait if that can happen).
//! - Keep `#[derive(Debug)]` on `Opener` and `Wait`. The tests call `open` in the
//!   middle of your `poll` (inside `cx.waker().clone()`) and poll in the middle of your
//!   `open` (inside `wake()`), where another thread could; before they do, they print
//!   the halves to see whether your code holds its lock just then (a `Mutex` prints
//!   `<locked>` while it is held), so that they never deadlock a correct solution. One
//!   more test races `open` on another thread against polls of `Wait` (round after
//!   round, for half a second or more), to find a gap where your lock is let go in
//!   between.
//!
//! ## 2. `block_on`: run a future on this thread
//!
//! [`block_on`] polls a future until it is `Ready` and returns its output, with no
//! runtime at all, on the thread that calls it. Keep its signature: it takes any
//! future, also one that is not `Send` or borrows a local (no `Send` or `'static`
//! bound), so the future stays in a local of `block_on`. When the future says
//! `Pending`, put the thread to sleep until the future's waker is woken (possibly from
//! another thread), then poll again.
//!
//! - Poll until `Ready`, however many polls that takes: no cap "against a stuck future"
//!   (one test's future wakes itself 100 000 times before it is Ready).
//! - Never poll again before the waker is woken: no spinning, no `Waker::noop()` with a
//!   nap between polls, no timeout on the sleep "just in case". The tests hold a wake
//!   back for 100 ms, and once for 1.5 s, and count the polls that come meanwhile; and
//!   they wake a future 20 times in a row to see that each wake is answered at once.
//!   (Only a spurious return of `park()`, which its docs allow and std's does not do in
//!   practice, may be followed by a poll that nobody asked for.)
//! - Sleep while you wait, in a wait that only the waker ends: not a loop on a flag
//!   that your waker sets (with `spin_loop`, `yield_now` or a nap between looks), which
//!   polls only when woken but burns a core or runs on a timer, and no timeout of any
//!   length. On Linux one test looks at the thread in `/proc` while it holds a wake
//!   back: it must be asleep in a wait with no timeout, as in `park()`.
//! - Wakes that come before the next poll ask for that one poll together: three wakes
//!   during one poll mean one more poll, not three.
//! - A wake can come while the future is being polled (a future that wakes itself, like
//!   `yield_now`), before you sleep: it must not be lost.
//! - `block_on` blocks the thread that calls it: call it from plain code, never from
//!   inside an async task, where it would block that runtime's thread.
//!
//! Hint: `std::task::Wake` turns an `Arc` of your type into a `Waker` (the workspace
//! denies `unsafe`, so no hand-written `RawWaker` vtable); a thread can sleep with
//! `std::thread::park()` and be woken with `Thread::unpark()` (take
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

impl Drop for Wait {
    /// A dropped `Wait` is a cancelled wait. Empty in the stub, so that nothing panics
    /// while a failing test unwinds: take the waker out of the shared state here.
    fn drop(&mut self) {}
}

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    todo!("block_on: poll in a loop; on Pending, park until the waker unparks you")
}
