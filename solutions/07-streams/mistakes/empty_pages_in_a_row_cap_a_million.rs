//! Mistake: a million empty pages in a row end the listing, "a feed that quiet is dead".
//! class: fixture — the old tests' longest run of empty pages was 299 998, under the
//! cap; a feed that waits through 1 099 998 of them shows it. (From round 11's attack,
//! where it passed every test.)
//!
//! `empty_pages_in_a_row_cap` with a rounder number. A feed polled in a loop answers
//! "nothing new, ask again here" for as long as nothing happens, a million times in a
//! few hours if the consumer asks often; no count of empty pages tells a dead feed from
//! a quiet one. Only `next: None` ends a listing; a consumer that will not wait that
//! long puts a `take` or a timeout around the stream.

// ANCHOR: mistake
const MAX_EMPTY_IN_A_ROW: u32 = 1_000_000;
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
