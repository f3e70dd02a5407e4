//! Mistake: the slots made with `vec![None; n]`, and the `T: Clone` it asks for added
//! to the signature.
//! class: fixture — the spec's records are `String`s, which are `Clone`; only a record
//! type that derives nothing shows the bound.
//!
//! `vec![None; ids.len()]` clones its first element, so it needs `Option<T>: Clone`,
//! and the compiler suggests adding `T: Clone`. With the bound the function works for
//! every test that uses `String`s, but it no longer accepts what the task's signature
//! accepts: a record that cannot be cloned (a connection, a file, a row that borrows).
//! `(0..n).map(|_| None).collect()` makes the same slots without cloning anything.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

use futures::TryStreamExt;
use futures::stream::FuturesUnordered;

// ANCHOR: mistake
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    T: Clone,
{
    let mut pending: FuturesUnordered<_> = ids
        .iter()
        .enumerate()
        .map(|(slot, &id)| {
            let lookup = fetch(id);
            async move { lookup.await.map(|record| (slot, record)) }
        })
        .collect();
    let mut slots = vec![None; ids.len()];
    while let Some((slot, record)) = pending.try_next().await? {
        slots[slot] = Some(record);
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
