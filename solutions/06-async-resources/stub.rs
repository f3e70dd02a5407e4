//! # Exercise 06: async resources — `async with` in Rust
//!
//! In Python, `async with pool.connection() as conn:` hands the block a connection and
//! gives it back however the block ends. Write that helper:
//! [`with_resource`]`(&pool, |conn| async move { … })` checks a connection out with
//! `pool.acquire().await`, runs the body with it, and releases the connection
//! **exactly once**, however the body ends:
//!
//! 1. **Success.** Release gracefully, `pool.release(conn).await`, then return the
//!    body's `Ok`.
//! 2. **Error.** The body returns `Err` (often through `?`): release gracefully as well,
//!    then return that error.
//! 3. **Panic.** The closure panics, when it is called or in the future it returns: the
//!    same panic goes on to the caller at once, with nothing awaited first, and the
//!    connection is released on its way out with `pool.release_now(conn)`. A body that
//!    panicked left the connection in an unknown state: it is discarded, never reset
//!    for the next user. A guard's `drop` does this while the panic unwinds, with no
//!    catching. (Catching it, `catch_unwind` then `resume_unwind`, is allowed on the
//!    same terms: `release_now`, then the same panic at once.)
//! 4. **Cancellation.** The caller stops waiting (a `timeout`, the losing branch of a
//!    `select!`, an aborted task) while the body, or the graceful release, is still
//!    running: the future of `with_resource` is dropped where it was suspended. The
//!    connection must be released right then, inside that drop, with
//!    `pool.release_now(conn)`. A dropped future does no more work: no graceful release
//!    blocked on in a `drop`, and no task spawned to release it later.
//!
//! Never twice: a connection released twice may already belong to somebody else.
//!
//! Also part of the task:
//! - Release only once the body is done with the connection: after its future has been
//!   dropped, on every path, not merely after it returned or panicked. What the future
//!   still holds (a statement, a transaction) may use the connection as it is dropped.
//! - Calls run at once, interleaved on one thread: each releases the connection it
//!   acquired itself, and no other.
//! - A caller that gives up while `acquire` is still waiting has been handed nothing:
//!   there is nothing to release.
//! - Every [`ConnId`] the pool hands out is a real connection, `ConnId(0)` and
//!   `ConnId(u32::MAX)` included: no id means "none".
//! - The graceful release is awaited for as long as it takes. A caller who wants a limit
//!   puts a `timeout` around `with_resource`, and that is case 4.
//! - The future of `with_resource` must be `Send` whenever the pool is `Sync` and the
//!   closure, its future, `T` and `E` are `Send`: a server runs each request in a task
//!   of its own (`tokio::spawn`), which may move to another thread at any `.await`, and
//!   the tests spawn it too. So whatever you keep across an `.await` must be `Send`.
//!   Ask for no more than that: awaited on the caller's own thread, a body that is not
//!   `Send` (or not `UnwindSafe`) must still run, so add no bounds to the signature.
//!
//! A [`ConnId`] is just a number, like a file descriptor: it is `Copy`, and nothing in
//! the type system stops code from releasing it twice or not at all. Making "exactly
//! once" hold on every path is the exercise.
//!
//! Hint: one thing in Rust runs on *every* way out of a scope, including a panic
//! unwinding and a future dropped in the middle of an `.await`: `Drop`. It is a plain
//! `fn`, so it cannot `.await`; that is why [`Pool`] also has `release_now`. Run
//! `cargo workshop hint 06` for more.
//!
//! Check your work with `cargo workshop check 06` (or `cargo test -p
//! async-resources-exercise`).

// The stub below doesn't use its arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

/// A connection checked out of a [`Pool`]: only a number, copied freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub u32);

/// A pool of connections. The tests implement it with a fake that records every
/// acquire and release.
pub trait Pool {
    /// Checks a connection out. It may wait (for a free slot, for a connect).
    fn acquire(&self) -> impl Future<Output = ConnId> + Send;

    /// Gives `conn` back gracefully: the pool resets its session first, which takes a
    /// moment. If this future is dropped before it completes, `conn` is *not* released.
    /// The reset may begin as soon as `release` is called, before the future is first
    /// polled: call it only to await it, once the body is done with `conn`.
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send;

    /// Gives `conn` back at once, without waiting: the pool discards it instead of
    /// resetting it. For the places that cannot `.await`. Never panics (nor does
    /// `release`).
    fn release_now(&self, conn: ConnId);
}

/// Runs `body` with a connection from `pool`, and releases the connection exactly once
/// on every path: success, error, panic and cancellation.
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    todo!("with_resource: acquire, run the body, then release exactly once on every path")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
