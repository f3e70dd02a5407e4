//! # Exercise 02: join — `asyncio.gather` in Rust
//!
//! You have a slow lookup, `fetch(id)`, and a list of ids. Fetch every record
//! **concurrently**: start all the lookups, then wait for all of them, so the whole
//! batch takes as long as the *slowest* lookup, not the sum of them all.
//!
//! 1. [`fetch_all`]: every lookup succeeds. Return the results **in the order of
//!    `ids`**, whichever lookup happens to finish first.
//! 2. [`try_fetch_all`]: a lookup may fail. Return `Ok` with all results in order, or
//!    the **first error as soon as it happens**: don't wait for the lookups still
//!    running, and don't leave them running either.
//!
//! Calling `fetch(id)` only *creates* a future; nothing runs until it is polled.
//!
//! Also part of the task:
//! - Call `fetch` exactly once per entry of `ids`, in the order of `ids`, for every
//!   entry, even one after a lookup that fails at its first poll: create all the
//!   lookups, then wait for them together. Ids are not positions, need not be sorted,
//!   and may repeat: a repeated id is one more entry, looked up again, and each entry
//!   gets the result of its own lookup (two lookups of the same id may return
//!   different records, and finish in any order).
//! - No limit on how many run at once, in either function: all of them start together,
//!   however many (ten thousand too: no rounds, no cap), and the first error is returned
//!   the moment it happens however many there are.
//! - A lookup may be ready at once (a cache hit: its first poll returns its record);
//!   its result counts like any other. A future is polled to its end by whatever
//!   awaits it, and never again after it returned its result.
//! - Wait the way futures wait: return `Pending` only when the lookups did (they wake
//!   the task when they have something), never wake yourself to poll again
//!   (busy-polling), and never block the thread (`futures::executor::block_on` inside
//!   an `async fn` stops the very runtime the lookups need).
//! - Keep the signatures as they are, with no bound added (no `T: Clone`, no `Send` or
//!   `'static`): records may derive nothing, and lookups may borrow from the caller
//!   (`|id| db.get(id)`). Nor need the futures you return be `Send`: with no `Send` in
//!   the signature, a `Box<dyn Future + '_>` of a lookup is as good a slot as any.
//! - No ids: `fetch_all` returns an empty `Vec` and `try_fetch_all` returns `Ok` of one,
//!   at once.
//! - If two lookups fail at the same instant, either error may be returned.
//! - Dropping the returned future (a `timeout` around the call, say) drops every
//!   lookup it started: nothing is left running.
//!
//! Hint: `futures::future` has a function for the first part. For the second, its
//! fallible twin returns early only up to 30 futures (chapter 02 shows why); a
//! `futures::stream::FuturesUnordered` that you drain yourself has no such limit. Run
//! `cargo workshop hint 02` for more.
//!
//! Check your work with `cargo workshop check 02` (or `cargo test -p join-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

/// Fetches every id concurrently; results in the order of `ids`.
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    todo!("fetch_all: start every fetch, then await them all together")
}

/// Fetches every id concurrently; stops at the first error.
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    todo!("try_fetch_all: like fetch_all, but return the first error at once")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as join;
#[path = "../../exercises/02-join/tests/spec.rs"]
mod spec;
