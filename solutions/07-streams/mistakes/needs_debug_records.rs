//! Mistake: `items` asks for `T: Debug`, to log what it hands out.
//! class: fixture — every record of the old tests was `Debug` (a `&str`, a `u32`, and
//! the counted `Record` too), so the bound compiled and no test could see it; the
//! counted `Record` is no longer `Debug`. (From round 11's attack, where it passed every
//! test.)
//!
//! A `dbg!` or an `eprintln!("{item:?}")` while writing the stream is how one looks
//! inside it, and the compiler's suggestion for it is the bound; the log goes, the bound
//! stays. But it is the caller's records: a row type need not be `Debug` (it may hold a
//! secret, or a handle that cannot be printed). Keep the signatures as they are; log in
//! the consumer, where the type is known.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
    T: std::fmt::Debug, // for the `dbg!` below, now gone
{
    crate::pages(first, fetch_page).flat_map(|page| {
        // dbg!(&page.items);
        stream::iter(page.items)
    })
}

/// What the spec's `any_fetcher_will_do_and_records_are_not_copied` does: records that
/// are not `Debug`.
struct Row {
    id: u32,
}

pub fn records_that_are_not_debug() -> impl Stream<Item = u32> {
    let fetch_page = |cursor| async move {
        Page {
            items: vec![Row { id: cursor }],
            next: None,
        }
    };
    items(1, fetch_page).map(|row| row.id)
}
// ANCHOR_END: mistake

// The rest is the reference's. (Compiled on its own, as a library: the spec's tests
// would not be built, so the function above does what they do.)
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
