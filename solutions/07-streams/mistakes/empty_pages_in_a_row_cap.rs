//! Mistake: five empty pages in a row end the listing, "in case the API is stuck".
//! class: fixture — the most empty pages in a row in the old tests were three, under
//! the cap; a feed that waits through thousands of them shows it. (From round 5's
//! attack, where it passed every test.)
//!
//! An API that filters on the server, or a feed with nothing new yet, answers with
//! empty pages for as long as it takes, each with a `next` to go on with. A cap on
//! them, like any cap, cuts the listing short without a word: the consumer cannot tell
//! it from the end. Only `next: None` ends a listing.

// ANCHOR: mistake
const MAX_EMPTY_IN_A_ROW: u32 = 5;
// ANCHOR_END: mistake

// The capped `pages` itself, shared with the other caps on empty pages in a row.
#[path = "common/empty_pages_in_a_row_cap.rs"]
mod empty_pages_in_a_row_cap;
pub use empty_pages_in_a_row_cap::pages;

// The rest is the reference's (its `items` calls `crate::pages`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
