//! Mistake: the lookups boxed as `Pin<Box<dyn Future<…>>>`, and the `'static` bounds
//! that asks for added to the signature.
//! class: fixture — the spec's fake lookups own everything they use (`'static`); only a
//! lookup that borrows a local `db` shows the bound.
//!
//! A `Box<dyn Future<Output = X>>` written without a lifetime means `dyn Future + 'static`,
//! so boxing the lookups into one type asks for `Fut: 'static` (and `T`, `E`), and
//! the compiler suggests adding it. With the bounds every `'static` fake passes, but
//! the function no longer takes what the task's signature takes: a `fetch` whose
//! futures borrow from the caller, like `|id| db.get(id)`, the usual kind.
//! `Pin<Box<dyn Future<Output = X> + '_>>` (or `futures::FutureExt::boxed_local`)
//! boxes them without asking for `'static`.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::pin::Pin;

use futures::future::select_all;

// ANCHOR: mistake
type Lookup<T, E> = Pin<Box<dyn Future<Output = (usize, Result<T, E>)>>>;

pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>> + 'static,
    T: 'static,
    E: 'static,
{
    let mut pending: Vec<Lookup<T, E>> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            Box::pin(async move { (slot, lookup.await) }) as Lookup<T, E>
        })
        .collect();
    let mut slots: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while !pending.is_empty() {
        let ((slot, result), _, rest) = select_all(pending).await;
        slots[slot] = Some(result?);
        pending = rest;
    }
    Ok(slots.into_iter().flatten().collect())
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
